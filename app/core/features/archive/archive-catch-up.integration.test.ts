/**
 * Catching up after a restart of the app: what the account's other device exchanged while the app
 * was closed comes from the archive, from where the last run stopped (the position is kept in the
 * profile), in order and once — more than one page of it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer } from '../../../../e2e/peer.ts';
import { createMemoryAccountStore } from '../../../store/account-store.ts';
import { openProfileHistory } from '../../../store/history-files.ts';
import { createMemorySecretStore } from '../../../store/secret-store.ts';
import { CATCH_UP_PAGE } from './history-sync.ts';
import { createJabberService } from '../../service.ts';
import { freshUser } from '../../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

describe('archive catch-up across restarts', () => {
  it('fetches everything exchanged while the app was closed, from the kept position, in order, once', async () => {
    // Fresh accounts: the shared ones' archives hold other tests' messages.
    const alice = await freshUser(server, 'catcher');
    const carol = await freshUser(server, 'caught');
    const profile = await mkdtemp(path.join(tmpdir(), 'jabber-catch-up-'));
    cleanups.push(() => rm(profile, { recursive: true, force: true }));
    const stores = { accountStore: createMemoryAccountStore(), secretStore: createMemorySecretStore(), openHistory: (account: string) => openProfileHistory(profile, account) };
    const options = { trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: true };

    const first = createJabberService(options, stores);
    expect((await first.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort })).ok).toBe(true);
    expect((await first.sendMessage({ account: alice.jid, to: carol.jid, body: 'before closing' })).ok).toBe(true);
    // The archive's timestamps have whole seconds: let the next second begin, so the order is unambiguous.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // Signed in again, this run's catch-up certainly sees that message: the kept position is after it.
    expect((await first.signOut({ account: alice.jid })).ok).toBe(true);
    expect((await first.signIn({ account: alice.jid })).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // its catch-up runs in the background
    await first.dispose();

    // Meanwhile, alice's phone and carol talk: more than one archive page.
    const phone = await startPeer(server, alice, { resource: 'phone' });
    cleanups.push(() => phone.stop());
    const count = CATCH_UP_PAGE + 15;
    const bodies = Array.from({ length: count }, (_, index) => `from the phone ${String(index).padStart(3, '0')}`);
    for (const body of bodies) await phone.sendMessage(carol.jid, body);
    await phone.stop();

    const second = createJabberService(options, stores);
    cleanups.push(() => second.dispose());
    const progress: string[] = [];
    second.subscribe((envelope) => {
      if (envelope.event === 'onArchiveSync') {
        const { syncing, fetched } = envelope.payload as { syncing: boolean; fetched: number };
        progress.push(`${syncing ? 'syncing' : 'done'} ${fetched}`);
      }
    });
    const deadline = Date.now() + 15_000;
    let shown: string[] = [];
    while (Date.now() < deadline) {
      const snapshot = await second.getSnapshot();
      shown = snapshot.ok ? (snapshot.value.accounts[0]?.messages ?? []).filter((m) => m.conversation === carol.jid).map((m) => m.body) : [];
      if (shown.length >= count + 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(shown).toEqual(['before closing', ...bodies]);
    // More than a page: the UI was told it is running, then that it is over.
    await expect.poll(() => progress.at(-1)).toBe(`done ${count}`);
    expect(progress[0]).toBe(`syncing ${CATCH_UP_PAGE}`);
  });
});
