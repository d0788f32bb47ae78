/**
 * The outbox across a restart of the app: a message the server never acknowledged (the link froze)
 * is kept as pending in the profile's history and sent on the next start, once; it then shows Sent.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer } from '../../../e2e/peer.ts';
import { startTcpRelay } from '../../../e2e/tcp-relay.ts';
import { createMemoryAccountStore } from '../../store/account-store.ts';
import { openProfileHistory } from '../../store/history-files.ts';
import { createMemorySecretStore } from '../../store/secret-store.ts';
import { createJabberService } from '../service.ts';
import { nextEvent } from '../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});


describe('the outbox', () => {
  it('sends a message the server never acknowledged on the next start of the app, exactly once', async () => {
    const { alice, bob } = server.accounts;
    const profile = await mkdtemp(path.join(tmpdir(), 'jabber-outbox-'));
    cleanups.push(() => rm(profile, { recursive: true, force: true }));
    const relay = await startTcpRelay(server.host, server.c2sPort);
    cleanups.push(() => relay.close());
    const bobPeer = await startPeer(server, bob, { resource: 'outbox' });
    cleanups.push(() => bobPeer.stop());
    const stores = { accountStore: createMemoryAccountStore(), secretStore: createMemorySecretStore(), openHistory: (account: string) => openProfileHistory(profile, account) };
    const options = { trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, livenessTimeoutMs: 60_000, keepaliveMs: 60_000 };

    const first = createJabberService({ ...options, autoConnect: true }, stores);
    expect((await first.addAccount({ jid: alice.jid, password: alice.password, host: '127.0.0.1', port: relay.port })).ok).toBe(true);
    relay.freezeAll(); // bytes go into the socket and nowhere: no ack will come
    const sent = await first.sendMessage({ account: alice.jid, to: bob.jid, body: 'written before the app quit' });
    expect(sent).toMatchObject({ ok: true, value: { state: 'pending' } });
    await first.dispose();
    relay.cutAll();
    expect(bobPeer.received.filter((m) => m.body === 'written before the app quit')).toEqual([]);

    const second = createJabberService({ ...options, autoConnect: true }, stores);
    cleanups.push(() => second.dispose());
    const markedSent = nextEvent(second, 'onMessage', (p) => p.message.id === (sent.ok ? sent.value.id : '') && p.message.state === 'sent');
    const snapshot = await second.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.messages.map((m) => [m.body, m.state])).toEqual([['written before the app quit', 'pending']]);
    await bobPeer.waitForMessage((m) => m.body === 'written before the app quit');
    await markedSent;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bobPeer.received.filter((m) => m.body === 'written before the app quit')).toHaveLength(1);
  });
});
