/** Pure derivations from the state, for selectors (wrapped in `useShallow` where they build lists). */
import type { ChatMessage, Contact, Jid, PresenceShow } from '../../app/shared/contract.ts';
import type { JabberState } from './model.ts';

const PRESENCE_RANK: Readonly<Record<PresenceShow, number>> = { online: 0, away: 1, dnd: 2, xa: 3, offline: 4 };

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Available first (online, away, dnd, xa, then offline), then by name ignoring case, then by JID. */
export function compareContacts(a: Contact, b: Contact): number {
  return (
    PRESENCE_RANK[a.presence.show] - PRESENCE_RANK[b.presence.show] ||
    byName.compare(a.name, b.name) ||
    (a.jid < b.jid ? -1 : a.jid > b.jid ? 1 : 0)
  );
}

export function sortContacts(contacts: Iterable<Contact>): Contact[] {
  return [...contacts].sort(compareContacts);
}

export const selectSortedContacts = (state: JabberState): Contact[] => sortContacts(Object.values(state.contacts));

const NO_MESSAGES: readonly ChatMessage[] = [];

export const selectMessages = (state: JabberState, conversation: Jid): readonly ChatMessage[] =>
  (Object.hasOwn(state.messages, conversation) ? state.messages[conversation] : undefined) ?? NO_MESSAGES;

export const selectUnread = (state: JabberState, conversation: Jid): number => state.unread[conversation] ?? 0;

/** How to call a conversation partner: the roster name, else the JID. */
export const selectDisplayName = (state: JabberState, jid: Jid): string =>
  (Object.hasOwn(state.contacts, jid) ? state.contacts[jid]?.name : undefined) || jid;
