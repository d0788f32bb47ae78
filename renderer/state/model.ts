/**
 * The shape of the renderer's state: a projection of the core's truth, fed by events.
 * One interface per slice; the store is their union. Plain data only (no functions).
 */
import type { AppError, ChatMessage, ConnectionState, Contact, Jid, Presence } from '../../app/shared/contract.ts';

export interface ConnectionSliceState {
  readonly connection: ConnectionState;
  /** The account of the current session: set when connected, kept while reconnecting, cleared on sign-out. */
  readonly account: Jid | null;
  /** The last account that was signed in, to prefill the sign-in form. */
  readonly lastAccount: Jid | null;
  /** A sign-in request is in flight. */
  readonly signingIn: boolean;
  /** Why the last sign-in (or the session) failed; null when there is nothing to report. */
  readonly signInError: AppError | null;
}

export interface RosterSliceState {
  /** Contacts by bare JID. */
  readonly contacts: Readonly<Record<Jid, Contact>>;
}

export interface PresenceSliceState {
  readonly ownPresence: Presence;
}

export interface ChatsSliceState {
  /** Messages per conversation (bare JID), ordered by timestamp, unique by direction and id. */
  readonly messages: Readonly<Record<Jid, readonly ChatMessage[]>>;
  /** Unread incoming messages per conversation; absent means zero. */
  readonly unread: Readonly<Record<Jid, number>>;
  /** Unsent composer text per conversation; absent means empty. */
  readonly drafts: Readonly<Record<Jid, string>>;
  /** The open conversation, or null. */
  readonly active: Jid | null;
}

export type JabberState = ConnectionSliceState & RosterSliceState & PresenceSliceState & ChatsSliceState;

export const initialConnection: ConnectionSliceState = {
  connection: { status: 'disconnected' },
  account: null,
  lastAccount: null,
  signingIn: false,
  signInError: null,
};

export const initialRoster: RosterSliceState = { contacts: {} };

export const initialPresence: PresenceSliceState = { ownPresence: { show: 'offline', status: '' } };

export const initialChats: ChatsSliceState = { messages: {}, unread: {}, drafts: {}, active: null };

export const initialState: JabberState = { ...initialConnection, ...initialRoster, ...initialPresence, ...initialChats };
