import { describe, expect, it } from 'vitest';
import { announcementFor, type AnnouncementInput } from './announcements.ts';
import { message } from './test-data.ts';

const now = 1_700_000_100_000;
const base = (partial: Partial<AnnouncementInput> = {}): AnnouncementInput => ({
  message: message({ conversation: 'bob@example.com', body: 'see\nyou', timestamp: now - 1000 }),
  known: false,
  name: 'Bob',
  kind: 'chat',
  open: false,
  now,
  notBefore: now - 60_000,
  ...partial,
});

describe('announcementFor', () => {
  it('reads out an incoming message of a chat that is not open, with its sender', () => {
    expect(announcementFor(base())).toBe('New message from Bob: see you');
  });

  it('says nothing for our own messages, copies, history, or the open chat (it announces its own)', () => {
    expect(announcementFor(base({ message: message({ conversation: 'bob@example.com', direction: 'out', timestamp: now }) }))).toBeNull();
    expect(announcementFor(base({ known: true }))).toBeNull();
    expect(announcementFor(base({ notBefore: now + 10_000 }))).toBeNull();
    expect(announcementFor(base({ open: true }))).toBeNull();
  });

  it('reads out the open room only, with the nickname', () => {
    const roomMessage = message({ conversation: 'team@conference.example.com', from: 'team@conference.example.com/Carol', body: 'standup?', timestamp: now });
    expect(announcementFor(base({ message: roomMessage, kind: 'room', name: 'Team', open: true }))).toBe('Carol in Team: standup?');
    expect(announcementFor(base({ message: roomMessage, kind: 'room', name: 'Team', open: false }))).toBeNull();
  });
});
