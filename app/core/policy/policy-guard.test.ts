import { describe, expect, it } from 'vitest';
import type { ManagedPolicy, PolicyState } from '../../shared/policy.ts';
import { parseAddAccount, parseUpdateAccount, type AddAccountInput } from '../accounts/accounts-input.ts';
import { createPolicyGuard } from './policy-guard.ts';

const CA = { pem: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n', subject: 'CN=Example CA', fingerprintSha256: 'AA', validTo: '2030-01-01T00:00:00.000Z' };
const active = (policy: Partial<ManagedPolicy>): PolicyState => ({
  state: 'active', source: '/etc/jabber-desk/policy.json', policy: { otherAccounts: true, savePasswords: true, fileUpload: true, ...policy },
});
const company = active({ domain: 'example.com', server: 'xmpp.example.com', port: 5222, otherAccounts: false, savePasswords: false, certificateAuthority: CA, proxy: { type: 'http', host: 'proxy.example.com', port: 3128 } });

function addInput(request: Record<string, unknown>): AddAccountInput {
  const parsed = parseAddAccount({ password: 'secret', ...request });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}
const codeOf = (result: { ok: boolean; error?: { code: string } }): string | undefined => (result.ok ? undefined : result.error?.code);

describe('the policy guard', () => {
  it('changes nothing without a policy', () => {
    const guard = createPolicyGuard({ state: 'none' });
    const input = addInput({ jid: 'alice@elsewhere.org', host: 'h', port: 1 });
    expect(guard.addAccount(input, {})).toEqual({ ok: true, value: input });
    expect(guard.credentials('alice@elsewhere.org', { password: 'p', host: 'h' })).toEqual({ password: 'p', host: 'h' });
    expect(guard.savePasswords).toBe(true);
  });

  it('refuses an account on another domain with policy-locked', () => {
    const guard = createPolicyGuard(company);
    const refused = guard.addAccount(addInput({ jid: 'mallory@elsewhere.org' }), {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'policy-locked', message: expect.stringContaining('Only accounts on example.com') } });
    expect(codeOf(guard.signIn({ account: 'mallory@elsewhere.org' }))).toBe('policy-locked');
    expect(guard.allowsAccount('alice@example.com')).toEqual({ ok: true, value: null });
  });

  it('fills in server, port and proxy, and never saves the password', () => {
    const guard = createPolicyGuard(company);
    const result = guard.addAccount(addInput({ jid: 'alice@example.com', proxy: { type: 'http', host: 'proxy.example.com', port: 3128, username: 'alice', password: 'pw' } }), {});
    expect(result).toMatchObject({ ok: true, value: { host: 'xmpp.example.com', port: 5222, rememberPassword: false, proxy: { type: 'http', host: 'proxy.example.com', port: 3128, username: 'alice', password: 'pw' } } });
    expect(codeOf(guard.addAccount(addInput({ jid: 'alice@example.com' }), { rememberPassword: true }))).toBe('policy-locked');
    expect(codeOf(guard.signIn({ account: 'alice@example.com', password: 'p', rememberPassword: true }))).toBe('policy-locked');
    expect(guard.signIn({ account: 'alice@example.com', password: 'p', rememberPassword: false }).ok).toBe(true);
  });

  it('refuses another server, port or proxy', () => {
    const guard = createPolicyGuard(company);
    expect(codeOf(guard.addAccount(addInput({ jid: 'alice@example.com', host: 'evil.example.net' }), {}))).toBe('policy-locked');
    expect(codeOf(guard.addAccount(addInput({ jid: 'alice@example.com', port: 5223 }), {}))).toBe('policy-locked');
    expect(codeOf(guard.addAccount(addInput({ jid: 'alice@example.com', proxy: { type: 'socks5', host: 'proxy.example.com', port: 1080 } }), {}))).toBe('policy-locked');
    const update = (request: Record<string, unknown>) => {
      const parsed = parseUpdateAccount({ account: 'alice@example.com', ...request });
      if (!parsed.ok) throw new Error(parsed.error.message);
      return guard.updateAccount(parsed.value);
    };
    expect(codeOf(update({ host: 'other.example.com' }))).toBe('policy-locked');
    expect(codeOf(update({ host: null }))).toBe('policy-locked');
    expect(codeOf(update({ port: 1 }))).toBe('policy-locked');
    expect(codeOf(update({ proxy: null }))).toBe('policy-locked');
    expect(update({ host: 'XMPP.example.com', port: 5222 }).ok).toBe(true);
    expect(update({ proxy: { type: 'http', host: 'proxy.example.com', port: 3128, username: 'alice' } })).toMatchObject({ ok: true, value: { proxy: { username: 'alice' } } });
  });

  it('trusts only the company CA for the company domain', () => {
    const guard = createPolicyGuard(company);
    expect(guard.credentials('alice@example.com', { password: 'p', host: 'stale', pinnedFingerprints: ['AA:BB'], authorities: ['other'] })).toEqual({
      password: 'p', host: 'xmpp.example.com', port: 5222, authorities: [CA.pem], exclusiveTrust: true,
      proxy: { type: 'http', host: 'proxy.example.com', port: 3128 },
    });
    expect(codeOf(guard.trustCertificate('alice@example.com'))).toBe('policy-locked');
    expect(codeOf(guard.addTrustedAuthority())).toBe('policy-locked');
  });

  it('refuses everything while the policy file is invalid', () => {
    const guard = createPolicyGuard({ state: 'invalid', source: '/etc/jabber-desk/policy.json', message: 'The policy file … cannot be used' });
    expect(codeOf(guard.addAccount(addInput({ jid: 'alice@example.com' }), {}))).toBe('policy-invalid');
    expect(codeOf(guard.signIn({ account: 'alice@example.com' }))).toBe('policy-invalid');
    expect(codeOf(guard.usable())).toBe('policy-invalid');
  });

  it('keeps a direct connection when the policy says so', () => {
    const guard = createPolicyGuard(active({ proxy: null }));
    expect(codeOf(guard.addAccount(addInput({ jid: 'a@b.c', proxy: { type: 'http', host: 'p', port: 1 } }), {}))).toBe('policy-locked');
    expect(guard.credentials('a@b.c', { password: 'p', proxy: { type: 'http', host: 'p', port: 1 } })).toEqual({ password: 'p' });
  });
});
