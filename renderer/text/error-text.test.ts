// The core's messages built from parts reach people in the interface's language, with the parts as they were.
import { afterEach, describe, expect, it } from 'vitest';
import { phrase } from '../../app/shared/phrase.ts';
import { appError, fail } from '../../app/shared/result.ts';
import { i18n } from '../i18n/i18n.ts';
import { errorText } from './error-text.ts';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('errorText with phrases', () => {
  it('translates the template and puts the values in unchanged', async () => {
    const error = appError('not-allowed', phrase('You are banned from {{room}}.', { room: 'team@rooms.example.test' }));
    expect(error.message).toBe('You are banned from team@rooms.example.test.');
    expect(errorText(error)).toBe('You are banned from team@rooms.example.test.');
    await i18n.changeLanguage('de');
    expect(errorText(error)).toBe('Sie sind aus team@rooms.example.test verbannt.');
  });

  it('translates phrases inside phrases, but never the server’s own words', async () => {
    // As app/core/errors.ts's roomSaid(), withReason() and serverSaid() build them.
    const full = phrase('{{room}} is full: it has as many occupants as it allows. Try again later.', { room: 'a@b.test' });
    const said = phrase('{{message}} The room said: {{text}}', { message: full, text: 'Room is full {{room}}' });
    const error = appError('not-allowed', said);
    expect(error.message).toBe('a@b.test is full: it has as many occupants as it allows. Try again later. The room said: Room is full {{room}}');
    await i18n.changeLanguage('de');
    expect(errorText(error)).toBe('a@b.test ist voll: Er hat so viele Teilnehmer, wie er zulässt. Versuchen Sie es später erneut. Der Raum sagte: Room is full {{room}}');
    const kicked = phrase('{{message}} Reason: {{reason}}', { message: phrase('You were kicked from {{room}}.', { room: 'a@b.test' }), reason: 'spam' });
    expect(errorText(appError('not-allowed', kicked))).toBe(
      'Sie wurden aus a@b.test hinausgeworfen. Grund: spam',
    );
    // A fixed sentence inside a phrase is looked up too.
    const wrong = phrase('{{message}} The server said: {{text}}', { message: phrase('Wrong Jabber ID or password.'), text: 'Bad password' });
    expect(errorText(appError('auth-failed', wrong))).toBe('Falsche Jabber-ID oder falsches Passwort. Der Server sagte: Bad password');
  });

  it('keeps a template without German in English, and a value that looks like a template as it is', async () => {
    await i18n.changeLanguage('de');
    const unknown = fail('internal', phrase('Not translated {{x}}.', { x: '{{y}}' }));
    expect(unknown.ok ? '' : errorText(unknown.error)).toBe('Not translated {{y}}.');
    expect(errorText({ message: 'No phrase, no German' })).toBe('No phrase, no German');
  });
});
