/**
 * Feeds the store from the api: subscribes to every event, then draws from a snapshot
 * (the page may have been reloaded while sessions are up). Returns the unsubscribe.
 */
import type { JabberApi, Unsubscribe } from '../../app/shared/contract.ts';
import {
  applyAccounts,
  applyChatState,
  applyConnectionState,
  applyConversationRead,
  applyContact,
  applyContactRemoved,
  applyMessages,
  applyOwnPresence,
  applyRoster,
  applySnapshot,
  markLoaded, applyTrustedAuthorities } from './reducers.ts';
import { applyBlocklist, applySubscriptionRequests } from './contacts-reducers.ts';
import { createEventBatcher } from './event-batcher.ts';

export function bindEvents(api: JabberApi): Unsubscribe {
  // Events change the store once per frame, in arrival order (the snapshot too, so it never overtakes them).
  const batcher = createEventBatcher();
  const update = batcher.enqueue;
  const unsubscribes: Unsubscribe[] = [
    api.onAccounts((accounts) => update((state) => applyAccounts(state, accounts))),
    api.onTrustedAuthorities((authorities) => update((state) => applyTrustedAuthorities(state, authorities))),
    api.onConnectionState((payload) => update((state) => applyConnectionState(state, payload))),
    api.onRoster((payload) => update((state) => applyRoster(state, payload))),
    api.onContact((payload) => update((state) => applyContact(state, payload))),
    api.onContactRemoved((payload) => update((state) => applyContactRemoved(state, payload))),
    api.onOwnPresence((payload) => update((state) => applyOwnPresence(state, payload))),
    api.onMessage((payload) => batcher.enqueueMerged('message', payload, applyMessages)),
    api.onChatState((payload) => update((state) => applyChatState(state, payload))),
    api.onConversationRead((payload) => update((state) => applyConversationRead(state, payload))),
    api.onSubscriptionRequests((payload) => update((state) => applySubscriptionRequests(state, payload))),
    api.onBlocklist((payload) => update((state) => applyBlocklist(state, payload))),
  ];
  let bound = true;
  // The network came back: no account should wait for its reconnection backoff.
  const onOnline = (): void => void api.reconnectNow();
  globalThis.addEventListener?.('online', onOnline);
  // Hidden window: tell the servers (XEP-0352) so they can hold back presence floods until the user looks again.
  const onVisibility = (): void => void api.setClientActive({ active: globalThis.document?.visibilityState !== 'hidden' });
  globalThis.document?.addEventListener('visibilitychange', onVisibility);

  // Subscribed first, so nothing that happens while the snapshot travels is missed;
  // the snapshot then replaces what it covers, and messages merge without duplicates.
  void api.getSnapshot().then((result) => {
    if (!bound) return;
    if (result.ok) update((state) => applySnapshot(state, result.value));
    else {
      console.error(`Could not load the current state: ${result.error.message}`);
      update(markLoaded);
    }
  }, (error: unknown) => {
    console.error('Could not load the current state:', error);
    if (bound) update(markLoaded);
  });

  return () => {
    bound = false;
    globalThis.removeEventListener?.('online', onOnline);
    globalThis.document?.removeEventListener('visibilitychange', onVisibility);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
