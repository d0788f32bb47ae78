/**
 * What a contact row is given, read from the records the stores hold. Made of the stores' own
 * objects and plain values, so the row of a contact that did not change gets equal props and its
 * React.memo skips it, whatever else changed.
 */
import type { AccountId, Jid } from '../../app/shared/contract.ts';
import type { ContactItemData } from '../components/ContactItem.tsx';
import { isAwaitingAnswer, isBlocked } from '../state/contacts-derive.ts';
import type { JabberState } from '../state/model.ts';
import { getIn } from '../state/per-account.ts';
import { lastActivityOf, type PresenceState } from '../state/presence-store.ts';

export type ContactItemSources = Pick<JabberState, 'contacts' | 'cards' | 'unread' | 'subscriptionRequests' | 'blocked' | 'blockingSupported' | 'active'> &
  Pick<PresenceState, 'lastActivity'>;

export function contactItemData(sources: ContactItemSources, account: AccountId, jid: Jid): ContactItemData {
  const { active } = sources;
  const open = active !== null && active.account === account && active.peer === jid;
  return {
    contact: getIn(sources.contacts, account, jid),
    card: getIn(sources.cards, account, jid),
    // The open conversation is being read: its count (the core's) goes to 0 as soon as markRead reaches it.
    unread: open ? 0 : (getIn(sources.unread, account, jid) ?? 0),
    awaitingAnswer: isAwaitingAnswer(sources, account, jid),
    blocked: isBlocked(sources, account, jid),
    canBlock: Object.hasOwn(sources.blockingSupported, account),
    active: open,
    lastActivity: lastActivityOf(sources.lastActivity, account, jid),
  };
}
