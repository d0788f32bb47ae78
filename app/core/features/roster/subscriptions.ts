/**
 * Presence subscriptions (RFC 6121 §3): requests others send us, kept until answered, and the
 * subscription presences we send. Roster state (subscription, ask) comes from the server's roster
 * pushes; this module only tracks what the roster cannot show: who waits for our answer. It emits the
 * contract's onSubscriptionRequests itself and fills the snapshot's `subscriptionRequests` (session/feature.ts).
 */
import { xml, type Element } from '@xmpp/xml';
import type { Contact, Jid, SubscriptionRequest } from '../../../shared/contract.ts';
import type { AccountEvent, FeatureEmitter, FeatureParts } from '../../session/feature.ts';
import type { ParsedPresence } from '../../xml/presence.ts';

export type SubscriptionPresenceType = 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';

export interface Subscriptions extends FeatureParts {
  /** Handles a subscription presence from someone else. */
  receive(presence: ParsedPresence): void;
  /** A roster push or fetch: a contact we already share our presence with waits for nothing. */
  contactChanged(contact: Contact): void;
  /** Sends one subscription presence and settles any request from that JID it answers. */
  send(to: Jid, type: SubscriptionPresenceType): Promise<void>;
  pending(jid: Jid): SubscriptionRequest | null;
  /** The contact left the roster: the server refused any request of theirs (RFC 6121 §2.5.2). */
  contactRemoved(jid: Jid): void;
  list(): SubscriptionRequest[];
  /** A new session: the server delivers requests still unanswered again after our initial presence (RFC 6121 §3.1.3). */
  reset(): void;
}

/** A flood of requests (spam) must not grow without bound. */
export const MAX_PENDING_REQUESTS = 5_000;

export function createSubscriptions(deps: {
  send: (element: Element) => Promise<void>;
  ownBareJid: Jid;
  /** Emits the contract's onSubscriptionRequests. */
  emit: FeatureEmitter;
  /** Whether they already see our presence (then their server answers for us, RFC 6121 §3.1.3, and there is nothing to ask). */
  sharesWith?: (jid: Jid) => boolean;
  now?: () => number;
}): Subscriptions {
  const { ownBareJid, emit } = deps;
  const now = deps.now ?? Date.now;
  const requests = new Map<Jid, SubscriptionRequest>();

  const list = (): SubscriptionRequest[] => [...requests.values()];
  /** A burst of requests (one network read can hold hundreds) is announced once, with the whole list. */
  let announcing = false;
  const changed = (): void => {
    if (announcing) return;
    announcing = true;
    queueMicrotask(() => {
      announcing = false;
      emit('onSubscriptionRequests', { account: ownBareJid, requests: list() });
    });
  };
  function settle(jid: Jid): void {
    if (requests.delete(jid)) changed();
  }

  return {
    receive(presence) {
      const jid = presence.bareFrom;
      if (jid === ownBareJid) return;
      if (presence.type === 'subscribe') {
        if (deps.sharesWith?.(jid) === true) return;
        const known = requests.get(jid);
        if (known === undefined && requests.size >= MAX_PENDING_REQUESTS) return;
        // A repeated request keeps its place and first arrival, with the newest words.
        requests.set(jid, { jid, nickname: presence.nickname || (known?.nickname ?? ''), status: presence.status, receivedAt: known?.receivedAt ?? now() });
        changed();
      } else if (presence.type === 'unsubscribe') {
        // They withdrew their request (or stopped seeing our presence): nothing left to answer.
        settle(jid);
      }
    },
    contactChanged(contact) {
      if (contact.subscription === 'from' || contact.subscription === 'both') settle(contact.jid);
    },
    async send(to, type) {
      await deps.send(xml('presence', { to, type }));
      if (type === 'subscribed' || type === 'unsubscribed') settle(to);
    },
    pending: (jid) => requests.get(jid) ?? null,
    contactRemoved: settle,
    list,
    snapshot: () => ({ subscriptionRequests: list() }),
    signedOut() {
      if (requests.size === 0) return [];
      requests.clear();
      return [{ event: 'onSubscriptionRequests', payload: { account: ownBareJid, requests: [] } } satisfies AccountEvent];
    },
    reset() {
      if (requests.size === 0) return;
      requests.clear();
      changed();
    },
  };
}
