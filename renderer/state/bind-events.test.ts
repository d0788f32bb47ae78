import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, JabberApi, JabberEventPayloads, Result, Snapshot } from '../../app/shared/contract.ts';
import { bindEvents } from './bind-events.ts';
import { initialState } from './model.ts';
import { useJabberStore } from './store.ts';
import { contact, message } from './test-data.ts';

type Listeners = { [E in EventName]: Set<(payload: JabberEventPayloads[E]) => void> };

function fakeApi(snapshot: Snapshot) {
  const listeners: Listeners = {
    onConnectionState: new Set(),
    onRoster: new Set(),
    onContact: new Set(),
    onContactRemoved: new Set(),
    onOwnPresence: new Set(),
    onMessage: new Set(),
  };
  const subscribe =
    <E extends EventName>(event: E) =>
    (listener: (payload: JabberEventPayloads[E]) => void) => {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    };
  const notImplemented = async (): Promise<Result<never>> => ({ ok: false, error: { code: 'internal', message: 'not in this test' } });
  const api: JabberApi = {
    signIn: notImplemented,
    signOut: notImplemented,
    setPresence: notImplemented,
    sendMessage: notImplemented,
    getSnapshot: async () => ({ ok: true, value: snapshot }),
    reconnectNow: notImplemented,
    onConnectionState: subscribe('onConnectionState'),
    onRoster: subscribe('onRoster'),
    onContact: subscribe('onContact'),
    onContactRemoved: subscribe('onContactRemoved'),
    onOwnPresence: subscribe('onOwnPresence'),
    onMessage: subscribe('onMessage'),
  };
  const emit = <E extends EventName>(event: E, payload: JabberEventPayloads[E]) => {
    for (const listener of listeners[event]) listener(payload);
  };
  const count = () => Object.values(listeners).reduce((n, set) => n + set.size, 0);
  return { api, emit, count };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => useJabberStore.setState(initialState, true));

describe('bindEvents', () => {
  it('draws from the snapshot, follows events, clears on sign-out and unsubscribes', async () => {
    const bob = contact('bob@example.com', 'Bob', 'online');
    const { api, emit, count } = fakeApi({
      connection: { status: 'connected', jid: 'me@example.com/desk' },
      ownPresence: { show: 'online', status: '' },
      contacts: [bob],
      messages: [message({ conversation: 'bob@example.com', id: 'h1' })],
    });
    const unbind = bindEvents(api);
    expect(count()).toBe(6);
    await flush();

    let state = useJabberStore.getState();
    expect(state.account).toBe('me@example.com');
    expect(Object.keys(state.contacts)).toEqual(['bob@example.com']);

    emit('onContact', { ...bob, presence: { show: 'away', status: 'brb' } });
    emit('onMessage', message({ conversation: 'bob@example.com', id: 'h1' })); // already known
    emit('onMessage', message({ conversation: 'bob@example.com', id: 'n1' }));
    emit('onOwnPresence', { show: 'dnd', status: 'busy' });
    state = useJabberStore.getState();
    expect(state.contacts['bob@example.com']?.presence.show).toBe('away');
    expect(state.messages['bob@example.com']?.map((m) => m.id)).toEqual(['h1', 'n1']);
    expect(state.unread['bob@example.com']).toBe(1);
    expect(state.ownPresence.show).toBe('dnd');

    emit('onContactRemoved', 'bob@example.com');
    expect(useJabberStore.getState().contacts).toEqual({});

    emit('onRoster', [bob]);
    emit('onConnectionState', { status: 'disconnecting' });
    emit('onConnectionState', { status: 'disconnected' });
    state = useJabberStore.getState();
    expect(state.contacts).toEqual({});
    expect(state.messages).toEqual({});
    expect(state.account).toBeNull();

    unbind();
    expect(count()).toBe(0);
  });
});
