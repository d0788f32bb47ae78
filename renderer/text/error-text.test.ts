// The core's messages built from parts reach people in the interface's language, with the parts as they were.
import { afterEach, describe, expect, it } from 'vitest';
import { roomSaid, serverSaid, streamError, withReason } from '../../app/core/errors.ts';
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
    const said = roomSaid(phrase('{{room}} is full: it has as many occupants as it allows. Try again later.', { room: 'a@b.test' }), 'Room is full {{room}}');
    const error = appError('not-allowed', said);
    expect(error.message).toBe('a@b.test is full: it has as many occupants as it allows. Try again later. The room said: Room is full {{room}}');
    await i18n.changeLanguage('de');
    expect(errorText(error)).toBe('a@b.test ist voll: Er hat so viele Teilnehmer, wie er zulässt. Versuchen Sie es später erneut. Der Raum sagte: Room is full {{room}}');
    expect(errorText(appError('not-allowed', withReason(phrase('You were kicked from {{room}}.', { room: 'a@b.test' }), 'spam')))).toBe(
      'Sie wurden aus a@b.test hinausgeworfen. Grund: spam',
    );
    // A fixed sentence inside a phrase is looked up too; a wrapped stream error keeps the server's text.
    expect(errorText(appError('auth-failed', serverSaid('Wrong Jabber ID or password.', 'Bad password')))).toBe('Falsche Jabber-ID oder falsches Passwort. Der Server sagte: Bad password');
    expect(errorText(streamError('reset', 'by peer').appError)).toMatch(/^.+ \(by peer\)$/u);
    expect(errorText(streamError('reset', 'by peer').appError)).not.toBe(streamError('reset', 'by peer').appError.message);
  });

  it('keeps a template without German in English, and a value that looks like a template as it is', async () => {
    await i18n.changeLanguage('de');
    const unknown = fail('internal', phrase('Not translated {{x}}.', { x: '{{y}}' }));
    expect(unknown.ok ? '' : errorText(unknown.error)).toBe('Not translated {{y}}.');
    expect(errorText({ message: 'No phrase, no German' })).toBe('No phrase, no German');
  });
});
