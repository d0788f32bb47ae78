/**
 * Pure state transitions. The store and the event binding call these; tests call them directly.
 * Each takes the state it needs and returns the next state (the same object when nothing changed).
 */
import type { ChatMessage, ConnectionState, Contact, Jid, Presence, Snapshot } from '../../app/shared/contract.ts';
import { toBareJid } from '../../app/shared/jid.ts';
import {
  initialChats,
  initialPresence,
  initialRoster,
  type ChatsSliceState,
  type ConnectionSliceState,
  type JabberState,
  type PresenceSliceState,
  type RosterSliceState,
} from './model.ts';

const has = (record: object, key: string): boolean => Object.hasOwn(record, key);

function without<V>(record: Readonly<Record<string, V>>, key: string): Readonly<Record<string, V>> {
  if (!has(record, key)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

// ---- roster -------------------------------------------------------------------------------

/** The whole roster, replacing what was there. */
export function applyRoster(_state: RosterSliceState, contacts: readonly Contact[]): RosterSliceState {
  const next: Record<Jid, Contact> = {};
  for (const contact of contacts) next[contact.jid] = contact;
  return { contacts: next };
}

/** One contact added or changed. */
export function applyContact(state: RosterSliceState, contact: Contact): RosterSliceState {
  return { contacts: { ...state.contacts, [contact.jid]: contact } };
}

export function applyContactRemoved(state: RosterSliceState, jid: Jid): RosterSliceState {
  const contacts = without(state.contacts, jid);
  return contacts === state.contacts ? state : { contacts };
}

// ---- own presence -------------------------------------------------------------------------

export function applyOwnPresence(_state: PresenceSliceState, presence: Presence): PresenceSliceState {
  return { ownPresence: presence };
}

// ---- chats --------------------------------------------------------------------------------

const sameMessage = (a: ChatMessage, b: ChatMessage): boolean => a.id === b.id && a.direction === b.direction;

/**
 * `list` with `message` inserted in timestamp order (after any message with the same timestamp),
 * or null when the list already holds it.
 */
export function insertMessage(list: readonly ChatMessage[], message: ChatMessage): readonly ChatMessage[] | null {
  if (list.some((m) => sameMessage(m, message))) return null;
  let index = list.length;
  while (index > 0 && list[index - 1]!.timestamp > message.timestamp) index -= 1;
  return [...list.slice(0, index), message, ...list.slice(index)];
}

/** A live message: appended to its conversation; counted as unread when incoming and its conversation is not open. */
export function applyMessage(state: ChatsSliceState, message: ChatMessage): ChatsSliceState {
  const conversation = message.conversation;
  const list = has(state.messages, conversation) ? state.messages[conversation]! : [];
  const nextList = insertMessage(list, message);
  if (nextList === null) return state;
  const messages = { ...state.messages, [conversation]: nextList };
  const counts = message.direction === 'in' && state.active !== conversation;
  const unread = counts ? { ...state.unread, [conversation]: (state.unread[conversation] ?? 0) + 1 } : state.unread;
  return { ...state, messages, unread };
}

/** Messages from history (a snapshot): merged in order and deduplicated, never counted as unread. */
export function applyHistory(state: ChatsSliceState, history: readonly ChatMessage[]): ChatsSliceState {
  if (history.length === 0) return state;
  const byConversation = new Map<Jid, ChatMessage[]>();
  for (const message of history) {
    const bucket = byConversation.get(message.conversation);
    if (bucket) bucket.push(message);
    else byConversation.set(message.conversation, [message]);
  }
  const messages: Record<Jid, readonly ChatMessage[]> = { ...state.messages };
  for (const [conversation, incoming] of byConversation) {
    const merged: ChatMessage[] = [];
    const seen = new Set<string>();
    for (const message of [...(messages[conversation] ?? []), ...incoming]) {
      const key = `${message.direction}\u0000${message.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(message);
    }
    merged.sort((a, b) => a.timestamp - b.timestamp); // stable: equal timestamps keep arrival order
    messages[conversation] = merged;
  }
  return { ...state, messages };
}

/** Opens a conversation (or none) and clears its unread count. */
export function selectConversation(state: ChatsSliceState, conversation: Jid | null): ChatsSliceState {
  const unread = conversation === null ? state.unread : without(state.unread, conversation);
  if (state.active === conversation && unread === state.unread) return state;
  return { ...state, active: conversation, unread };
}

export function setDraft(state: ChatsSliceState, conversation: Jid, text: string): ChatsSliceState {
  if ((state.drafts[conversation] ?? '') === text) return state;
  const drafts = text === '' ? without(state.drafts, conversation) : { ...state.drafts, [conversation]: text };
  return { ...state, drafts };
}

// ---- connection and session ---------------------------------------------------------------

/** Everything that belongs to a session, dropped: roster, own presence, chats, drafts. */
export function clearSession(state: JabberState): JabberState {
  return { ...state, ...initialRoster, ...initialPresence, ...initialChats, account: null };
}

const bare = (jid: Jid): Jid => toBareJid(jid) ?? jid;

/**
 * A new connection state. Connected remembers the account; disconnected after a session
 * (signed out, or the connection was lost) clears the session's data and keeps the error to show.
 */
export function applyConnectionState(state: JabberState, next: ConnectionState): JabberState {
  switch (next.status) {
    case 'connected': {
      const account = bare(next.jid);
      return { ...state, connection: next, account, lastAccount: account, signInError: null };
    }
    case 'disconnected': {
      const hadSession = state.account !== null || state.connection.status === 'connected' || state.connection.status === 'disconnecting';
      const base = hadSession ? clearSession(state) : state;
      return { ...base, connection: next, signInError: next.error ?? state.signInError };
    }
    case 'connecting':
    case 'disconnecting':
      return { ...state, connection: next };
  }
}

/** Draws everything from a snapshot (startup, or a page reloaded while a session is up). */
export function applySnapshot(state: JabberState, snapshot: Snapshot): JabberState {
  const afterConnection = applyConnectionState(state, snapshot.connection);
  if (snapshot.connection.status === 'disconnected') return afterConnection;
  const chats = applyHistory(afterConnection, snapshot.messages);
  return {
    ...afterConnection,
    ...applyRoster(afterConnection, snapshot.contacts),
    ...applyOwnPresence(afterConnection, snapshot.ownPresence),
    messages: chats.messages,
  };
}

// ---- sign-in ------------------------------------------------------------------------------

export function startSignIn(state: ConnectionSliceState): ConnectionSliceState {
  return { ...state, signingIn: true, signInError: null };
}

export function finishSignIn(state: ConnectionSliceState, error: ConnectionSliceState['signInError']): ConnectionSliceState {
  return { ...state, signingIn: false, signInError: error };
}
