/**
 * What each contact's devices are (XEP-0115 entity capabilities): the `ver` in a presence names a
 * disco#info result (XEP-0030); we ask a device only for a `ver` we have never seen, and only devices of
 * our contacts and of our own account (anyone can announce made-up vers, and each would cost a query),
 * at most a few at a time and one per ver. We check the answer against the `ver` (§5.4: a forged answer
 * would poison every device that shares it) and keep it in a cache shared by every account and kept in
 * the profile. The Profile lists each device's client.
 */
import { createHash } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import type { ContactDevice, Jid } from '../../../shared/contract.ts';
import { parseJid, formatBare } from '../../../shared/jid.ts';
import type { CapsCache } from './caps-cache.ts';
import type { IqRouter } from '../../session/iq.ts';
import type { StanzaObserver, StanzaRoutes } from '../../session/router.ts';
import { NS } from '../../xml/namespaces.ts';
import { parseCapsAnnouncement, parseDiscoInfo, type DiscoInfo } from '../../xml/caps.ts';
import { MAX_RESOURCES_PER_JID, MAX_UNLISTED_JIDS } from '../presence/presence-limits.ts';
import { RecentMap } from '../../recent-map.ts';

/** XEP-0115 §5.1 verification string over identities, features and extended forms, SHA-1, base64; null where §5.4 forbids one. */
export function capsVer(info: DiscoInfo): string | null {
  const identityLines = info.identities.map((identity) => `${identity.category}/${identity.type}/${identity.lang ?? ''}/${identity.name}`);
  // §5.4 3.3–3.6: duplicates and malformed forms make the result unusable for caching.
  if (new Set(identityLines).size !== identityLines.length || new Set(info.features).size !== info.features.length) return null;
  const formTypes = info.forms.map((form) => form.formType);
  if (formTypes.some((type) => type === '') || new Set(formTypes).size !== formTypes.length) return null;
  const lines = [...identityLines.sort(), ...[...info.features].sort()];
  for (const form of [...info.forms].sort((a, b) => (a.formType < b.formType ? -1 : a.formType > b.formType ? 1 : 0))) {
    lines.push(form.formType);
    for (const field of [...form.fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      lines.push(field.name, ...[...field.values].sort());
    }
  }
  return createHash('sha1').update(lines.map((line) => `${line}<`).join(''), 'utf8').digest('base64');
}


export interface Capabilities extends StanzaRoutes {
  /** Every presence: who is online on which device, and its XEP-0115 ver. */
  readonly observers: readonly StanzaObserver[];
  receivePresence(stanza: Element): void;
  /** The devices of a contact now online, with their client names where known. */
  devices(bare: Jid): ContactDevice[];
  /** What a device supports, when its capabilities are known. */
  features(full: Jid): readonly string[] | null;
  /** A new stream: nobody is known to be online any more. */
  reset(): void;
}

/** Client name from a disco#info: the first `client` identity, else the first one. */
function clientName(info: DiscoInfo): string {
  const identity = info.identities.find((candidate) => candidate.category === 'client') ?? info.identities[0];
  return (identity?.name ?? '').slice(0, 128);
}

/**
 * disco#info queries at once: a sign-in with a large roster announces a handful of distinct vers, and a
 * burst beyond a few would only get our own account throttled by the server.
 */
export const MAX_CAPS_QUERIES_IN_FLIGHT = 4;
/**
 * Vers waiting for a free query, oldest first; a new one past this is dropped (the next presence that
 * announces it asks again). 64 holds every distinct client version a roster plausibly announces at sign-in.
 */
export const MAX_WAITING_CAPS_QUERIES = 64;

type Announced = RecentMap<string, string>;

export function createCapabilities(deps: {
  iq: IqRouter;
  cache: CapsCache;
  timeoutMs: number;
  ownBareJid: Jid;
  /** Whether the bare JID is in the roster: only contacts and our own account are asked what their `ver` means. */
  isContact: (bare: Jid) => boolean;
}): Capabilities {
  const { iq, cache, ownBareJid } = deps;
  const trusted = (bare: Jid): boolean => bare === ownBareJid || deps.isContact(bare);
  /** The ver each online device of a contact (or of ours) announced, by bare JID then resource. */
  const online = new Map<Jid, Announced>();
  /** The same for anyone else, within the bounds of the contact book (presence-limits.ts). */
  const onlineUnlisted = new RecentMap<Jid, Announced>(MAX_UNLISTED_JIDS);
  /** Queries in flight, by ver: one per ver at a time. */
  const asking = new Set<string>();
  /** Vers waiting for a free query, with the device to ask, oldest first. */
  const waiting = new Map<string, { full: Jid; bare: Jid; resource: string; node: string }>();

  const announced = (bare: Jid): Announced | undefined => online.get(bare) ?? onlineUnlisted.get(bare);

  function want(query: { full: Jid; bare: Jid; resource: string; node: string }, ver: string): void {
    if (asking.has(ver) || waiting.has(ver) || waiting.size >= MAX_WAITING_CAPS_QUERIES) return;
    waiting.set(ver, query);
    askNext();
  }

  function askNext(): void {
    while (asking.size < MAX_CAPS_QUERIES_IN_FLIGHT) {
      const next = waiting.entries().next().value;
      if (next === undefined) return;
      const [ver, query] = next;
      waiting.delete(ver);
      // Learnt meanwhile, or the device has moved on to another ver (or gone): nothing to ask.
      if (cache.get(ver) !== undefined || announced(query.bare)?.get(query.resource) !== ver) continue;
      void learn(query.full, query.node, ver);
    }
  }

  async function learn(full: Jid, node: string, ver: string): Promise<void> {
    asking.add(ver);
    try {
      const reply = await iq.request('get', xml('query', { xmlns: NS.discoInfo, node: `${node}#${ver}` }), full, deps.timeoutMs);
      const query = reply.getChild('query', NS.discoInfo);
      if (query === undefined) return;
      const info = parseDiscoInfo(query);
      // Only an answer that hashes to the announced ver may stand for every device announcing it.
      if (capsVer(info) !== ver) return;
      cache.put(ver, info);
    } catch (error) {
      // Offline: what waits would fail the same way; the next stream's presence asks again.
      if ((error as { appError?: { code?: string } }).appError?.code === 'not-connected') waiting.clear();
      // Otherwise unanswered: the next device announcing this ver is asked.
    } finally {
      asking.delete(ver);
      askNext();
    }
  }

  const capabilities: Capabilities = {
    observers: [{ kind: 'presence', from: 'anyone', observe: (stanza) => capabilities.receivePresence(stanza) }],
    receivePresence(stanza) {
      const parsed = parseJid(stanza.attrs.from ?? '');
      if (!parsed.ok || parsed.jid.resource === '') return;
      const bare = formatBare(parsed.jid);
      const resource = parsed.jid.resource;
      const type = stanza.attrs.type;
      if (type !== undefined && type !== 'unavailable') return;
      const isTrusted = trusted(bare);
      // Roster changes move a JID between the two maps: take what the other one knew.
      let resources = online.get(bare) ?? onlineUnlisted.get(bare);
      if (isTrusted) onlineUnlisted.delete(bare);
      else online.delete(bare);
      if (type === 'unavailable') {
        resources?.delete(resource);
        if (resources === undefined || resources.size === 0) {
          online.delete(bare);
          onlineUnlisted.delete(bare);
        } else if (isTrusted) online.set(bare, resources);
        else onlineUnlisted.set(bare, resources);
        return;
      }
      const caps = parseCapsAnnouncement(stanza);
      const ver = caps?.hash === 'sha-1' ? caps.ver : '';
      resources ??= new RecentMap(MAX_RESOURCES_PER_JID);
      // Past the caps, the resource (or stranger) updated least recently is forgotten, as in the contact book.
      resources.set(resource, ver);
      if (isTrusted) online.set(bare, resources);
      else onlineUnlisted.set(bare, resources);
      if (isTrusted && caps !== null && ver !== '' && cache.get(ver) === undefined) want({ full: stanza.attrs.from ?? '', bare, resource, node: caps.node }, ver);
    },
    devices(bare) {
      const resources = announced(bare);
      if (resources === undefined) return [];
      return [...resources.entries()].map(([resource, ver]) => {
        const info = ver === '' ? undefined : cache.get(ver);
        return { resource, client: info === undefined ? '' : clientName(info) };
      });
    },
    reset() {
      online.clear();
      onlineUnlisted.clear();
      waiting.clear();
    },
    features(full) {
      const parsed = parseJid(full);
      if (!parsed.ok) return null;
      const ver = announced(formatBare(parsed.jid))?.get(parsed.jid.resource);
      return (ver === undefined || ver === '' ? undefined : cache.get(ver))?.features ?? null;
    },
  };
  return capabilities;
}
