/**
 * Blocking (XEP-0191): the list the server keeps, kept in step by its pushes (accepted only from our
 * server speaking for our account: no `from` or our bare JID exactly, never another device of ours;
 * any other sender changes nothing and is answered `service-unavailable`), and the block/unblock requests. The server then delivers nothing from a blocked
 * entity; `isBlocked` lets the session drop anything that still arrives (a second line).
 * Its contract commands (blockContact, unblockContact), its event (onBlocklist) and its snapshot fields
 * are declared here and travel the generic feature path (session/feature.ts, app/core/README.md).
 */
import { xml } from '@xmpp/xml';
import type { Jid } from '../../../shared/contract.ts';
import { parseJid } from '../../../shared/jid.ts';
import { ok } from '../../../shared/result.ts';
import { coreError } from '../../errors.ts';
import type { AccountEvent, FeatureEmitter, FeatureParts } from '../../session/feature.ts';
import { isFromOwnAccount, stanzaError, type IqRouter } from '../../session/iq.ts';
import { parseBlockItems } from '../../xml/blocking.ts';
import { NS } from '../../xml/namespaces.ts';
import { parseContactRequest } from '../roster/contacts-input.ts';

export interface BlockingDependencies {
  readonly iq: IqRouter;
  /** Our bare JID: the account every event names, and the only sender whose pushes count. */
  readonly ownBareJid: Jid;
  /** Emits the contract's onBlocklist. */
  readonly emit: FeatureEmitter;
  /** How long a request to the server may take. */
  readonly timeoutMs: number;
  /** Someone was just blocked: what other features held of theirs (a subscription request, presence) is moot. */
  readonly blockedContact?: (jid: Jid) => void;
}

/** The module's own operations (the session and the tests use them); its contract commands are in `commands`. */
export interface Blocking extends FeatureParts {
  /** Fetches the list; a server without XEP-0191 leaves it empty and unsupported. */
  fetch(timeoutMs: number): Promise<void>;
  block(jid: Jid, timeoutMs: number): Promise<void>;
  unblock(jid: Jid, timeoutMs: number): Promise<void>;
  /** Whether a stanza from this JID is blocked: by its full JID, bare JID, domain or domain/resource (XEP-0191 §3.2, as privacy lists match). */
  isBlocked(from: string): boolean;
  list(): Jid[];
}

export function createBlocking(deps: BlockingDependencies): Blocking {
  const { iq, ownBareJid, emit } = deps;
  const domain = ownBareJid.slice(ownBareJid.indexOf('@') + 1);
  let blocked = new Set<Jid>();
  let supported = false;

  const blocklist = () => ({ account: ownBareJid, blocked: [...blocked], supported });
  const announce = (): void => emit('onBlocklist', blocklist());
  const fromOurAccount = (from: string): boolean => isFromOwnAccount(from, ownBareJid);

  iq.handle('set', NS.blocking, 'block', ({ payload, from }) => {
    if (!fromOurAccount(from)) return stanzaError('cancel', 'service-unavailable');
    for (const jid of parseBlockItems(payload)) blocked.add(jid);
    announce();
    return undefined;
  });
  iq.handle('set', NS.blocking, 'unblock', ({ payload, from }) => {
    if (!fromOurAccount(from)) return stanzaError('cancel', 'service-unavailable');
    const jids = parseBlockItems(payload);
    // An unblock without items unblocks everyone (XEP-0191 §3.4).
    if (jids.length === 0) blocked = new Set();
    else for (const jid of jids) blocked.delete(jid);
    announce();
    return undefined;
  });

  function requireSupport(): void {
    if (!supported) throw coreError('invalid-argument', 'Your server does not support blocking (XEP-0191).');
  }

  async function block(jid: Jid, timeoutMs: number): Promise<void> {
    requireSupport();
    await iq.request('set', xml('block', { xmlns: NS.blocking }, xml('item', { jid })), null, timeoutMs);
    // The server pushes the change to every resource, this one included; keep it now for the caller's sake.
    if (!blocked.has(jid)) {
      blocked.add(jid);
      announce();
    }
  }

  async function unblock(jid: Jid, timeoutMs: number): Promise<void> {
    requireSupport();
    await iq.request('set', xml('unblock', { xmlns: NS.blocking }, xml('item', { jid })), null, timeoutMs);
    if (blocked.delete(jid)) announce();
  }

  return {
    // XEP-0191 as the contract's commands; the session routes each here by its account.
    commands: {
      async blockContact(request) {
        const input = parseContactRequest(request);
        if (!input.ok) return input;
        if (input.value.jid === domain) throw coreError('invalid-argument', 'You cannot block your own server.');
        await block(input.value.jid, deps.timeoutMs);
        deps.blockedContact?.(input.value.jid);
        return ok(null);
      },
      async unblockContact(request) {
        const input = parseContactRequest(request);
        if (!input.ok) return input;
        await unblock(input.value.jid, deps.timeoutMs);
        return ok(null);
      },
    },
    snapshot: () => ({ blocked: [...blocked], blockingSupported: supported }),
    signedOut() {
      if (blocked.size === 0 && !supported) return [];
      blocked = new Set();
      supported = false;
      return [{ event: 'onBlocklist', payload: blocklist() } satisfies AccountEvent];
    },
    async fetch(timeoutMs) {
      try {
        const reply = await iq.request('get', xml('blocklist', { xmlns: NS.blocking }), null, timeoutMs);
        const list = reply.getChild('blocklist', NS.blocking);
        supported = true;
        blocked = new Set(list === undefined ? [] : parseBlockItems(list));
      } catch (error) {
        const condition = (error as { appError?: { condition?: string } }).appError?.condition;
        // Only "the server does not do this" means unsupported; a timeout or a dropped link says nothing.
        if (condition !== 'service-unavailable' && condition !== 'feature-not-implemented') throw error;
        supported = false;
        blocked = new Set();
      }
      announce();
    },
    block,
    unblock,
    isBlocked(from) {
      if (blocked.size === 0) return false;
      const parsed = parseJid(from);
      if (!parsed.ok) return false;
      const { local, domain, resource } = parsed.jid;
      const bare = local === '' ? domain : `${local}@${domain}`;
      return blocked.has(bare) || blocked.has(domain) || (resource !== '' && (blocked.has(`${bare}/${resource}`) || blocked.has(`${domain}/${resource}`)));
    },
    list: () => [...blocked],
  };
}
