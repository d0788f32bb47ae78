// The contacts, conversations and files texts in German (issue 11 item 6): plurals, durations, sizes and labels.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../app/shared/contract.ts';
import { contactLabel } from '../components/ContactItem.tsx';
import { conversationLabel } from '../components/ConversationList.tsx';
import { formatSize, TransferRow } from '../containers/FilesContainer.tsx';
import { dayLabel } from '../history/rows.ts';
import { previewOf } from '../state/conversations.ts';
import { idleText, lastSeenText } from '../text/activity.ts';
import { presenceWord } from '../text/words.ts';
import { i18n } from '../i18n/i18n.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const MIN = 60_000;
const bob: Contact = {
  jid: 'bob@example.test', name: 'Bob', subscription: 'both', pendingOut: false, groups: [], resources: [],
  presence: { show: 'away', status: 'In a meeting' },
};

describe('German', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('de');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('says activity with German plurals', () => {
    expect(idleText(NOW - 12 * MIN, NOW)).toBe('inaktiv seit 12 Min.');
    expect(idleText(NOW - 26 * 60 * MIN, NOW)).toBe('inaktiv seit 1 Tag');
    expect(lastSeenText(NOW - 3 * 24 * 60 * MIN, NOW)).toBe('zuletzt gesehen: vor 3 Tagen');
    expect(lastSeenText(NOW - 5_000, NOW)).toBe('zuletzt gesehen: gerade eben');
  });

  it('names contacts and conversations in German, the JIDs and statuses as they are', () => {
    expect(presenceWord('dnd')).toBe('Bitte nicht stören');
    expect(contactLabel(bob, bob.jid, 2, 'me@example.test', true)).toBe('Bob, Abwesend, In a meeting, wartet auf Ihre Antwort, 2 ungelesen, Konto me@example.test');
    const message = { id: 'm', conversation: bob.jid, direction: 'out', from: 'me@example.test', to: bob.jid, body: 'bis gleich', timestamp: NOW } as const;
    const preview = previewOf(message, 'chat', 'Bob');
    expect(preview).toBe('Sie: bis gleich');
    expect(conversationLabel({ account: 'me@example.test', peer: 'team@rooms.example.test', name: 'Team', kind: 'room', unread: 1, preview, timestamp: NOW }, false))
      .toBe('Team, Gruppenchat, 1 ungelesen: Sie: bis gleich');
  });

  it('formats sizes and days in German', () => {
    expect(formatSize(1536)).toBe('1,5 KB');
    expect(formatSize(1)).toBe('1 Byte');
    expect(dayLabel(NOW, NOW)).toBe('Heute');
    const html = renderToStaticMarkup(createElement(TransferRow, {
      transfer: { account: 'me@example.test', id: 't', direction: 'upload', conversation: bob.jid, name: 'a.png', size: 2048, mediaType: 'image/png', transferred: 1024, state: 'uploading' },
    }));
    expect(html).toContain('aria-valuetext="50 % von 2,0 KB"');
    expect(html).toContain('>Abbrechen</button>');
  });

  it('keeps the English exactly as before once switched back', async () => {
    await i18n.changeLanguage('en');
    expect(idleText(NOW - 26 * 60 * MIN, NOW)).toBe('idle for 1 day');
    expect(lastSeenText(NOW - 3 * 24 * 60 * MIN, NOW)).toBe('last seen 3 days ago');
    expect(contactLabel(bob, bob.jid, 1)).toBe('Bob, Away, In a meeting, 1 unread');
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(1536)).toBe('1.5 KB');
  });
});
