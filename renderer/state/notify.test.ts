import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '../../app/shared/settings.ts';
import { CLOCK_GRACE_MS, decideNotification, hiddenPreview, NOTIFY_MAX_AGE_MS, totalUnread, type NotificationInput } from './notify.ts';
import { message } from './test-data.ts';

const NOW = 1_800_000_000_000;
const base = (change: Partial<NotificationInput> = {}): NotificationInput => ({
  account: 'me@example.com',
  message: message({ conversation: 'bob@example.com', body: 'Lunch at noon?', timestamp: NOW - 1000 }),
  known: false,
  senderName: 'Bob',
  conversationFocused: false,
  ownShow: 'online',
  muted: false,
  settings: DEFAULT_APP_SETTINGS.notifications,
  now: NOW,
  notBefore: NOW - 60_000,
  ...change,
});

describe('which messages notify', () => {
  it('a new incoming message: the sender, the preview, the avatar, with sound', () => {
    expect(decideNotification(base({ avatar: 'data:image/png;base64,AAAA' }))).toEqual({
      account: 'me@example.com',
      conversation: 'bob@example.com',
      title: 'Bob',
      body: 'Lunch at noon?',
      icon: 'data:image/png;base64,AAAA',
      silent: false,
    });
  });

  it('hides the text when previews are off, and keeps quiet when sounds are off', () => {
    const request = decideNotification(base({ settings: { enabled: true, preview: false, sound: false } }));
    expect(request).toMatchObject({ title: 'Bob', body: hiddenPreview(), silent: true });
    expect(JSON.stringify(request)).not.toContain('Lunch');
  });

  it('none while the conversation is in front of the user, in Do not disturb, muted, or with notifications off', () => {
    expect(decideNotification(base({ conversationFocused: true }))).toBeNull();
    expect(decideNotification(base({ ownShow: 'dnd' }))).toBeNull();
    expect(decideNotification(base({ muted: true }))).toBeNull();
    expect(decideNotification(base({ settings: { ...DEFAULT_APP_SETTINGS.notifications, enabled: false } }))).toBeNull();
    // Away or extended away still notifies: the user wants to know when back.
    expect(decideNotification(base({ ownShow: 'xa' }))).not.toBeNull();
  });

  it('none for our own messages, updates of a message already shown, retractions, empty bodies and old history', () => {
    expect(decideNotification(base({ message: message({ conversation: 'bob@example.com', direction: 'out', timestamp: NOW }) }))).toBeNull();
    expect(decideNotification(base({ known: true }))).toBeNull();
    expect(decideNotification(base({ message: message({ conversation: 'bob@example.com', body: '', retracted: true, timestamp: NOW }) }))).toBeNull();
    expect(decideNotification(base({ message: message({ conversation: 'bob@example.com', body: '   ', timestamp: NOW }) }))).toBeNull();
    expect(decideNotification(base({ message: message({ conversation: 'bob@example.com', timestamp: NOW - NOTIFY_MAX_AGE_MS - 1 }), notBefore: 0 }))).toBeNull();
  });

  it('none for messages sent before the sign-in (caught up from the archive), allowing for a few seconds of clock difference', () => {
    expect(decideNotification(base({ notBefore: NOW }))).not.toBeNull(); // 1 s before: within the grace
    expect(decideNotification(base({ message: message({ conversation: 'bob@example.com', timestamp: NOW - CLOCK_GRACE_MS - 1 }), notBefore: NOW }))).toBeNull();
  });

  it('reads /me as an action, folds whitespace and cuts a long preview', () => {
    expect(decideNotification(base({ message: message({ conversation: 'bob@example.com', body: '/me waves\n\nhello', timestamp: NOW }) }))?.body).toBe('Bob waves hello');
    const long = decideNotification(base({ message: message({ conversation: 'bob@example.com', body: 'x'.repeat(500), timestamp: NOW }) }))?.body ?? '';
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('the unread badge', () => {
  it('counts every unread message of every account', () => {
    expect(totalUnread({ unread: {} })).toBe(0);
    expect(totalUnread({ unread: { 'a@x': { 'b@x': 2, 'c@x': 1 }, 'd@x': { 'e@x': 4 } } })).toBe(7);
  });
});
