// The core's sentences stay English in `message`, and carry the phrase the interface translates.
import { describe, expect, it } from 'vitest';
import { authFailed, roomSaid, serverSaid, streamError, toAppError, withReason } from './errors.ts';
import { phrase } from '../shared/phrase.ts';

describe('error phrases', () => {
  it('puts the server’s own words after our sentence, as a value that is never translated', () => {
    const error = authFailed('not-authorized', 'Bad {{password}}').appError;
    expect(error.message).toBe('Wrong Jabber ID or password. The server said: Bad {{password}}');
    expect(error.phrase).toEqual({ template: '{{message}} The server said: {{text}}', values: { message: { template: 'Wrong Jabber ID or password.', values: {} }, text: 'Bad {{password}}' } });
    expect(authFailed('account-disabled').appError).toEqual({ code: 'auth-failed', message: 'This account is disabled.', condition: 'account-disabled' });
  });

  it('words a stream error, the text the server added in brackets', () => {
    expect(streamError('reset').appError.message).toBe('The server reset the connection.');
    expect(streamError('undefined-condition', 'oops').appError.message).toBe('The server closed the stream with the error "undefined-condition". (oops)');
    expect(streamError('undefined-condition', 'oops').appError.phrase?.template).toBe('{{message}} ({{text}})');
  });

  it('adds nothing when there is no text or reason', () => {
    const sentence = phrase('You were kicked from {{room}}.', { room: 'r@muc.test' });
    expect(withReason(sentence, '')).toBe(sentence);
    expect(roomSaid(sentence, undefined)).toBe(sentence);
    expect(serverSaid('Fixed.', '')).toBe('Fixed.');
    expect(withReason(sentence, 'spam')).toEqual(phrase('{{message}} Reason: {{reason}}', { message: sentence, reason: 'spam' }));
  });

  it('names the host in network failures through the phrase', () => {
    const error = toAppError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'xmpp.example.test');
    expect(error.message).toBe('xmpp.example.test refused the connection. The server may be down, or the port may be wrong.');
    expect(error.phrase?.values).toEqual({ host: 'xmpp.example.test' });
  });
});
