/**
 * Feeds the store from the api: subscribes to every event, then draws from a snapshot
 * (the page may have been reloaded while a session is up). Returns the unsubscribe.
 */
import type { JabberApi, Unsubscribe } from '../../app/shared/contract.ts';
import {
  applyConnectionState,
  applyContact,
  applyContactRemoved,
  applyMessage,
  applyOwnPresence,
  applyRoster,
  applySnapshot,
} from './reducers.ts';
import { update } from './store.ts';

export function bindEvents(api: JabberApi): Unsubscribe {
  const unsubscribes: Unsubscribe[] = [
    api.onConnectionState((next) => update((state) => applyConnectionState(state, next))),
    api.onRoster((contacts) => update((state) => applyRoster(state, contacts))),
    api.onContact((contact) => update((state) => applyContact(state, contact))),
    api.onContactRemoved((jid) => update((state) => applyContactRemoved(state, jid))),
    api.onOwnPresence((presence) => update((state) => applyOwnPresence(state, presence))),
    api.onMessage((message) => update((state) => applyMessage(state, message))),
  ];
  let bound = true;
  // The network came back: do not wait for the reconnection backoff.
  const onOnline = (): void => void api.reconnectNow();
  globalThis.addEventListener?.('online', onOnline);

  // Subscribed first, so nothing that happens while the snapshot travels is missed;
  // the snapshot then replaces what it covers, and messages merge without duplicates.
  void api.getSnapshot().then((result) => {
    if (!bound) return;
    if (result.ok) update((state) => applySnapshot(state, result.value));
    else console.error(`Could not load the current state: ${result.error.message}`);
  }, (error: unknown) => console.error('Could not load the current state:', error));

  return () => {
    bound = false;
    globalThis.removeEventListener?.('online', onOnline);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
