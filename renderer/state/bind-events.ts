/**
 * Feeds the store from the api: subscribes to every event, then draws from a snapshot
 * (the page may have been reloaded while sessions are up). Returns the unsubscribe.
 */
import { bindRoomMessages } from './room-messages.ts';
import type { JabberApi, JabberEventPayloads, Unsubscribe } from '../../app/shared/contract.ts';
import {
  applyAccounts,
  applyArchiveSync,
  applyChatState,
  applyConnectionState,
  applyUnread,
  applyContacts,
  applyContactRemoved,
  applyMessages,
  applyOwnPresence,
  applyRoster,
  applySnapshot,
  markLoaded, applyTrustedAuthorities } from './reducers.ts';
import { applyBlocklist, applySubscriptionRequests } from './contacts-reducers.ts';
import { applyCardsFromSnapshot, applyContactCard } from './profiles.ts';
import { prepareNames } from './contacts-derive.ts';
import { createEventBatcher, type Transition } from './event-batcher.ts';
import { bindPresence } from './presence-store.ts';
import { bindLinks } from './links.ts';
import { bindSettings } from './settings.ts';
import { bindUnreadBadge, createNotifications } from './notify.ts';
import { createAnnouncements } from './announcements.ts';
import { applyTransfer } from './files.ts';
import { selectConversation } from './reducers.ts';
import { applyOccupants, applyRoomInvitations, applyRooms, applyRoomsFromSnapshot } from './rooms.ts';

export function bindEvents(api: JabberApi): Unsubscribe {
  // Events change the store once per frame, in arrival order (the snapshot too, so it never overtakes them).
  const batcher = createEventBatcher();
  // Consecutive contact changes (a presence flood) share one transition: the roster is copied once per
  // frame, not once per change. Any other event ends the run, so the arrival order is kept.
  let contactRun: JabberEventPayloads['onContact'][] | null = null;
  const update = (transition: Transition): void => {
    contactRun = null;
    batcher.enqueue(transition);
  };
  const updateContact = (payload: JabberEventPayloads['onContact']): void => {
    if (contactRun !== null) {
      contactRun.push(payload);
      return;
    }
    const run = [payload];
    batcher.enqueue((state) => {
      // Applied: later changes start a run of their own.
      if (contactRun === run) contactRun = null;
      return applyContacts(state, run);
    });
    contactRun = run;
  };
  // New messages may notify (notify.ts decides): looked at as they arrive, before the store takes them in.
  const notifications = createNotifications(api);
  // ... and may be read out to screen readers (announcements.ts).
  const announcements = createAnnouncements();
  const unsubscribes: Unsubscribe[] = [
    api.onAccounts((accounts) => update((state) => applyAccounts(state, accounts))),
    api.onTrustedAuthorities((authorities) => update((state) => applyTrustedAuthorities(state, authorities))),
    api.onConnectionState((payload) => {
      notifications.connectionChanged(payload.account, payload.connection.status);
      announcements.connectionChanged(payload.account, payload.connection.status);
      update((state) => applyConnectionState(state, payload));
    }),
    api.onRoster((payload) => {
      // Now, in the task that received it, rather than in the frame that will show it.
      prepareNames(payload.contacts);
      update((state) => applyRoster(state, payload));
    }),
    api.onContact(updateContact),
    api.onContactRemoved((payload) => update((state) => applyContactRemoved(state, payload))),
    api.onOwnPresence((payload) => update((state) => applyOwnPresence(state, payload))),
    api.onMessage((payload) => {
      notifications.consider(payload);
      announcements.consider(payload);
      batcher.enqueueMerged('message', payload, applyMessages);
    }),
    api.onChatState((payload) => update((state) => applyChatState(state, payload))),
    api.onArchiveSync((payload) => update((state) => applyArchiveSync(state, payload))),
    api.onUnread((payload) => update((state) => applyUnread(state, payload))),
    api.onSubscriptionRequests((payload) => update((state) => applySubscriptionRequests(state, payload))),
    api.onBlocklist((payload) => update((state) => applyBlocklist(state, payload))),
    api.onContactCard((payload) => update((state) => applyContactCard(state, payload))),
    api.onRooms((payload) => update((state) => applyRooms(state, payload))),
    api.onOccupants((payload) => update((state) => applyOccupants(state, payload))),
    api.onRoomInvitations((payload) => update((state) => applyRoomInvitations(state, payload))),
  ];
  // A notification was clicked: its conversation opens.
  unsubscribes.push(api.onNotificationClicked(({ account, conversation }) => update((state) => selectConversation(state, { account, peer: conversation }))));
  // Uploads and downloads (issue 12): their own store (files.ts).
  unsubscribes.push(api.onTransfer(applyTransfer));
  // Typing and moderators' removals in rooms: their own store (room-messages.ts).
  unsubscribes.push(...bindRoomMessages(api));
  // Presence preferences and page activity (automatic away in browser mode).
  unsubscribes.push(bindPresence(api));
  // The unread count on the dock, the taskbar, the tray or the tab.
  unsubscribes.push(bindUnreadBadge(api));
  // Theme, font size, notifications, privacy: the core keeps them.
  unsubscribes.push(bindSettings(api));
  // xmpp: links from the system, the address and the messages (each asks before acting).
  unsubscribes.push(bindLinks(api));
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
    if (result.ok) {
      for (const account of result.value.accounts) prepareNames(account.contacts);
      update((state) => applyRoomsFromSnapshot(applyCardsFromSnapshot(applySnapshot(state, result.value), result.value), result.value));
    }
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
