/**
 * Attention: which new messages notify, and the unread count outside the window. The decision is a
 * pure function (decideNotification, unit-tested); the host shows what it returns (Electron main's
 * notifier, or the browser's Web Notifications) through the contract's showNotification, and a click
 * comes back as onNotificationClicked (bind-events.ts opens the conversation).
 */
import type { AccountId, ChatMessage, JabberApi, NotificationRequest, NotificationSettings, PresenceShow, Unsubscribe } from '../../app/shared/contract.ts';
import { MAX_NOTIFICATION_TEXT } from '../../app/shared/contract.ts';
import { isMuted, roomNotifyLevel, type RoomNotifyLevel } from '../../app/shared/settings.ts';
import { mentionsMe, unreadMentions } from '../text/mentions.ts';
import { meAction } from '../text/me-command.ts';
import { selectDisplayName } from './derive.ts';
import type { JabberState } from './model.ts';
import { currentSettings, useSettingsStore } from './settings.ts';
import { useJabberStore } from './store.ts';
import { t } from '../i18n/i18n.ts';

/** Older than this when it reaches us: shown in the list, never notified. */
export const NOTIFY_MAX_AGE_MS = 10 * 60_000;
/** Clocks differ a little (a server's stamp against ours): a message this much older than the sign-in still counts as live. */
export const CLOCK_GRACE_MS = 5_000;
/** Longest preview shown. */
export const PREVIEW_LENGTH = 200;
/** The body shown when previews are off (a function: it follows the language). */
export const hiddenPreview = (): string => t('New message');

export interface NotificationInput {
  readonly account: AccountId;
  readonly message: ChatMessage;
  /** The message is already shown (this is a delivery update, a correction or a retraction): never news. */
  readonly known: boolean;
  readonly senderName: string;
  /** The sender's checked avatar (`data:` URL), if any. */
  readonly avatar?: string;
  /** The user is looking at this conversation: it is open and the window has the focus. */
  readonly conversationFocused: boolean;
  /** Our own presence on that account. */
  readonly ownShow: PresenceShow | undefined;
  readonly muted: boolean;
  readonly settings: NotificationSettings;
  readonly now: number;
  /**
   * Messages sent before this moment (the account's sign-in, or the page's start) are history caught up
   * from the archive or read on another device: they count as unread, but never notify (no storm at sign-in).
   */
  readonly notBefore: number;
  /** A group chat room's level (absent: not a room): `mentions` notifies only messages naming us, `none` nothing. */
  readonly roomLevel?: RoomNotifyLevel;
  /** The message names our nickname in its room. */
  readonly mentionsMe?: boolean;
}

function preview(message: ChatMessage, senderName: string): string {
  const action = meAction(message.body);
  const text = (action === null ? message.body : `${senderName} ${action}`).replace(/\s+/gu, ' ').trim();
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

/** What to show for a message that just arrived, or null: nothing to notify. */
export function decideNotification(input: NotificationInput): NotificationRequest | null {
  const { message, settings } = input;
  if (!settings.enabled || input.known || message.direction !== 'in') return null;
  if (message.retracted === true || message.body.trim() === '') return null;
  if (input.ownShow === 'dnd' || input.muted || input.conversationFocused) return null;
  if (input.roomLevel === 'none' || (input.roomLevel === 'mentions' && input.mentionsMe !== true)) return null;
  if (input.now - message.timestamp > NOTIFY_MAX_AGE_MS || message.timestamp < input.notBefore - CLOCK_GRACE_MS) return null;
  return {
    account: input.account,
    conversation: message.conversation,
    title: input.senderName.slice(0, MAX_NOTIFICATION_TEXT),
    body: settings.preview ? preview(message, input.senderName) : hiddenPreview(),
    ...(input.avatar === undefined ? {} : { icon: input.avatar }),
    silent: !settings.sound,
  };
}

/** Unread messages over every account and conversation: the badge's number. `count` may weigh a conversation's (a room's level). */
export function totalUnread(state: Pick<JabberState, 'unread'>, count?: (account: AccountId, conversation: string, unread: number) => number): number {
  let total = 0;
  for (const [account, perPeer] of Object.entries(state.unread)) {
    for (const [conversation, unread] of Object.entries(perPeer)) total += count === undefined ? unread : count(account, conversation, unread);
  }
  return total;
}

/** A conversation's share of the badge: a room at `none` adds nothing, at `mentions` only its unread mentions. */
export function badgeCount(state: Pick<JabberState, 'rooms' | 'messages'>, settings: Parameters<typeof roomNotifyLevel>[0], account: AccountId, conversation: string, unread: number): number {
  const room = state.rooms[account]?.find((candidate) => candidate.jid === conversation);
  if (room === undefined) return unread;
  const level = roomNotifyLevel(settings, account, conversation);
  if (level === 'none') return 0;
  if (level === 'mentions') return unreadMentions(state.messages[account]?.[conversation] ?? [], unread, room.nick);
  return unread;
}

/** For a room's message: the room's notification level and whether it names us. */
function roomInput(state: Pick<JabberState, 'rooms'>, account: AccountId, message: ChatMessage, settings: Parameters<typeof roomNotifyLevel>[0]): Pick<NotificationInput, 'roomLevel' | 'mentionsMe'> {
  const room = state.rooms[account]?.find((candidate) => candidate.jid === message.conversation);
  if (room === undefined) return {};
  return { roomLevel: roomNotifyLevel(settings, account, room.jid), mentionsMe: mentionsMe(message, room.nick) };
}

const windowFocused = (): boolean => globalThis.document?.visibilityState !== 'hidden' && (globalThis.document?.hasFocus() ?? true);

/** The ids notified lately, so a message seen twice before the store has it (a carbon, a batch) notifies once. */
const RECENT_IDS = 500;

export function createNotifications(api: Pick<JabberApi, 'showNotification' | 'setUnreadCount'>, now: () => number = Date.now) {
  const recent: string[] = [];
  const started = now();
  /** When each account last signed in (this page's start for accounts already signed in). */
  const signedInAt = new Map<AccountId, number>();
  return {
    /** Called for every onConnectionState: a new sign-in moves the account's "live from here" mark. */
    connectionChanged(account: AccountId, status: string): void {
      if (status === 'connected') signedInAt.set(account, now());
    },
    /** Called for every onMessage before the store takes it in. */
    consider(payload: { readonly account: AccountId; readonly message: ChatMessage }): NotificationRequest | null {
      const { account, message } = payload;
      const state = useJabberStore.getState();
      const ref = { account, peer: message.conversation };
      const key = `${account}\n${message.direction}\n${message.id}`;
      const known = recent.includes(key) || (state.messages[account]?.[message.conversation] ?? []).some((m) => m.direction === message.direction && m.id === message.id);
      const settings = currentSettings();
      const active = state.active;
      const avatar = state.cards[account]?.[message.conversation]?.avatar?.dataUrl;
      const request = decideNotification({
        account,
        message,
        known,
        senderName: selectDisplayName(state, ref),
        ...(avatar === undefined ? {} : { avatar }),
        conversationFocused: active !== null && active.account === account && active.peer === message.conversation && windowFocused(),
        ownShow: state.accounts.find((summary) => summary.account === account)?.ownPresence.show,
        muted: isMuted(settings, account, message.conversation),
        settings: settings.notifications,
        now: now(),
        notBefore: Math.max(started, signedInAt.get(account) ?? started),
        ...roomInput(state, account, message, settings),
      });
      if (request === null) return null;
      recent.push(key);
      if (recent.length > RECENT_IDS) recent.shift();
      void api.showNotification(request).catch(() => undefined);
      return request;
    },
  };
}

/** Keeps the host's badge (dock, taskbar, tray, tab title) at the total unread count. */
export function bindUnreadBadge(api: Pick<JabberApi, 'setUnreadCount'>): Unsubscribe {
  let shown = -1;
  const publish = (state: JabberState): void => {
    const settings = currentSettings();
    const count = totalUnread(state, (account, conversation, unread) => badgeCount(state, settings, account, conversation, unread));
    if (count === shown) return;
    shown = count;
    void api.setUnreadCount({ count }).catch(() => undefined);
  };
  publish(useJabberStore.getState());
  const unsubscribe = useJabberStore.subscribe(publish);
  // A room's notification level changes the badge too.
  const unsubscribeSettings = useSettingsStore.subscribe(() => publish(useJabberStore.getState()));
  return () => {
    unsubscribe();
    unsubscribeSettings();
  };
}
