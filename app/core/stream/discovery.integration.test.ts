/**
 * Finding the server through DNS (RFC 6120 §3.2, XEP-0368), against a real DNS server (dnsmasq)
 * and the real Prosody: SRV order and fallback, direct TLS, and the certificate checked against
 * the account's domain even when SRV points to a host with another name.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startDnsServer, type DnsRecords } from '../../../e2e/dns-server.ts';
import { startFakeServer } from '../../../e2e/fake-xmpp-server.ts';
import { openStream } from './connection.ts';
import { parseAccountJid } from '../../shared/jid.ts';
import { dnsServerResolver } from './resolve.ts';

const server = inject('testServer');
const { alice } = server.accounts;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function signInThroughDns(records: DnsRecords, trusted = [server.caCertPem]) {
  const dns = await startDnsServer(records);
  cleanups.push(() => dns.stop());
  const account = parseAccountJid(alice.jid);
  if (!account.ok) throw new Error(account.reason);
  const opened = await openStream({
    account: account.jid,
    password: alice.password,
    trustedCertificates: trusted,
    stepTimeoutMs: 5_000,
    resolver: dnsServerResolver([dns.address]),
  });
  cleanups.push(() => opened.entity.stop());
  return opened;
}

const srv = (service: string, target: string, port: number, priority: number, weight = 0) => ({ service, target, port, priority, weight });

describe('discovery', () => {
  it('connects with direct TLS found through _xmpps-client SRV, checking the certificate against the domain, not the SRV host', async () => {
    // The SRV target's name is not on the certificate (it names example.test): only the domain must match.
    // Only an _xmpps-client record exists and example.test itself does not resolve, so success means direct TLS.
    const opened = await signInThroughDns({
      srv: [srv('_xmpps-client._tcp.example.test', 'talk.provider.test', server.directTlsPort, 0)],
      a: { 'talk.provider.test': '127.0.0.1' },
    });
    expect(opened.jid).toMatch(/^alice@example\.test\//u);
    expect(opened.entity.isSecure()).toBe(true);
  });

  it('tries SRV targets in priority order, falling back past one that refuses', async () => {
    const closed = await startFakeServer('silent');
    const closedPort = closed.port;
    await closed.close();
    const opened = await signInThroughDns({
      srv: [
        srv('_xmpps-client._tcp.example.test', 'down.provider.test', closedPort, 0),
        srv('_xmpp-client._tcp.example.test', 'xmpp.provider.test', server.c2sPort, 10),
      ],
      a: { 'down.provider.test': '127.0.0.1', 'xmpp.provider.test': '127.0.0.1' },
    });
    expect(opened.jid).toMatch(/^alice@example\.test\//u);
  });

  it('says host-not-found when neither SRV records nor the domain resolve', async () => {
    await expect(signInThroughDns({})).rejects.toMatchObject({ appError: { code: 'host-not-found' } });
  });

  it('refuses an untrusted certificate on a direct TLS target without trying elsewhere', async () => {
    await expect(
      signInThroughDns(
        {
          srv: [
            srv('_xmpps-client._tcp.example.test', 'talk.provider.test', server.directTlsPort, 0),
            srv('_xmpp-client._tcp.example.test', 'talk.provider.test', server.c2sPort, 10),
          ],
          a: { 'talk.provider.test': '127.0.0.1' },
        },
        [],
      ),
    ).rejects.toMatchObject({ appError: { code: 'tls-untrusted' } });
  });
});
