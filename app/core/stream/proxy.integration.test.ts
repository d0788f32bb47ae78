/** Signing in through real proxies (Dante SOCKS5, tinyproxy HTTP CONNECT) to the real Prosody. */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startHttpProxy, startSocksProxy } from '../../../e2e/proxies.ts';
import { parseAccountJid } from '../../shared/jid.ts';
import { openStream } from './connection.ts';
import type { ProxyConfig } from './proxy.ts';

const server = inject('testServer');
const { alice } = server.accounts;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function signInVia(proxy: ProxyConfig) {
  const account = parseAccountJid(alice.jid);
  if (!account.ok) throw new Error(account.reason);
  const opened = await openStream({
    account: account.jid,
    password: alice.password,
    host: server.host,
    port: server.c2sPort,
    trustedCertificates: [server.caCertPem],
    stepTimeoutMs: 5_000,
    proxy,
  });
  cleanups.push(() => opened.entity.stop());
  return opened;
}

describe('proxies', () => {
  it('signs in through a SOCKS5 proxy', async () => {
    const proxy = await startSocksProxy();
    cleanups.push(() => proxy.stop());
    const opened = await signInVia({ type: 'socks5', host: '127.0.0.1', port: proxy.port });
    expect(opened.jid).toMatch(/^alice@example\.test\//u);
  });

  it('signs in through an HTTP CONNECT proxy with Basic authentication', async () => {
    const proxy = await startHttpProxy();
    cleanups.push(() => proxy.stop());
    const opened = await signInVia({ type: 'http', host: '127.0.0.1', port: proxy.port, username: proxy.username, password: proxy.password });
    expect(opened.jid).toMatch(/^alice@example\.test\//u);
  });

  it('says proxy-failed when the HTTP proxy refuses our credentials', async () => {
    const proxy = await startHttpProxy();
    cleanups.push(() => proxy.stop());
    await expect(signInVia({ type: 'http', host: '127.0.0.1', port: proxy.port, username: 'proxyuser', password: 'wrong' })).rejects.toMatchObject({
      appError: { code: 'proxy-failed', message: expect.stringMatching(/refused the user name or password/u) },
    });
  });

  it('says proxy-failed when no proxy listens', async () => {
    const proxy = await startSocksProxy();
    const { port } = proxy;
    await proxy.stop();
    await expect(signInVia({ type: 'socks5', host: '127.0.0.1', port })).rejects.toMatchObject({ appError: { code: 'proxy-failed' } });
  });
});
