// The composer's spell checking comes in as a prop (the container reads Settings), and errors from the
// core are shown through errorText: in the interface's language, the English unchanged (issue 11 item 6).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError, Room } from '../../app/shared/contract.ts';
import { i18n } from '../i18n/i18n.ts';
import { Composer, type ComposerCommands } from './Composer.tsx';
import { ContactList, type ContactListCommands } from './ContactList.tsx';
import { RoomView, type RoomCommands } from './RoomView.tsx';

/** Commands nobody calls while rendering to markup. */
const inert = <T,>(): T => new Proxy({}, { get: () => () => undefined }) as T;
const conversation = { account: 'me@example.com', peer: 'team@rooms.example.com' };
// A fixed message of the core's with German in app/shared/i18n/de/errors.ts.
const error: AppError = { code: 'not-allowed', message: 'Jabber Desk is shutting down.' };

afterEach(async () => {
  await i18n.changeLanguage('en');
});

const composer = (spelling?: { lang: 'en' | 'de'; spellCheck: boolean }): string =>
  renderToStaticMarkup(createElement(Composer, { conversation, partnerName: 'Team', draft: '', editing: undefined, messages: [], commands: inert<ComposerCommands>(), spelling }));

describe('the composer’s spell checking', () => {
  it('takes lang and spellcheck from the language chosen in Settings', () => {
    expect(composer({ lang: 'de', spellCheck: true })).toMatch(/<textarea[^>]* lang="de" spellCheck="true"/u);
    expect(composer({ lang: 'en', spellCheck: false })).toMatch(/<textarea[^>]* lang="en" spellCheck="false"/u);
  });

  it('without them, inherits the page’s', () => {
    expect(composer()).not.toMatch(/<textarea[^>]* (lang|spellCheck)=/u);
  });
});

describe('errors from the core', () => {
  const room: Room = {
    jid: conversation.peer, name: 'Team', nick: 'Me', subject: '', status: 'left', role: 'none', affiliation: 'none', bookmarked: false, autojoin: false, error,
  };
  const roomView = (): string => renderToStaticMarkup(createElement(RoomView, { conversation, room, occupants: [], messages: [], draft: '', commands: inert<RoomCommands>() }));
  const contactList = (): string =>
    renderToStaticMarkup(createElement(ContactList, {
      filter: '', error, empty: false, rows: [], showAccounts: false, itemData: inert<never>(), commands: inert<ContactListCommands>(), requests: null, dialogs: null,
    }));

  it('show the English message as the core wrote it', () => {
    expect(roomView()).toContain('<p class="room-status">Jabber Desk is shutting down.</p>');
    expect(contactList()).toContain('<p class="alert-message">Jabber Desk is shutting down.</p>');
  });

  it('show it in German in a German interface', async () => {
    await i18n.changeLanguage('de');
    expect(roomView()).toContain('<p class="room-status">Jabber Desk wird beendet.</p>');
    expect(contactList()).toContain('<p class="alert-message">Jabber Desk wird beendet.</p>');
  });
});

describe('a reply whose original was retracted', () => {
  it('shows that instead of the quoted words', async () => {
    const { ReplyQuote } = await import('./ReplyQuote.tsx');
    const shown = renderToStaticMarkup(createElement(ReplyQuote, { author: 'Bob', quotedBody: 'the secret', originalRetracted: false, onJump: () => {} }));
    expect(shown).toContain('the secret');
    const hidden = renderToStaticMarkup(createElement(ReplyQuote, { author: 'Bob', quotedBody: 'the secret', originalRetracted: true, onJump: () => {} }));
    expect(hidden).not.toContain('the secret');
    expect(hidden).toContain('This message was retracted.');
    expect(hidden).toContain('In reply to Bob: ');
  });
});
