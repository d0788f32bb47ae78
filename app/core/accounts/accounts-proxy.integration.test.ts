/** An account that connects through its proxy (Dante SOCKS5, tinyproxy HTTP with a password), settings kept without the secret. */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startHttpProxy, startSocksProxy } from '../../../e2e/proxies.ts';
import { createMemoryAccountStore } from '../../store/account-store.ts';
import { createMemorySecretStore } from '../../store/secret-store.ts';
import { createJabberService } from '../service.ts';

const server = inject('testServer');
const { alice } = server.accounts;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

describe('accounts behind a proxy', () => {
  it('signs in through SOCKS5 and HTTP CONNECT, keeping the proxy password out of the account list', async () => {
    const socks = await startSocksProxy();
    cleanups.push(() => socks.stop());
    const http = await startHttpProxy();
    cleanups.push(() => http.stop());
    const accountStore = createMemoryAccountStore();
    const secretStore = createMemorySecretStore();
    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: false }, { accountStore, secretStore });
    cleanups.push(() => service.dispose());

    const viaSocks = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort, proxy: { type: 'socks5', host: '127.0.0.1', port: socks.port } });
    expect(viaSocks.ok).toBe(true);
    expect(await service.signOut({ account: alice.jid })).toEqual({ ok: true, value: null });

    const proxy = { type: 'http' as const, host: '127.0.0.1', port: http.port, username: http.username ?? '', password: http.password ?? '' };
    expect(await service.updateAccount({ account: alice.jid, proxy })).toMatchObject({ ok: true, value: { proxy: { type: 'http', username: http.username } } });
    const viaHttp = await service.signIn({ account: alice.jid });
    expect(viaHttp.ok).toBe(true);

    const stored = JSON.stringify(await accountStore.load());
    expect(stored).toContain(`"port":${http.port}`);
    expect(stored).not.toContain(http.password ?? 'never');
    expect(await secretStore.get(`proxy-password:${alice.jid}`)).toBe(http.password);

    // Saved again from account settings, which never shows the saved proxy password: it is kept.
    await service.signOut({ account: alice.jid });
    const { password: _typedBefore, ...proxyAsShown } = proxy;
    expect((await service.updateAccount({ account: alice.jid, proxy: proxyAsShown })).ok).toBe(true);
    expect(await secretStore.get(`proxy-password:${alice.jid}`)).toBe(http.password);
    expect(await service.signIn({ account: alice.jid })).toMatchObject({ ok: true });

    // A wrong proxy password is reported as a proxy failure, not as a wrong account password.
    await service.signOut({ account: alice.jid });
    await service.updateAccount({ account: alice.jid, proxy: { ...proxy, password: 'wrong' } });
    expect(await service.signIn({ account: alice.jid })).toMatchObject({ ok: false, error: { code: 'proxy-failed' } });
  });
});
