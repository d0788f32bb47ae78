import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../app/shared/contract.ts';
import { initialChats, initialRoster, initialState, type JabberState } from './model.ts';
import {
  applyAccounts,
  applyConnectionState,
  applyContact,
  applyContactRemoved,
  applyHistory,
  applyMessage,
  applyUnread,
  applyMessages,
  applyOwnPresence,
  applyRoster,
  applySnapshot,
  closeAddAccount,
  finishSignIn,
  markLoaded,
  openAddAccount,
  selectAccount,
  selectConversation,
  setDraft,
  startSignIn,
} from './reducers.ts';
import { contact, message, summary } from './test-data.ts';

const ME = 'me@example.com';
const WORK = 'me@work.example';
const bob = contact('bob@example.com', 'Bob', 'away', 'In a meeting');
const carol = contact('carol@example.com', 'Carol', 'online');
const withBob = { account: ME, peer: 'bob@example.com' };
const withCarol = { account: ME, peer: 'carol@example.com' };

describe('roster', () => {
  it('replaces one account’s whole roster, leaving the other account’s', () => {
    let state = applyRoster(initialRoster, { account: ME, contacts: [bob] });
    state = applyRoster(state, { account: WORK, contacts: [bob] });
    state = applyRoster(state, { account: ME, contacts: [carol] });
    expect(Object.keys(state.contacts[ME] ?? {})).toEqual(['carol@example.com']);
    expect(Object.keys(state.contacts[WORK] ?? {})).toEqual(['bob@example.com']);
  });

  it('adds and updates one contact without touching the others', () => {
    const state = applyRoster(initialRoster, { account: ME, contacts: [bob, carol] });
    const updated = applyContact(state, { account: ME, contact: { ...bob, presence: { show: 'online', status: '' } } });
    expect(updated.contacts[ME]?.['bob@example.com']?.presence.show).toBe('online');
    expect(updated.contacts[ME]?.['carol@example.com']).toBe(carol);
    expect(state.contacts[ME]?.['bob@example.com']?.presence.show).toBe('away'); // not mutated
    const added = applyContact(updated, { account: ME, contact: contact('dave@example.com', 'Dave') });
    expect(Object.keys(added.contacts[ME] ?? {})).toHaveLength(3);
  });

  it('removes a contact, and ignores one it does not know', () => {
    const state = applyRoster(initialRoster, { account: ME, contacts: [bob, carol] });
    const removed = applyContactRemoved(state, { account: ME, jid: 'bob@example.com' });
    expect(Object.keys(removed.contacts[ME] ?? {})).toEqual(['carol@example.com']);
    expect(applyContactRemoved(removed, { account: ME, jid: 'nobody@example.com' })).toBe(removed);
    expect(applyContactRemoved(removed, { account: WORK, jid: 'carol@example.com' })).toBe(removed);
  });
});

describe('messages', () => {
  const at = (account: string, m: ReturnType<typeof message>) => ({ account, message: m });

  it('appends messages to their conversation, per account', () => {
    let state = applyMessage(initialChats, at(ME, message({ conversation: 'bob@example.com', body: 'one' })));
    state = applyMessage(state, at(ME, message({ conversation: 'bob@example.com', body: 'two', direction: 'out' })));
    state = applyMessage(state, at(ME, message({ conversation: 'carol@example.com' })));
    state = applyMessage(state, at(WORK, message({ conversation: 'bob@example.com', body: 'work' })));
    expect(state.messages[ME]?.['bob@example.com']?.map((m) => m.body)).toEqual(['one', 'two']);
    expect(state.messages[ME]?.['carol@example.com']).toHaveLength(1);
    expect(state.messages[WORK]?.['bob@example.com']?.map((m) => m.body)).toEqual(['work']);
  });

  it('drops a message it already has (same id and direction)', () => {
    const sent = message({ conversation: 'bob@example.com', direction: 'out' });
    const once = applyMessage(initialChats, at(ME, sent));
    const twice = applyMessage(once, at(ME, { ...sent }));
    expect(twice).toBe(once);
    expect(twice.messages[ME]?.['bob@example.com']).toHaveLength(1);
  });

  it('replaces a message whose state or text changed, without counting it unread, never moving its state back', () => {
    const sent = message({ conversation: 'bob@example.com', direction: 'out', state: 'sent' });
    const read = applyMessage(applyMessage(initialChats, at(ME, sent)), at(ME, { ...sent, state: 'read' }));
    expect(read.messages[ME]?.['bob@example.com']?.map((m) => m.state)).toEqual(['read']);
    const late = applyMessage(read, at(ME, { ...sent, state: 'pending', body: 'corrected', edited: true }));
    expect(late.messages[ME]?.['bob@example.com']).toEqual([{ ...sent, state: 'read', body: 'corrected', edited: true }]);
    const incoming = message({ conversation: 'bob@example.com', direction: 'in', id: 'in-1' });
    const once = applyMessage(initialChats, at(ME, incoming));
    const retracted = applyMessage(once, at(ME, { ...incoming, body: '', retracted: true }));
    expect(retracted.unread).toEqual(once.unread);
    expect(retracted.messages[ME]?.['bob@example.com']?.[0]?.retracted).toBe(true);
  });

  it('keeps an incoming message whose id happens to equal one of ours', () => {
    const sent = message({ conversation: 'bob@example.com', direction: 'out', id: 'x1' });
    const received = message({ conversation: 'bob@example.com', direction: 'in', id: 'x1' });
    const state = applyMessage(applyMessage(initialChats, at(ME, sent)), at(ME, received));
    expect(state.messages[ME]?.['bob@example.com']).toHaveLength(2);
  });

  it('orders by timestamp, keeping arrival order for equal times', () => {
    const late = message({ conversation: 'bob@example.com', body: 'late', timestamp: 3000 });
    const early = message({ conversation: 'bob@example.com', body: 'early', timestamp: 1000 });
    const tieA = message({ conversation: 'bob@example.com', body: 'tie-a', timestamp: 2000 });
    const tieB = message({ conversation: 'bob@example.com', body: 'tie-b', timestamp: 2000 });
    let state = initialChats;
    for (const m of [late, early, tieA, tieB]) state = applyMessage(state, at(ME, m));
    expect(state.messages[ME]?.['bob@example.com']?.map((m) => m.body)).toEqual(['early', 'tie-a', 'tie-b', 'late']);
  });

  it('applies a batch of live messages as it would one by one (appends, duplicates, updates, late arrivals, other conversations)', () => {
    const sent = message({ conversation: 'bob@example.com', direction: 'out', state: 'sent', timestamp: 5000 });
    const batch = [
      at(ME, message({ conversation: 'bob@example.com', body: 'one', timestamp: 1000 })),
      at(ME, sent),
      at(ME, message({ conversation: 'bob@example.com', body: 'two', timestamp: 6000 })),
      at(ME, { ...sent }),
      at(ME, { ...sent, state: 'delivered' }),
      at(ME, message({ conversation: 'bob@example.com', body: 'late', timestamp: 2000 })),
      at(ME, message({ conversation: 'carol@example.com', body: 'carol' })),
      at(WORK, message({ conversation: 'bob@example.com', body: 'work' })),
      at(ME, message({ conversation: 'bob@example.com', body: 'three', timestamp: 7000 })),
    ];
    const start = applyMessage(selectConversation(initialChats, withCarol), at(ME, message({ conversation: 'bob@example.com', body: 'zero', timestamp: 500 })));
    const oneByOne = batch.reduce((state, payload) => applyMessage(state, payload), start);
    const batched = applyMessages(start, batch);
    expect(batched).toEqual(oneByOne);
    expect(batched.messages[ME]?.['bob@example.com']?.map((m) => m.body)).toEqual(['zero', 'one', 'late', 'hello', 'two', 'three']);
    // Unread counts are the core's (onUnread): messages alone never change them.
    expect(batched.unread).toBe(start.unread);
    // Nothing new: the same state, so nobody is woken.
    expect(applyMessages(batched, [at(ME, { ...sent, state: 'sent' })])).toBe(batched);
  });

  it('takes unread counts from the core, per account and conversation', () => {
    let state = applyUnread(initialChats, { account: ME, conversation: 'bob@example.com', count: 2 });
    state = applyUnread(state, { account: WORK, conversation: 'carol@example.com', count: 1 });
    expect(state.unread).toEqual({ [ME]: { 'bob@example.com': 2 }, [WORK]: { 'carol@example.com': 1 } });
    // The same count again changes nothing; read (0) removes it.
    expect(applyUnread(state, { account: ME, conversation: 'bob@example.com', count: 2 })).toBe(state);
    state = applyUnread(state, { account: ME, conversation: 'bob@example.com', count: 0 });
    expect(state.unread[ME]?.['bob@example.com']).toBeUndefined();
    expect(state.unread[WORK]).toEqual({ 'carol@example.com': 1 });
  });

  it('a message never counts by itself, even incoming in a closed conversation', () => {
    const state = applyMessage(initialChats, at(ME, message({ conversation: 'bob@example.com' })));
    expect(state.unread).toEqual({});
  });

  it('opening a conversation clears its unread count only (until the core confirms it was read)', () => {
    let state = applyUnread(initialChats, { account: ME, conversation: 'bob@example.com', count: 1 });
    state = applyUnread(state, { account: ME, conversation: 'carol@example.com', count: 1 });
    state = applyUnread(state, { account: WORK, conversation: 'bob@example.com', count: 1 });
    state = selectConversation(state, withBob);
    expect(state.active).toEqual(withBob);
    expect(state.unread).toEqual({ [ME]: { 'carol@example.com': 1 }, [WORK]: { 'bob@example.com': 1 } });
    state = selectConversation(state, null);
    expect(state.active).toBeNull();
    expect(state.unread).toEqual({ [ME]: { 'carol@example.com': 1 }, [WORK]: { 'bob@example.com': 1 } });
  });

  it('merges history in order without duplicates and without unread counts', () => {
    const live = message({ conversation: 'bob@example.com', body: 'live', timestamp: 5000 });
    const state = applyHistory(applyMessage(selectConversation(initialChats, withBob), at(ME, live)), ME, [
      message({ conversation: 'bob@example.com', body: 'old', timestamp: 1000 }),
      live,
      message({ conversation: 'carol@example.com', body: 'hi', timestamp: 2000 }),
    ]);
    expect(state.messages[ME]?.['bob@example.com']?.map((m) => m.body)).toEqual(['old', 'live']);
    expect(state.messages[ME]?.['carol@example.com']).toHaveLength(1);
    expect(state.unread).toEqual({});
  });

  it('keeps drafts per conversation', () => {
    let state = setDraft(initialChats, withBob, 'half a thought');
    state = setDraft(state, withCarol, 'x');
    state = setDraft(state, withCarol, '');
    state = setDraft(state, { account: WORK, peer: 'bob@example.com' }, 'other account');
    expect(state.drafts).toEqual({ [ME]: { 'bob@example.com': 'half a thought' }, [WORK]: { 'bob@example.com': 'other account' } });
  });
});

describe('accounts and connections', () => {
  /** Two accounts, both signed in; ME with contacts, a message, an open conversation and a draft. */
  const twoAccounts = (): JabberState => {
    let state = applyAccounts(initialState, [summary(ME), summary(WORK)]);
    state = applyRoster(state, { account: ME, contacts: [bob, carol] });
    state = applyRoster(state, { account: WORK, contacts: [bob] });
    state = applyMessage(state, { account: ME, message: message({ conversation: 'bob@example.com' }) });
    state = applyMessage(state, { account: WORK, message: message({ conversation: 'bob@example.com' }) });
    state = applyUnread(state, { account: ME, conversation: 'bob@example.com', count: 1 });
    state = applyUnread(state, { account: WORK, conversation: 'bob@example.com', count: 1 });
    state = selectConversation(state, withCarol);
    return setDraft(state, withCarol, 'draft');
  };

  it('follows each account’s connection state and own presence', () => {
    let state = applyConnectionState(twoAccounts(), { account: WORK, connection: { status: 'connecting', attempt: 1 } });
    state = applyOwnPresence(state, { account: ME, presence: { show: 'dnd', status: 'Focus' } });
    expect(state.accounts.map((a) => a.connection.status)).toEqual(['connected', 'connecting']);
    expect(state.accounts[0]?.ownPresence).toEqual({ show: 'dnd', status: 'Focus' });
    expect(state.accounts[1]?.ownPresence.show).toBe('online');
  });

  it('signing one account out drops its roster and open conversation (the unread counts stay: the core keeps them), and nothing of the other', () => {
    const before = twoAccounts();
    let state = applyConnectionState(before, { account: ME, connection: { status: 'disconnecting' } });
    expect(Object.keys(state.contacts[ME] ?? {})).toHaveLength(2); // still drawn while leaving
    state = applyConnectionState(state, { account: ME, connection: { status: 'disconnected' } });
    expect(state.contacts[ME]).toBeUndefined();
    expect(state.unread[ME]).toEqual({ 'bob@example.com': 1 });
    expect(state.active).toBeNull();
    // History and drafts stay for the next session.
    expect(state.messages[ME]?.['bob@example.com']).toHaveLength(1);
    expect(state.drafts[ME]).toEqual({ 'carol@example.com': 'draft' });
    // The other account is untouched.
    expect(state.contacts[WORK]).toBe(before.contacts[WORK]);
    expect(state.unread[WORK]).toBe(before.unread[WORK]);
    expect(state.accounts[1]).toBe(before.accounts[1]);
  });

  it('keeps the reason when a connection is lost, and the session while reconnecting', () => {
    const error = { code: 'connection-lost', message: 'The connection to the server was lost.' } as const;
    const reconnecting = applyConnectionState(twoAccounts(), { account: ME, connection: { status: 'connecting', attempt: 1, error } });
    expect(Object.keys(reconnecting.contacts[ME] ?? {})).toHaveLength(2);
    const lost = applyConnectionState(reconnecting, { account: ME, connection: { status: 'disconnected', error } });
    expect(lost.accounts[0]?.connection).toEqual({ status: 'disconnected', error });
    expect(lost.contacts[ME]).toBeUndefined();
  });

  it('forgets everything of a removed account, and the choice of it', () => {
    let state = selectAccount(twoAccounts(), ME);
    state = applyAccounts(state, [summary(WORK)]);
    expect(state.accounts.map((a) => a.account)).toEqual([WORK]);
    expect(state.contacts[ME]).toBeUndefined();
    expect(state.messages[ME]).toBeUndefined();
    expect(state.drafts[ME]).toBeUndefined();
    expect(state.active).toBeNull();
    expect(state.selected).toBeNull();
    expect(Object.keys(state.contacts[WORK] ?? {})).toEqual(['bob@example.com']);
  });

  it('keeps the roster of an account being added, which arrives before the account is listed', () => {
    let state = applyAccounts(initialState, [summary(ME)]);
    state = applyRoster(state, { account: WORK, contacts: [bob] });
    state = applyConnectionState(state, { account: WORK, connection: { status: 'connected', jid: `${WORK}/x` } });
    state = applyAccounts(state, [summary(ME)]); // another change of the list meanwhile
    expect(Object.keys(state.contacts[WORK] ?? {})).toEqual(['bob@example.com']);
    state = applyAccounts(state, [summary(ME), summary(WORK)]);
    expect(state.accounts).toHaveLength(2);
  });

  it('ignores state events of an account that is not listed, except to drop what a failed sign-in left', () => {
    let state = applyAccounts(initialState, [summary(ME)]);
    state = applyRoster(state, { account: WORK, contacts: [bob] });
    const ignored = applyOwnPresence(state, { account: WORK, presence: { show: 'away', status: '' } });
    expect(ignored).toBe(state);
    state = applyConnectionState(state, { account: WORK, connection: { status: 'disconnected', error: { code: 'auth-failed', message: 'no' } } });
    expect(state.contacts[WORK]).toBeUndefined();
    expect(state.accounts).toHaveLength(1);
  });

  it('tracks an add-account request in flight and its failure', () => {
    const error = { code: 'auth-failed', message: 'Wrong password.' } as const;
    const opened = openAddAccount({ ...initialState, signInError: error });
    expect(opened.adding).toBe(true);
    expect(opened.signInError).toBeNull();
    const started = startSignIn(opened);
    expect(started.signingIn).toBe(true);
    const failed = finishSignIn(started, error);
    expect(failed.signingIn).toBe(false);
    expect(failed.signInError).toBe(error);
    expect(closeAddAccount(failed)).toMatchObject({ adding: false, signingIn: false, signInError: null });
  });

  it('draws every account from a snapshot', () => {
    const snapshot: Snapshot = {
      accounts: [
        {
          ...summary(ME),
          ownPresence: { show: 'dnd', status: 'Focus' },
          contacts: [bob],
          messages: [message({ conversation: 'bob@example.com', timestamp: 2 }), message({ conversation: 'bob@example.com', timestamp: 1 })],
        },
        { ...summary(WORK, { status: 'disconnected' }), contacts: [], messages: [message({ conversation: 'carol@example.com' })], unread: { 'carol@example.com': 1 } },
      ],
      trustedAuthorities: [],
    };
    const state = applySnapshot(initialState, snapshot);
    expect(state.loaded).toBe(true);
    expect(state.accounts.map((a) => a.account)).toEqual([ME, WORK]);
    expect(state.accounts[0]).not.toHaveProperty('contacts');
    expect(state.accounts[0]?.ownPresence).toEqual({ show: 'dnd', status: 'Focus' });
    expect(Object.keys(state.contacts[ME] ?? {})).toEqual(['bob@example.com']);
    expect(state.messages[ME]?.['bob@example.com']?.map((m) => m.timestamp)).toEqual([1, 2]);
    expect(state.messages[WORK]?.['carol@example.com']).toHaveLength(1);
    // The core's counts, even of an account signed out: a reload keeps them.
    expect(state.unread).toEqual({ [WORK]: { 'carol@example.com': 1 } });
  });

  it('a snapshot without sessions leaves no roster, and one without accounts still counts as loaded', () => {
    const state = applySnapshot(twoAccounts(), { accounts: [{ ...summary(ME, { status: 'disconnected' }), contacts: [bob], messages: [] }], trustedAuthorities: [] });
    expect(state.contacts).toEqual({});
    expect(applySnapshot(initialState, { accounts: [], trustedAuthorities: [] })).toMatchObject({ loaded: true, accounts: [] });
    expect(markLoaded(initialState).loaded).toBe(true);
  });
});
