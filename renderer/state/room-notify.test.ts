import { describe, expect, it } from 'vitest';
import type { Room } from '../../app/shared/contract.ts';
import { DEFAULT_APP_SETTINGS, roomNotifyLevel, withRoomNotifyLevel } from '../../app/shared/settings.ts';
import { mentions, unreadMentions } from '../text/mentions.ts';
import { badgeCount, decideNotification, totalUnread, type NotificationInput } from './notify.ts';
import { message } from './test-data.ts';

const NOW = 1_800_000_000_000;
const ROOM = 'team@conference.example.com';
const room: Room = { jid: ROOM, name: 'Team', nick: 'Me', subject: '', status: 'joined', role: 'participant', affiliation: 'member', bookmarked: true, autojoin: true };
const base = (change: Partial<NotificationInput> = {}): NotificationInput => ({
  account: 'me@example.com',
  message: message({ conversation: ROOM, from: `${ROOM}/Bob`, body: 'Lunch at noon?', timestamp: NOW - 1000 }),
  known: false,
  senderName: 'Team',
  conversationFocused: false,
  ownShow: 'online',
  muted: false,
  settings: DEFAULT_APP_SETTINGS.notifications,
  now: NOW,
  notBefore: NOW - 60_000,
  ...change,
});

describe('mentions in rooms', () => {
  it('finds the nickname as a word, in any case, and not inside another word', () => {
    expect(mentions('Me, can you review?', 'Me')).toBe(true);
    expect(mentions('ping @me please', 'Me')).toBe(true);
    expect(mentions('Meeting at noon', 'Me')).toBe(false);
    expect(mentions('anything', '')).toBe(false);
  });

  it('counts the mentions among the unread incoming messages only', () => {
    const messages = [
      message({ conversation: ROOM, body: 'Me: old one', direction: 'in' }),
      message({ conversation: ROOM, body: 'hi', direction: 'in' }),
      message({ conversation: ROOM, body: 'Me said', direction: 'out' }),
      message({ conversation: ROOM, body: 'Me? there?', direction: 'in' }),
    ];
    expect(unreadMentions(messages, 2, 'Me')).toBe(1);
    expect(unreadMentions(messages, 3, 'Me')).toBe(2);
    expect(unreadMentions(messages, 0, 'Me')).toBe(0);
  });
});

describe('a room notification level', () => {
  it('is kept in the app settings, and "all" is the default', () => {
    const settings = withRoomNotifyLevel(withRoomNotifyLevel(DEFAULT_APP_SETTINGS, 'me@example.com', ROOM, 'mentions'), 'me@example.com', 'quiet@conference.example.com', 'none');
    expect(roomNotifyLevel(settings, 'me@example.com', ROOM)).toBe('mentions');
    expect(roomNotifyLevel(settings, 'me@example.com', 'other@conference.example.com')).toBe('all');
    expect(roomNotifyLevel(withRoomNotifyLevel(settings, 'me@example.com', ROOM, 'all'), 'me@example.com', ROOM)).toBe('all');
  });

  it('decides the notifications: every message, only mentions, or none', () => {
    expect(decideNotification(base({ roomLevel: 'all', mentionsMe: false }))).not.toBeNull();
    expect(decideNotification(base({ roomLevel: 'mentions', mentionsMe: false }))).toBeNull();
    expect(decideNotification(base({ roomLevel: 'mentions', mentionsMe: true }))).not.toBeNull();
    expect(decideNotification(base({ roomLevel: 'none', mentionsMe: true }))).toBeNull();
  });

  it('weighs the badge: a room at "none" adds nothing, at "mentions" its unread mentions', () => {
    const state = {
      rooms: { 'me@example.com': [room] },
      messages: { 'me@example.com': { [ROOM]: [message({ conversation: ROOM, body: 'hi' }), message({ conversation: ROOM, body: 'Me, look' })] } },
      unread: { 'me@example.com': { [ROOM]: 2, 'bob@example.com': 3 } },
    };
    const count = (settings: typeof DEFAULT_APP_SETTINGS) => totalUnread(state, (account, conversation, unread) => badgeCount(state, settings, account, conversation, unread));
    expect(count(DEFAULT_APP_SETTINGS)).toBe(5);
    expect(count(withRoomNotifyLevel(DEFAULT_APP_SETTINGS, 'me@example.com', ROOM, 'mentions'))).toBe(4);
    expect(count(withRoomNotifyLevel(DEFAULT_APP_SETTINGS, 'me@example.com', ROOM, 'none'))).toBe(3);
  });
});
