import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES, HOST_COMMAND_NAMES, type EventName, type JabberApi, type JabberEventPayloads, type Result, type Snapshot } from '../../app/shared/contract.ts';
import { bindEvents } from './bind-events.ts';
import { initialState } from './model.ts';
import { useJabberStore } from './store.ts';
import { contact, message, summary } from './test-data.ts';

type Listeners = { [E in EventName]: Set<(payload: JabberEventPayloads[E]) => void> };

function fakeApi(snapshot: Result<Snapshot>) {
  // Every event of the contract, so events added later need no change here.
  const listeners = Object.fromEntries(EVENT_NAMES.map((name) => [name, new Set()])) as unknown as Listeners;

  const subscribe =
    <E extends EventName>(event: E) =>
    (listener: (payload: JabberEventPayloads[E]) => void) => {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    };
  const notImplemented = async (): Promise<Result<never>> => ({ ok: false, error: { code: 'internal', message: 'not in this test' } });
  const commands = Object.fromEntries([...COMMAND_NAMES, ...HOST_COMMAND_NAMES].map((name) => [name, notImplemented])) as unknown as JabberApi;
  const api: JabberApi = {
    ...commands,
    getSnapshot: async () => snapshot,
    ...(Object.fromEntries(EVENT_NAMES.map((name) => [name, subscribe(name)])) as unknown as Pick<JabberApi, EventName>),
  };
  const emit = <E extends EventName>(event: E, payload: JabberEventPayloads[E]) => {
    for (const listener of listeners[event]) listener(payload);
  };
  const count = () => Object.values(listeners).reduce((n, set) => n + set.size, 0);
  return { api, emit, count };
}

/** Events reach the store in batches, at most one per 100 ms (event-batcher.ts): long enough for the snapshot and the next batch to land. */
const flush = async () => {
  await new Promise((resolve) => setTimeout(resolve, 150));
  await new Promise((resolve) => setTimeout(resolve, 0));
};

afterEach(() => useJabberStore.setState(initialState, true));

describe('bindEvents', () => {
  it('draws from the snapshot, follows each account’s events, clears on sign-out and unsubscribes', async () => {
    const ME = 'me@example.com';
    const WORK = 'me@work.example';
    const bob = contact('bob@example.com', 'Bob', 'online');
    const { api, emit, count } = fakeApi({
      ok: true,
      value: { accounts: [{ ...summary(ME), contacts: [bob], messages: [message({ conversation: 'bob@example.com', id: 'h1' })] }], trustedAuthorities: [] },
    });
    const unbind = bindEvents(api);
    expect(count()).toBe(EVENT_NAMES.length); // one listener per event
    expect(useJabberStore.getState().loaded).toBe(false);
    await flush();

    let state = useJabberStore.getState();
    expect(state.loaded).toBe(true);
    expect(state.accounts.map((a) => a.account)).toEqual([ME]);
    expect(Object.keys(state.contacts[ME] ?? {})).toEqual(['bob@example.com']);

    emit('onContact', { account: ME, contact: { ...bob, presence: { show: 'away', status: 'brb' } } });
    emit('onMessage', { account: ME, message: message({ conversation: 'bob@example.com', id: 'h1' }) }); // already known
    emit('onMessage', { account: ME, message: message({ conversation: 'bob@example.com', id: 'n1' }) });
    emit('onUnread', { account: ME, conversation: 'bob@example.com', count: 1 });
    emit('onOwnPresence', { account: ME, presence: { show: 'dnd', status: 'busy' } });
    await flush();
    state = useJabberStore.getState();
    expect(state.contacts[ME]?.['bob@example.com']?.presence.show).toBe('away');
    expect(state.messages[ME]?.['bob@example.com']?.map((m) => m.id)).toEqual(['h1', 'n1']);
    expect(state.unread[ME]?.['bob@example.com']).toBe(1);
    expect(state.accounts[0]?.ownPresence.show).toBe('dnd');

    emit('onContactRemoved', { account: ME, jid: 'bob@example.com' });
    await flush();
    expect(useJabberStore.getState().contacts[ME]?.['bob@example.com']).toBeUndefined();

    // A second account arrives; the first signs out and keeps its history, the second is untouched.
    emit('onRoster', { account: WORK, contacts: [bob] });
    emit('onAccounts', [summary(ME), summary(WORK)]);
    emit('onRoster', { account: ME, contacts: [bob] });
    emit('onConnectionState', { account: ME, connection: { status: 'disconnecting' } });
    emit('onConnectionState', { account: ME, connection: { status: 'disconnected' } });
    await flush();
    state = useJabberStore.getState();
    expect(state.contacts[ME]).toBeUndefined();
    expect(state.unread[ME]).toEqual({ 'bob@example.com': 1 }); // the core keeps them
    expect(state.messages[ME]?.['bob@example.com']).toHaveLength(2);
    expect(state.accounts[0]?.connection).toEqual({ status: 'disconnected' });
    expect(Object.keys(state.contacts[WORK] ?? {})).toEqual(['bob@example.com']);

    // Removed: nothing of it is left.
    emit('onAccounts', [summary(WORK)]);
    await flush();
    state = useJabberStore.getState();
    expect(state.messages[ME]).toBeUndefined();
    expect(state.accounts.map((a) => a.account)).toEqual([WORK]);

    unbind();
    expect(count()).toBe(0);
  });

  it('shows the sign-in form rather than wait forever when no snapshot can be had', async () => {
    const { api } = fakeApi({ ok: false, error: { code: 'transport', message: 'gone' } });
    const original = console.error;
    console.error = () => {};
    try {
      const unbind = bindEvents(api);
      await flush();
      await flush();
    expect(useJabberStore.getState()).toMatchObject({ loaded: true, accounts: [] });
      unbind();
    } finally {
      console.error = original;
    }
  });

  it('applies a presence flood in one update per frame, in order with the events around it', async () => {
    const ME = 'me@example.com';
    const { api, emit } = fakeApi({ ok: true, value: { accounts: [{ ...summary(ME), contacts: [], messages: [] }], trustedAuthorities: [] } });
    const unbind = bindEvents(api);
    await flush();
    const people = Array.from({ length: 1_000 }, (_, i) => contact(`p${i}@example.com`, `P ${i}`, 'offline'));
    emit('onRoster', { account: ME, contacts: people });
    let updates = 0;
    const unsubscribe = useJabberStore.subscribe(() => (updates += 1));
    for (const person of people) emit('onContact', { account: ME, contact: { ...person, presence: { show: 'away', status: '' } } });
    // A roster replacing everything, then changes after it: the changes before it are gone, those after it stay.
    emit('onRoster', { account: ME, contacts: people.slice(0, 2) });
    emit('onContact', { account: ME, contact: { ...people[1]!, presence: { show: 'dnd', status: 'busy' } } });
    await flush();
    expect(updates).toBe(1);
    let contacts = useJabberStore.getState().contacts[ME] ?? {};
    expect(Object.values(contacts).map((one) => one.presence.show)).toEqual(['offline', 'dnd']);
    // The next frame's changes form a new run.
    emit('onContact', { account: ME, contact: { ...people[0]!, presence: { show: 'online', status: '' } } });
    await flush();
    contacts = useJabberStore.getState().contacts[ME] ?? {};
    expect(contacts['p0@example.com']?.presence.show).toBe('online');
    unsubscribe();
    unbind();
  });
});
