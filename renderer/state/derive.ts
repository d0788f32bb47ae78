/** Pure derivations from the state, for selectors (wrapped in `useShallow` where they build lists). */
import type { AccountId, AccountSummary, ChatMessage, Contact, Jid, PresenceShow } from '../../app/shared/contract.ts';
import { shownName } from '../avatar/names.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { collator } from '../text/intl.ts';
import type { ConversationRef, JabberState } from './model.ts';
import { getIn, ofAccount } from './per-account.ts';

const PRESENCE_RANK: Readonly<Record<PresenceShow, number>> = { online: 0, away: 1, dnd: 2, xa: 3, offline: 4 };

/** How names are ordered: in the interface's language, ignoring case and accents, "9" before "10". */
export const nameOrder = (): Intl.Collator => collator(currentLanguage(), { sensitivity: 'base', numeric: true });

/** Available first (online, away, dnd, xa, then offline), then by name ignoring case, then by JID. */
export function compareContacts(a: Contact, b: Contact, names: Intl.Collator = nameOrder()): number {
  return (
    PRESENCE_RANK[a.presence.show] - PRESENCE_RANK[b.presence.show] ||
    names.compare(a.name, b.name) ||
    (a.jid < b.jid ? -1 : a.jid > b.jid ? 1 : 0)
  );
}

export function sortContacts(contacts: Iterable<Contact>): Contact[] {
  const names = nameOrder();
  return [...contacts].sort((a, b) => compareContacts(a, b, names));
}

// ---- accounts -------------------------------------------------------------------------------

export const selectAccountIds = (state: JabberState): AccountId[] => state.accounts.map((summary) => summary.account);

export const selectSummary = (state: JabberState, account: AccountId): AccountSummary | undefined =>
  state.accounts.find((summary) => summary.account === account);

/** The account the top bar and "My status" act on: the chosen one while it exists, else the first. */
export const selectCurrentAccount = (state: JabberState): AccountSummary | undefined =>
  (state.selected === null ? undefined : selectSummary(state, state.selected)) ?? state.accounts[0];

// ---- contacts -------------------------------------------------------------------------------

/**
 * The JIDs an account's part of the contact list shows: its roster sorted, then people who wrote to it
 * without being in the roster (newest conversation first). Nothing while the account has no session.
 */
export function selectContactJids(state: JabberState, account: AccountId): Jid[] {
  const summary = selectSummary(state, account);
  if (summary === undefined || summary.connection.status === 'disconnected') return [];
  const roster = ofAccount(state.contacts, account);
  const listed = sortContacts(Object.values(roster)).map((contact) => contact.jid);
  const strangers = Object.entries(ofAccount(state.messages, account))
    .filter(([peer, messages]) => !Object.hasOwn(roster, peer) && messages.length > 0)
    .sort(([, a], [, b]) => (b.at(-1)?.timestamp ?? 0) - (a.at(-1)?.timestamp ?? 0))
    .map(([peer]) => peer);
  return [...listed, ...strangers];
}

/** Whether the account's part of the contact list shows anything (cheaper than building it). */
export function selectHasContacts(state: JabberState, account: AccountId): boolean {
  const summary = selectSummary(state, account);
  if (summary === undefined || summary.connection.status === 'disconnected') return false;
  return Object.keys(ofAccount(state.contacts, account)).length > 0 || Object.values(ofAccount(state.messages, account)).some((list) => list.length > 0);
}

export const selectContact = (state: Pick<JabberState, 'contacts'>, { account, peer }: ConversationRef): Contact | undefined => getIn(state.contacts, account, peer);

const NO_MESSAGES: readonly ChatMessage[] = [];

export const selectMessages = (state: JabberState, { account, peer }: ConversationRef): readonly ChatMessage[] =>
  getIn(state.messages, account, peer) ?? NO_MESSAGES;

export const selectUnread = (state: JabberState, { account, peer }: ConversationRef): number => getIn(state.unread, account, peer) ?? 0;

export const selectDraft = (state: JabberState, { account, peer }: ConversationRef): string => getIn(state.drafts, account, peer) ?? '';

/** How to call a conversation partner: the roster name, else the JID. */
/** The roster name, else the contact's own nickname (XEP-0172), else the JID. */
export const selectDisplayName = (state: Pick<JabberState, 'contacts' | 'cards'>, ref: ConversationRef): string =>
  shownName(selectContact(state, ref), state.cards[ref.account]?.[ref.peer]) || ref.peer;
