import { describe, expect, it } from 'vitest';
import { parsePort, validateSignIn } from './sign-in.ts';

const fields = { jid: 'alice@example.com', password: 'secret', server: '', port: '' };

describe('validateSignIn', () => {
  it('accepts a bare JID and password, leaving server and port out', () => {
    expect(validateSignIn(fields)).toEqual({ ok: true, request: { jid: 'alice@example.com', password: 'secret' } });
  });

  it('normalizes the JID and passes server and port', () => {
    expect(validateSignIn({ ...fields, jid: ' Alice@Example.COM ', server: ' xmpp.example.com ', port: '5223' })).toEqual({
      ok: true,
      request: { jid: 'alice@example.com', password: 'secret', host: 'xmpp.example.com', port: 5223 },
    });
  });

  it('explains an unusable JID', () => {
    const result = validateSignIn({ ...fields, jid: 'example.com' });
    expect(result).toMatchObject({ ok: false, field: 'jid' });
    expect(!result.ok && result.message).toContain('like alice@example.com');
  });

  it('requires a password but does not trim it', () => {
    expect(validateSignIn({ ...fields, password: '' })).toMatchObject({ ok: false, field: 'password' });
    expect(validateSignIn({ ...fields, password: ' p ' })).toMatchObject({ ok: true, request: { password: ' p ' } });
  });

  it('checks the port', () => {
    expect(parsePort('')).toBeNull();
    expect(parsePort('1')).toBe(1);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['0', '65536', '-1', '5222.5', 'abc', '1e3', '999999']) expect(parsePort(bad)).toBe('invalid');
    expect(validateSignIn({ ...fields, port: '70000' })).toMatchObject({ ok: false, field: 'port' });
  });

  it('rejects a server with spaces', () => {
    expect(validateSignIn({ ...fields, server: 'a b' })).toMatchObject({ ok: false, field: 'server' });
  });
});
