/**
 * XEP-0012 Last Activity: answering how long our user has been idle (only to those who may see our
 * presence anyway), and asking it of a contact: an offline contact's server says how long ago they left.
 * `createLastActivity` is the feature: it answers the queries and the contract's getLastActivity.
 */
import { phrase } from '../../../shared/phrase.ts';
import { xml } from '@xmpp/xml';
import type { Jid, LastActivity } from '../../../shared/contract.ts';
import { toBareJid } from '../../../shared/jid.ts';
import { ok } from '../../../shared/result.ts';
import { coreError } from '../../errors.ts';
import type { FeatureParts } from '../../session/feature.ts';
import { stanzaError, type IqHandler, type IqRouter } from '../../session/iq.ts';
import { parseLastActivityResult } from '../../xml/last-activity.ts';
import { NS } from '../../xml/namespaces.ts';
import { parseContactRequest } from '../roster/contacts-input.ts';

export interface LastActivityDependencies {
  readonly ownBareJid: Jid;
  /** Seconds since the user's last activity. */
  readonly idleSeconds: () => number;
  /** Whether this bare JID is allowed to see our presence (a `from` or `both` subscription). */
  readonly seesOurPresence: (bareJid: Jid) => boolean;
  /** Invisible (XEP-0186): answer as an offline resource would, unless it is our own account asking. */
  readonly hidden: () => boolean;
}

export function lastActivityHandler(deps: LastActivityDependencies): IqHandler {
  return ({ from }) => {
    const bare = from === '' ? deps.ownBareJid : toBareJid(from);
    if (bare !== deps.ownBareJid && deps.hidden()) return stanzaError('cancel', 'service-unavailable');
    // Idle time is presence information (XEP-0012 §4): strangers learn nothing.
    if (bare === null || (bare !== deps.ownBareJid && !deps.seesOurPresence(bare))) return stanzaError('auth', 'forbidden');
    return xml('query', { xmlns: NS.lastActivity, seconds: String(deps.idleSeconds()) });
  };
}

/**
 * Asks `target` when the contact `jid` was last active: one of their resources (how long idle) or, for an
 * offline contact, their bare JID (their server: how long since they left).
 */
export async function queryLastActivity(iq: IqRouter, jid: Jid, target: Jid, timeoutMs: number, now: () => number = Date.now): Promise<LastActivity> {
  const reply = await iq.request('get', xml('query', { xmlns: NS.lastActivity }), target, timeoutMs);
  const answer = parseLastActivityResult(reply);
  if (answer === null) throw coreError('stream-error', phrase('{{jid}} answered the last-activity request with something unreadable.', { jid }), { condition: 'bad-request' });
  // A server that has no record says 0 seconds (Prosody after a restart): for an offline account that means "not known".
  const unknown = target === jid && answer.seconds === 0 && answer.status === '';
  return { jid, since: unknown ? null : now() - answer.seconds * 1000, status: answer.status };
}

/** Answers XEP-0012 queries, and the contract's getLastActivity for this account. */
export function createLastActivity(deps: LastActivityDependencies & {
  readonly iq: IqRouter;
  /** A resource of the contact's that shows as available now, if any (the last one listed). */
  readonly availableResource: (bareJid: Jid) => string | undefined;
  readonly timeoutMs: number;
}): FeatureParts {
  deps.iq.handle('get', NS.lastActivity, 'query', lastActivityHandler(deps));
  return {
    commands: {
      async getLastActivity(request) {
        const input = parseContactRequest(request);
        if (!input.ok) return input;
        const contact = input.value.jid;
        // Online: ask the resource that shows (its idle time); offline: the bare JID (their server).
        const resource = deps.availableResource(contact);
        return ok(await queryLastActivity(deps.iq, contact, resource === undefined ? contact : `${contact}/${resource}`, deps.timeoutMs));
      },
    },
  };
}
