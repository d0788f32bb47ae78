/**
 * Unread counts are the core's: kept in the account's history, so a restart keeps them; read here
 * (markRead) or on another of our devices (our own displayed marker, by carbon) they go to 0.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer } from '../../../../e2e/peer.ts';
import type { JabberEventPayloads } from '../../../shared/contract.ts';
import { createMemoryAccountStore } from '../../../store/account-store.ts';
import { openProfileHistory } from '../../../store/history-files.ts';
import { createMemorySecretStore } from '../../../store/secret-store.ts';
import { createJabberService } from '../../service.ts';
import { freshUser, nextEvent } from '../../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function unreadInSnapshot(service: ReturnType<typeof createJabberService>, conversation: string): Promise<number> {
  const snapshot = await service.getSnapshot();
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  return snapshot.value.accounts[0]?.unread?.[conversation] ?? 0;
}

describe('unread counts', () => {
  it('counts incoming messages once, keeps the count across a restart, and clears it when read here or elsewhere', async () => {
    const [alice, bob] = [await freshUser(server, 'unread-a'), await freshUser(server, 'unread-b')];
    const profile = await mkdtemp(path.join(tmpdir(), 'jabber-unread-'));
    cleanups.push(() => rm(profile, { recursive: true, force: true }));
    const accountStore = createMemoryAccountStore();
    const stores = { accountStore, secretStore: createMemorySecretStore(), openHistory: (account: string) => openProfileHistory(profile, account) };
    const options = { trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: true };

    const first = createJabberService(options, stores);
    const seen: Array<JabberEventPayloads['onUnread']> = [];
    first.subscribe((envelope) => {
      if (envelope.event === 'onUnread') seen.push(envelope.payload as JabberEventPayloads['onUnread']);
    });
    expect((await first.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort })).ok).toBe(true);
    const bobPeer = await startPeer(server, bob, { resource: 'desk' });
    cleanups.push(() => bobPeer.stop());
    const twice = nextEvent(first, 'onUnread', (payload) => payload.count === 2, 10_000);
    await bobPeer.sendMessage(alice.jid, 'one');
    const secondId = await bobPeer.sendMessage(alice.jid, 'two');
    expect(await twice).toEqual({ account: alice.jid, conversation: bob.jid, count: 2 });
    // Never more than the messages: each was counted once.
    expect(Math.max(...seen.map(({ count }) => count))).toBe(2);
    expect(await unreadInSnapshot(first, bob.jid)).toBe(2);
    await first.dispose();

    // A restart: the count comes back from the history, before any session.
    const second = createJabberService({ ...options, autoConnect: false }, stores);
    cleanups.push(() => second.dispose());
    await expect.poll(() => unreadInSnapshot(second, bob.jid)).toBe(2);
    // Read here, even signed out: the count is ours.
    const cleared = nextEvent(second, 'onUnread', (payload) => payload.count === 0);
    expect((await second.markRead({ account: alice.jid, conversation: bob.jid })).ok).toBe(true);
    expect(await cleared).toMatchObject({ conversation: bob.jid, count: 0 });
    expect(await unreadInSnapshot(second, bob.jid)).toBe(0);

    // Another message, then our other device (the phone) reads it: the carbon of its marker clears it here.
    expect((await second.signIn({ account: alice.jid })).ok).toBe(true);
    const phone = await startPeer(server, alice, { resource: 'phone' });
    cleanups.push(() => phone.stop());
    const third = nextEvent(second, 'onUnread', (payload) => payload.count === 1, 10_000);
    const thirdId = await bobPeer.sendMessage(alice.jid, 'three');
    await third;
    const readElsewhere = nextEvent(second, 'onUnread', (payload) => payload.count === 0, 10_000);
    await phone.sendRaw(`<message to='${bob.jid}' type='chat' id='marker-1'><displayed xmlns='urn:xmpp:chat-markers:0' id='${thirdId}'/></message>`);
    expect(await readElsewhere).toMatchObject({ conversation: bob.jid, count: 0 });
    expect(secondId).not.toBe(thirdId);

    // Read markers off (Settings → Privacy): the count still goes to 0, and Bob is told nothing.
    const fourth = nextEvent(second, 'onUnread', (payload) => payload.count === 1, 10_000);
    await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat' id='four-1'><body>four</body><markable xmlns='urn:xmpp:chat-markers:0'/></message>`);
    await fourth;
    const seenByBob = bobPeer.stanzas.length;
    const quietlyRead = nextEvent(second, 'onUnread', (payload) => payload.count === 0, 10_000);
    expect((await second.markRead({ account: alice.jid, conversation: bob.jid, sendMarker: false })).ok).toBe(true);
    expect(await quietlyRead).toMatchObject({ conversation: bob.jid, count: 0 });
    // A ping after it: had a marker been sent, it would have reached Bob first.
    expect((await second.sendMessage({ account: alice.jid, to: bob.jid, body: 'after reading' })).ok).toBe(true);
    await bobPeer.waitForMessage((message) => message.body === 'after reading');
    const markers = bobPeer.stanzas.slice(seenByBob).filter((stanza) => stanza.getChild('displayed', 'urn:xmpp:chat-markers:0') !== undefined);
    expect(markers).toEqual([]);
  });
});
