import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../app/shared/contract.ts';
import { initialChats, initialState, type JabberState } from './model.ts';
import {
  applyConnectionState,
  applyContact,
  applyContactRemoved,
  applyHistory,
  applyMessage,
  applyRoster,
  applySnapshot,
  clearSession,
  finishSignIn,
  selectConversation,
  setDraft,
  startSignIn,
} from './reducers.ts';
import { contact, message } from './test-data.ts';

const bob = contact('bob@example.com', 'Bob', 'away', 'In a meeting');
const carol = contact('carol@example.com', 'Carol', 'online');

describe('roster', () => {
  it('replaces the whole roster', () => {
    const before = applyRoster({ contacts: {} }, [bob]);
    const after = applyRoster(before, [carol]);
    expect(Object.keys(after.contacts)).toEqual(['carol@example.com']);
  });

  it('adds and updates one contact without touching the others', () => {
    const state = applyRoster({ contacts: {} }, [bob, carol]);
    const updated = applyContact(state, { ...bob, presence: { show: 'online', status: '' } });
    expect(updated.contacts['bob@example.com']?.presence.show).toBe('online');
    expect(updated.contacts['carol@example.com']).toBe(carol);
    expect(state.contacts['bob@example.com']?.presence.show).toBe('away'); // not mutated
    const added = applyContact(updated, contact('dave@example.com', 'Dave'));
    expect(Object.keys(added.contacts)).toHaveLength(3);
  });

  it('removes a contact, and ignores one it does not know', () => {
    const state = applyRoster({ contacts: {} }, [bob, carol]);
    const removed = applyContactRemoved(state, 'bob@example.com');
    expect(Object.keys(removed.contacts)).toEqual(['carol@example.com']);
    expect(applyContactRemoved(removed, 'nobody@example.com')).toBe(removed);
  });
});

describe('messages', () => {
  it('appends messages to their conversation', () => {
    const first = message({ conversation: 'bob@example.com', body: 'one' });
    const second = message({ conversation: 'bob@example.com', body: 'two', direction: 'out' });
    const other = message({ conversation: 'carol@example.com' });
    let state = applyMessage(initialChats, first);
    state = applyMessage(state, second);
    state = applyMessage(state, other);
    expect(state.messages['bob@example.com']?.map((m) => m.body)).toEqual(['one', 'two']);
    expect(state.messages['carol@example.com']).toHaveLength(1);
  });

  it('drops a message it already has (same id and direction)', () => {
    const sent = message({ conversation: 'bob@example.com', direction: 'out' });
    const once = applyMessage(initialChats, sent);
    const twice = applyMessage(once, { ...sent });
    expect(twice).toBe(once);
    expect(twice.messages['bob@example.com']).toHaveLength(1);
  });

  it('keeps an incoming message whose id happens to equal one of ours', () => {
    const sent = message({ conversation: 'bob@example.com', direction: 'out', id: 'x1' });
    const received = message({ conversation: 'bob@example.com', direction: 'in', id: 'x1' });
    const state = applyMessage(applyMessage(initialChats, sent), received);
    expect(state.messages['bob@example.com']).toHaveLength(2);
  });

  it('orders by timestamp, keeping arrival order for equal times', () => {
    const late = message({ conversation: 'bob@example.com', body: 'late', timestamp: 3000 });
    const early = message({ conversation: 'bob@example.com', body: 'early', timestamp: 1000 });
    const tieA = message({ conversation: 'bob@example.com', body: 'tie-a', timestamp: 2000 });
    const tieB = message({ conversation: 'bob@example.com', body: 'tie-b', timestamp: 2000 });
    let state = initialChats;
    for (const m of [late, early, tieA, tieB]) state = applyMessage(state, m);
    expect(state.messages['bob@example.com']?.map((m) => m.body)).toEqual(['early', 'tie-a', 'tie-b', 'late']);
  });

  it('counts unread only for incoming messages in conversations that are not open', () => {
    let state = selectConversation(initialChats, 'carol@example.com');
    state = applyMessage(state, message({ conversation: 'bob@example.com' }));
    state = applyMessage(state, message({ conversation: 'bob@example.com' }));
    state = applyMessage(state, message({ conversation: 'bob@example.com', direction: 'out' }));
    state = applyMessage(state, message({ conversation: 'carol@example.com' }));
    expect(state.unread).toEqual({ 'bob@example.com': 2 });
  });

  it('does not count a duplicate as unread', () => {
    const incoming = message({ conversation: 'bob@example.com' });
    const state = applyMessage(applyMessage(initialChats, incoming), incoming);
    expect(state.unread['bob@example.com']).toBe(1);
  });

  it('opening a conversation clears its unread count only', () => {
    let state = applyMessage(initialChats, message({ conversation: 'bob@example.com' }));
    state = applyMessage(state, message({ conversation: 'carol@example.com' }));
    state = selectConversation(state, 'bob@example.com');
    expect(state.active).toBe('bob@example.com');
    expect(state.unread).toEqual({ 'carol@example.com': 1 });
    state = selectConversation(state, null);
    expect(state.active).toBeNull();
    expect(state.unread).toEqual({ 'carol@example.com': 1 });
  });

  it('merges history in order without duplicates and without unread counts', () => {
    const live = message({ conversation: 'bob@example.com', body: 'live', timestamp: 5000 });
    const state = applyHistory(applyMessage(selectConversation(initialChats, 'bob@example.com'), live), [
      message({ conversation: 'bob@example.com', body: 'old', timestamp: 1000 }),
      live,
      message({ conversation: 'carol@example.com', body: 'hi', timestamp: 2000 }),
    ]);
    expect(state.messages['bob@example.com']?.map((m) => m.body)).toEqual(['old', 'live']);
    expect(state.messages['carol@example.com']).toHaveLength(1);
    expect(state.unread).toEqual({});
  });

  it('keeps drafts per conversation', () => {
    let state = setDraft(initialChats, 'bob@example.com', 'half a thought');
    state = setDraft(state, 'carol@example.com', 'x');
    state = setDraft(state, 'carol@example.com', '');
    expect(state.drafts).toEqual({ 'bob@example.com': 'half a thought' });
  });
});

describe('connection and session', () => {
  const signedIn = (): JabberState => {
    let state = applyConnectionState(initialState, { status: 'connecting' });
    state = applyConnectionState(state, { status: 'connected', jid: 'me@example.com/desk' });
    state = { ...state, ...applyRoster(state, [bob, carol]) };
    state = { ...state, ...applyMessage(state, message({ conversation: 'bob@example.com' })) };
    state = { ...state, ...selectConversation(state, 'carol@example.com') };
    state = { ...state, ...setDraft(state, 'carol@example.com', 'draft') };
    return { ...state, ownPresence: { show: 'away', status: 'lunch' } };
  };

  it('remembers the bare account when connected', () => {
    const state = signedIn();
    expect(state.account).toBe('me@example.com');
    expect(state.lastAccount).toBe('me@example.com');
  });

  it('clears roster, chats and own presence on sign-out', () => {
    let state = applyConnectionState(signedIn(), { status: 'disconnecting' });
    expect(Object.keys(state.contacts)).toHaveLength(2); // still drawn while leaving
    state = applyConnectionState(state, { status: 'disconnected' });
    expect(state.contacts).toEqual({});
    expect(state.messages).toEqual({});
    expect(state.unread).toEqual({});
    expect(state.drafts).toEqual({});
    expect(state.active).toBeNull();
    expect(state.ownPresence.show).toBe('offline');
    expect(state.account).toBeNull();
    expect(state.lastAccount).toBe('me@example.com');
    expect(state.signInError).toBeNull();
  });

  it('clears the session and keeps the reason when the connection is lost', () => {
    const error = { code: 'connection-lost', message: 'The connection to the server was lost.' } as const;
    const state = applyConnectionState(signedIn(), { status: 'disconnected', error });
    expect(state.contacts).toEqual({});
    expect(state.signInError).toEqual(error);
  });

  it('keeps the session while reconnecting', () => {
    const state = applyConnectionState(signedIn(), { status: 'connecting' });
    expect(state.account).toBe('me@example.com');
    expect(Object.keys(state.contacts)).toHaveLength(2);
  });

  it('clearSession drops everything of the session', () => {
    const state = clearSession(signedIn());
    expect(state.contacts).toEqual({});
    expect(state.messages).toEqual({});
    expect(state.account).toBeNull();
  });

  it('tracks a sign-in in flight and its failure', () => {
    const error = { code: 'auth-failed', message: 'Wrong password.' } as const;
    const started = startSignIn({ ...initialState, signInError: error });
    expect(started.signingIn).toBe(true);
    expect(started.signInError).toBeNull();
    const failed = finishSignIn(started, error);
    expect(failed.signingIn).toBe(false);
    expect(failed.signInError).toBe(error);
  });

  it('draws from a snapshot of a live session', () => {
    const snapshot: Snapshot = {
      connection: { status: 'connected', jid: 'me@example.com/desk' },
      ownPresence: { show: 'dnd', status: 'Focus' },
      contacts: [bob],
      messages: [message({ conversation: 'bob@example.com', timestamp: 2 }), message({ conversation: 'bob@example.com', timestamp: 1 })],
    };
    const state = applySnapshot(initialState, snapshot);
    expect(state.account).toBe('me@example.com');
    expect(state.ownPresence).toEqual({ show: 'dnd', status: 'Focus' });
    expect(Object.keys(state.contacts)).toEqual(['bob@example.com']);
    expect(state.messages['bob@example.com']?.map((m) => m.timestamp)).toEqual([1, 2]);
    expect(state.unread).toEqual({});
  });

  it('a snapshot of no session leaves nothing of one', () => {
    const snapshot: Snapshot = { connection: { status: 'disconnected' }, ownPresence: { show: 'offline', status: '' }, contacts: [bob], messages: [] };
    const state = applySnapshot(signedIn(), snapshot);
    expect(state.contacts).toEqual({});
    expect(state.account).toBeNull();
  });
});
