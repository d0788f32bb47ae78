/**
 * The shape of the renderer's state: a projection of the core's truth, fed by events.
 * One interface per slice; the store is their union. Plain data only (no functions).
 * Everything that belongs to an account is keyed by the account first.
 */
import type { PolicyState } from '../../app/shared/policy.ts';
import type { AccountId, AccountSummary, AppError, ChatMessage, ChatState, Contact, ContactCard, Jid, MessageCursor, Occupant, Room, RoomInvitation, TrustedAuthority, SubscriptionRequest } from '../../app/shared/contract.ts';

/** A conversation belongs to one of our accounts and one peer. */
export interface ConversationRef {
  readonly account: AccountId;
  /** The other party's bare JID. */
  readonly peer: Jid;
}

/** Per account, per bare JID. */
export type PerAccount<T> = Readonly<Record<AccountId, Readonly<Record<Jid, T>>>>;

export interface AccountsSliceState {
  /** The configured accounts in the core's order, with their settings and live state. */
  readonly accounts: readonly AccountSummary[];
  /** Company CAs trusted for every account. */
  readonly trustedAuthorities: readonly TrustedAuthority[];
  /** The first snapshot has arrived: before it, nobody knows whether an account exists. */
  readonly loaded: boolean;
  /** The account the top bar and "My status" act on; null (or one that is gone) means the first. */
  readonly selected: AccountId | null;
  /** Accounts catching up a long stretch from their archive: messages fetched so far. */
  readonly archiveSync: Readonly<Record<AccountId, number>>;
  /** The organisation's policy from the snapshot (app/shared/policy.ts); absent: none. */
  readonly policy?: PolicyState;
}

export interface SignInSliceState {
  /** The Add account form is open over the main screen. */
  readonly adding: boolean;
  /** An add-account request is in flight. */
  readonly signingIn: boolean;
  /** Why the last add-account request failed; null when there is nothing to report. */
  readonly signInError: AppError | null;
}

export interface RosterSliceState {
  readonly contacts: PerAccount<Contact>;
}

/** Where a conversation's loaded messages sit in its stored history. */
export interface HistoryWindow {
  /** Load older messages before this position; null: the oldest stored message is loaded. */
  readonly older: MessageCursor | null;
  /** Load newer messages after this position; null: the newest is loaded, and live messages join at the end. */
  readonly newer: MessageCursor | null;
}

/** A message to bring into view and highlight (a search hit being opened). */
export interface MessageFocus extends ConversationRef {
  /** The message's key in its conversation: `direction:id`. */
  readonly key: string;
  /** Tells one request from the next for the same message. */
  readonly nonce: number;
}

export interface ChatsSliceState {
  /** Messages per conversation, ordered by timestamp, unique by direction and id. */
  readonly messages: PerAccount<readonly ChatMessage[]>;
  /** Unread incoming messages per conversation; absent means zero. */
  readonly unread: PerAccount<number>;
  /** Unsent composer text per conversation; absent means empty. */
  readonly drafts: PerAccount<string>;
  /** The open conversation, or null. */
  readonly active: ConversationRef | null;
  /** Peers typing (composing) or who stopped for a moment (paused); absent means neither. */
  readonly typing: PerAccount<Extract<ChatState, 'composing' | 'paused'>>;
  /** Per conversation: the id of our message the composer is correcting; absent when writing a new one. */
  readonly editing: PerAccount<string>;
  /** Conversations whose messages were read from the stored history (paging); absent: only the snapshot and live messages. */
  readonly windows: PerAccount<HistoryWindow>;
  readonly focus: MessageFocus | null;
}

/** Subscription requests awaiting an answer, and how the user arranged the contact list. */
export interface ContactsSliceState {
  /** Per account, in arrival order. */
  readonly subscriptionRequests: Readonly<Record<AccountId, readonly SubscriptionRequest[]>>;
  /** JIDs each account blocks (XEP-0191). */
  readonly blocked: Readonly<Record<AccountId, readonly Jid[]>>;
  /** Accounts whose server supports blocking. */
  readonly blockingSupported: Readonly<Record<AccountId, true>>;
  /** What the "Filter contacts" box holds. */
  readonly contactFilter: string;
  /** Groups the user folded, by `groupKey(account, group)`. */
  readonly collapsedGroups: Readonly<Record<string, true>>;
  /** Why the last contact action started from a menu failed (dialogs show their own errors). */
  readonly contactError: AppError | null;
  /** The contact dialog open over the main screen (from a contact's menu), or null. */
  readonly contactDialog: ContactDialog | null;
}

export interface ContactDialog {
  readonly kind: 'add' | 'rename' | 'groups' | 'remove' | 'blocked';
  /** For 'add': the account chosen first (the current one); otherwise the contact's account and JID. */
  readonly account: AccountId;
  readonly jid: Jid;
}

/** Avatars, nicknames, and the open Profile dialog (issue 5). */
export interface ProfilesSliceState {
  /** Per account, per bare JID (the account's own included); absent: no avatar and no nickname. */
  readonly cards: PerAccount<ContactCard>;
  /** The contact whose Profile dialog is open, or null. */
  readonly profileDialog: ConversationRef | null;
}

/** Group chat rooms (issue 10): the rooms of each account, who is in them, invitations. */
export interface RoomsSliceState {
  /** Per account, as the core lists them (joined, joining or bookmarked). */
  readonly rooms: Readonly<Record<AccountId, readonly Room[]>>;
  /** Per account, per room JID: the occupants, ourselves included. */
  readonly occupants: PerAccount<readonly Occupant[]>;
  readonly roomInvitations: Readonly<Record<AccountId, readonly RoomInvitation[]>>;
}

export type JabberState = AccountsSliceState & SignInSliceState & RosterSliceState & ChatsSliceState & ContactsSliceState & ProfilesSliceState & RoomsSliceState;

export const initialAccounts: AccountsSliceState = { accounts: [], trustedAuthorities: [], loaded: false, selected: null, archiveSync: {} };

export const initialSignIn: SignInSliceState = { adding: false, signingIn: false, signInError: null };

export const initialRoster: RosterSliceState = { contacts: {} };

export const initialChats: ChatsSliceState = { messages: {}, unread: {}, drafts: {}, active: null, typing: {}, editing: {}, windows: {}, focus: null };

export const initialContacts: ContactsSliceState = { subscriptionRequests: {}, blocked: {}, blockingSupported: {}, contactFilter: '', collapsedGroups: {}, contactError: null, contactDialog: null };

export const initialProfiles: ProfilesSliceState = { cards: {}, profileDialog: null };

export const initialRooms: RoomsSliceState = { rooms: {}, occupants: {}, roomInvitations: {} };

export const initialState: JabberState = { ...initialAccounts, ...initialSignIn, ...initialRoster, ...initialChats, ...initialContacts, ...initialProfiles, ...initialRooms };
