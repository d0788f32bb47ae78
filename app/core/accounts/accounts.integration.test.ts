/** Several accounts in one service against the real Prosody: independent sessions, persisted and restarted. */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer, type Peer } from '../../../e2e/peer.ts';
import { createMemoryAccountStore, type AccountStore } from '../../store/account-store.ts';
import { createMemorySecretStore, type SecretStore } from '../../store/secret-store.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';
import { nextEvent } from '../service-test-support.ts';

const server = inject('testServer');
const { alice, bob, carol } = server.accounts;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

function service(stores: { accountStore?: AccountStore; secretStore?: SecretStore } = {}): JabberService {
  const created = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, backoff: { baseMs: 100, maxMs: 400 } }, stores);
  cleanups.push(() => created.dispose());
  return created;
}

async function peer(resource: string): Promise<Peer> {
  const started = await startPeer(server, bob, { resource });
  cleanups.push(() => started.stop());
  return started;
}


const add = (target: JabberService, account: typeof alice) =>
  target.addAccount({ jid: account.jid, password: account.password, host: server.host, port: server.c2sPort });

describe('several accounts', () => {
  it('signs two accounts in at once; each gets its own roster and messages; signing one out leaves the other connected', async () => {
    const client = service();
    const aliceRoster = nextEvent(client, 'onRoster', (p) => p.account === alice.jid);
    expect(await add(client, alice)).toMatchObject({ ok: true, value: { account: alice.jid, jid: expect.stringMatching(/^alice@example\.test\//u) } });
    const carolRoster = nextEvent(client, 'onRoster', (p) => p.account === carol.jid);
    expect(await add(client, carol)).toMatchObject({ ok: true, value: { account: carol.jid } });
    expect((await aliceRoster).contacts.map((c) => c.jid)).toContain(bob.jid);
    expect((await carolRoster).contacts).toEqual([]); // carol is in nobody's roster, nobody in hers

    const listed = await client.listAccounts();
    expect(listed.ok && listed.value.map((a) => [a.account, a.enabled, a.passwordSaved, a.connection.status])).toEqual([
      [alice.jid, true, true, 'connected'],
      [carol.jid, true, true, 'connected'],
    ]);

    const bobPeer = await peer('two-accounts');
    const toAlice = nextEvent(client, 'onMessage', (p) => p.message.body === 'for alice');
    const toCarol = nextEvent(client, 'onMessage', (p) => p.message.body === 'for carol');
    await bobPeer.sendMessage(alice.jid, 'for alice');
    await bobPeer.sendMessage(carol.jid, 'for carol');
    expect(await toAlice).toMatchObject({ account: alice.jid, message: { conversation: bob.jid, direction: 'in' } });
    expect(await toCarol).toMatchObject({ account: carol.jid, message: { conversation: bob.jid, direction: 'in' } });

    // Each account sends as itself.
    expect(await client.sendMessage({ account: carol.jid, to: bob.jid, body: 'from carol' })).toMatchObject({ ok: true });
    expect((await bobPeer.waitForMessage((m) => m.body === 'from carol')).from.startsWith(`${carol.jid}/`)).toBe(true);

    const snapshot = await client.getSnapshot();
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    const [aliceState, carolState] = snapshot.value.accounts;
    // Each history may also hold what earlier tests left in that account's archive (fetched at sign-in).
    const aliceBodies = aliceState?.messages.map((m) => m.body) ?? [];
    const carolBodies = carolState?.messages.map((m) => m.body) ?? [];
    expect(aliceBodies).toContain('for alice');
    expect(aliceBodies).not.toContain('for carol');
    expect(aliceBodies).not.toContain('from carol');
    expect(carolBodies.filter((body) => ['for carol', 'from carol', 'for alice'].includes(body))).toEqual(['for carol', 'from carol']);

    // Alice leaves; Carol stays and still works.
    const aliceGone = bobPeer.waitForPresence((p) => p.from.startsWith(`${alice.jid}/`) && p.type === 'unavailable');
    expect(await client.signOut({ account: alice.jid })).toEqual({ ok: true, value: null });
    await aliceGone;
    const after = await client.listAccounts();
    expect(after.ok && after.value.map((a) => [a.account, a.enabled, a.connection.status])).toEqual([
      [alice.jid, false, 'disconnected'],
      [carol.jid, true, 'connected'],
    ]);
    const stillCarol = nextEvent(client, 'onMessage', (p) => p.message.body === 'still there?');
    await bobPeer.sendMessage(carol.jid, 'still there?');
    expect((await stillCarol).account).toBe(carol.jid);

    // Alice signs in again with her saved password.
    expect(await client.signIn({ account: alice.jid })).toMatchObject({ ok: true, value: { account: alice.jid } });
  });

  it('a failing account never touches another', async () => {
    const client = service();
    expect((await add(client, carol)).ok).toBe(true);
    expect(await client.addAccount({ jid: alice.jid, password: 'wrong', host: server.host, port: server.c2sPort })).toMatchObject({ ok: false, error: { code: 'auth-failed' } });
    const listed = await client.listAccounts();
    expect(listed.ok && listed.value.map((a) => [a.account, a.connection.status])).toEqual([[carol.jid, 'connected']]);
    expect(await client.setPresence({ account: carol.jid, show: 'away', status: 'still fine' })).toEqual({ ok: true, value: null });
  });

  it('connects the enabled accounts with a saved password when the service starts again', async () => {
    const accountStore = createMemoryAccountStore();
    const secretStore = createMemorySecretStore();
    const first = service({ accountStore, secretStore });
    expect((await add(first, alice)).ok).toBe(true);
    expect((await first.addAccount({ jid: carol.jid, password: carol.password, host: server.host, port: server.c2sPort, rememberPassword: false })).ok).toBe(true);
    await first.dispose();
    expect(await accountStore.load()).toEqual([
      { jid: alice.jid, host: server.host, port: server.c2sPort, enabled: true },
      { jid: carol.jid, host: server.host, port: server.c2sPort, enabled: true },
    ]);
    expect(await secretStore.get(alice.jid)).toBe(alice.password);
    expect(await secretStore.get(carol.jid)).toBeUndefined();

    const second = service({ accountStore, secretStore });
    const connected = await nextEvent(second, 'onConnectionState', (p) => p.connection.status === 'connected');
    expect(connected.account).toBe(alice.jid);
    const snapshot = await second.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts.map((a) => [a.account, a.connection.status, a.passwordSaved])).toEqual([
      [alice.jid, 'connected', true],
      [carol.jid, 'disconnected', false], // enabled, but no saved password: she must type it
    ]);
    expect(snapshot.ok && snapshot.value.accounts[0]?.contacts.some((c) => c.jid === bob.jid)).toBe(true);
    expect(await second.signIn({ account: carol.jid, password: carol.password })).toMatchObject({ ok: true });
  });
});
