import { describe, expect, it } from 'vitest';
import { parsePort, validateProxy, validateSignIn } from './sign-in.ts';

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

describe('validateProxy', () => {
  const base = { type: 'socks5' as const, host: ' proxy.corp ', port: '1080', username: '', password: '' };
  it('is null for a direct connection and a proxy otherwise', () => {
    expect(validateProxy({ ...base, type: 'none' })).toEqual({ ok: true, proxy: null });
    expect(validateProxy(base)).toEqual({ ok: true, proxy: { type: 'socks5', host: 'proxy.corp', port: 1080 } });
    expect(validateProxy({ ...base, type: 'http', username: 'me', password: 'pw' })).toEqual({ ok: true, proxy: { type: 'http', host: 'proxy.corp', port: 1080, username: 'me', password: 'pw' } });
  });
  it('refuses a missing server or a bad port', () => {
    expect(validateProxy({ ...base, host: ' ' }).ok).toBe(false);
    expect(validateProxy({ ...base, port: '70000' }).ok).toBe(false);
    expect(validateProxy({ ...base, port: '' }).ok).toBe(false);
  });
});

describe('signing in with an access token', () => {
  it('lets a token stand in for the password', () => {
    const fields = { jid: 'alice@example.com', password: '', server: '', port: '' };
    expect(validateSignIn(fields).ok).toBe(false);
    expect(validateSignIn(fields, ' tok3n ')).toMatchObject({ ok: true, request: { jid: 'alice@example.com', password: '', oauthToken: 'tok3n' } });
  });
});
