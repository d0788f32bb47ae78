/**
 * The core against a real ejabberd 23.01 (its own private instance, started here): SCRAM-SHA-512,
 * SCRAM-*-PLUS with tls-unique on TLS 1.2, direct TLS found through SRV, and X-OAUTH2 with a token
 * issued by `ejabberdctl oauth_issue_token`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../../e2e/dns-server.ts';
import { startEjabberd, type EjabberdServer } from '../../../e2e/server/ejabberd.ts';
import { parseAccountJid } from '../../shared/jid.ts';
import { openStream, type ConnectOptions } from '../stream/connection.ts';
import { dnsServerResolver } from '../stream/resolve.ts';
import { createMemoryAccountStore } from '../../store/account-store.ts';
import { createMemorySecretStore } from '../../store/secret-store.ts';
import { createJabberService } from '../service.ts';

let server: EjabberdServer;
let tls12: EjabberdServer;
let dns: DnsServer;

beforeAll(async () => {
  [server, tls12] = await Promise.all([startEjabberd(), startEjabberd({ tlsMaxVersion: 'TLSv1.2' })]);
  dns = await startDnsServer({
    srv: [{ service: '_xmpps-client._tcp.example.test', target: 'chat.example.test', port: server.directTlsPort, priority: 0, weight: 0 }],
    a: { 'chat.example.test': '127.0.0.1' },
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([server?.stop(), tls12?.stop(), dns?.stop()]);
}, 60_000);

function options(target: EjabberdServer, overrides: Partial<ConnectOptions> = {}): ConnectOptions {
  const account = parseAccountJid(target.accounts.alice.jid);
  if (!account.ok) throw new Error(account.reason);
  return {
    account: account.jid,
    password: target.accounts.alice.password,
    host: target.host,
    port: target.c2sPort,
    trustedCertificates: [target.caCertPem],
    stepTimeoutMs: 10_000,
    ...overrides,
  };
}

async function signIn(target: EjabberdServer, overrides: Partial<ConnectOptions> = {}): Promise<string> {
  const opened = await openStream(options(target, overrides));
  await opened.entity.stop();
  return opened.jid;
}

/** What ejabberd logged about the mechanism of the last sign-in. */
const usedMechanism = (target: EjabberdServer): string | undefined =>
  [...readFileSync(target.logFile, 'utf8').matchAll(/Accepted c2s (\S+) authentication/gu)].at(-1)?.[1];

describe('against ejabberd 23.01', () => {
  it('signs in over STARTTLS with the strongest SCRAM it offers', async () => {
    expect(await signIn(server)).toMatch(/^alice@example\.test\//u);
    // ejabberd writes its log asynchronously: wait for the line.
    await expect.poll(() => usedMechanism(server)).toBe('SCRAM-SHA-512');
  });

  it('binds the sign-in to the TLS 1.2 connection with SCRAM-SHA-512-PLUS (tls-unique)', async () => {
    expect(await signIn(tls12)).toMatch(/^alice@example\.test\//u);
    await expect.poll(() => usedMechanism(tls12)).toBe('SCRAM-SHA-512-PLUS');
  });

  it('finds direct TLS through _xmpps-client SRV', async () => {
    const jid = await signIn(server, { host: undefined, port: undefined, resolver: dnsServerResolver([dns.address]) });
    expect(jid).toMatch(/^alice@example\.test\//u);
  });

  it('signs in with an OAuth token (X-OAUTH2) and refuses a wrong one', async () => {
    const token = await server.issueOAuthToken('alice');
    expect(await signIn(server, { password: '', token })).toMatch(/^alice@example\.test\//u);
    await expect.poll(() => usedMechanism(server)).toBe('X-OAUTH2');
    await expect(signIn(server, { password: '', token: `${token}x` })).rejects.toMatchObject({ appError: { code: 'auth-failed' } });
  });

  it('adds an account that signs in with an OAuth token, kept like a password for the next start', async () => {
    const token = await server.issueOAuthToken('alice');
    const stores = { accountStore: createMemoryAccountStore(), secretStore: createMemorySecretStore() };
    const first = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 10_000, autoConnect: false }, stores);
    const added = await first.addAccount({ jid: server.accounts.alice.jid, password: '', oauthToken: token, host: server.host, port: server.c2sPort });
    expect(added.ok).toBe(true);
    await first.dispose();
    expect(await stores.secretStore.get(server.accounts.alice.jid)).toBeUndefined();
    const later = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 10_000, autoConnect: false }, stores);
    expect((await later.signIn({ account: server.accounts.alice.jid })).ok).toBe(true);
    await later.dispose();
  });
});
