/**
 * Roster and blocklist pushes (RFC 6121 §2.1.6, XEP-0191) through the real Prosody from senders that are
 * not our server: another device of the same account, and a stranger. Prosody routes an IQ addressed to
 * our full JID as it is, with the sender's JID as `from`; our client must change nothing and answer
 * `service-unavailable` itself (the reply's `from` is our session, not the server).
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer, type Peer } from '../../../e2e/peer.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';
import { freshUser, nextEvent, type TestUser } from '../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function signedIn(user: TestUser): Promise<{ service: JabberService; fullJid: string }> {
  const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
  cleanups.push(() => service.dispose());
  const roster = nextEvent(service, 'onRoster', () => true);
  const blocklist = nextEvent(service, 'onBlocklist', () => true);
  const result = await service.addAccount({ jid: user.jid, password: user.password, host: server.host, port: server.c2sPort });
  if (!result.ok) throw new Error(result.error.message);
  await Promise.all([roster, blocklist]);
  return { service, fullJid: result.value.jid };
}

async function peer(user: TestUser): Promise<Peer> {
  const started = await startPeer(server, user);
  cleanups.push(() => started.stop());
  return started;
}

async function accountState(service: JabberService): Promise<{ contacts: string[]; blocked: readonly string[] }> {
  const snapshot = await service.getSnapshot();
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  const account = snapshot.value.accounts[0];
  return { contacts: (account?.contacts ?? []).map((contact) => contact.jid), blocked: account?.blocked ?? [] };
}

describe('pushes from a sender other than our server', () => {
  it('a roster push and a blocklist push from another device of ours are refused by our client and change nothing', async () => {
    const [alice, mallory] = [await freshUser(server, 'alice'), await freshUser(server, 'mallory')];
    const { service, fullJid } = await signedIn(alice);
    const otherDevice = await peer(alice);

    const rosterPush = await otherDevice.iq(`<iq type='set' to='${fullJid}'><query xmlns='jabber:iq:roster'><item jid='${mallory.jid}' subscription='both'/></query></iq>`);
    expect(rosterPush.type).toBe('error');
    expect(rosterPush.stanza.attrs.from).toBe(fullJid);
    expect(rosterPush.xml).toContain('service-unavailable');

    const blockPush = await otherDevice.iq(`<iq type='set' to='${fullJid}'><block xmlns='urn:xmpp:blocking'><item jid='${mallory.jid}'/></block></iq>`);
    expect(blockPush.type).toBe('error');
    expect(blockPush.stanza.attrs.from).toBe(fullJid);
    expect(blockPush.xml).toContain('service-unavailable');

    expect(await accountState(service)).toEqual({ contacts: [], blocked: [] });
    // The same device going through the server is obeyed: the server's own push reaches us.
    const pushed = nextEvent(service, 'onBlocklist', ({ blocked }) => blocked.includes(mallory.jid));
    expect((await otherDevice.iq(`<iq type='set'><block xmlns='urn:xmpp:blocking'><item jid='${mallory.jid}'/></block></iq>`)).type).toBe('result');
    await pushed;
  });

  it('a roster push and an unblock push from a stranger are refused by our client and change nothing', async () => {
    const [alice, mallory, spammer] = [await freshUser(server, 'alice'), await freshUser(server, 'mallory'), await freshUser(server, 'spammer')];
    const { service, fullJid } = await signedIn(alice);
    const blocked = nextEvent(service, 'onBlocklist', ({ blocked: list }) => list.includes(spammer.jid));
    expect(await service.blockContact({ account: alice.jid, jid: spammer.jid })).toEqual({ ok: true, value: null });
    await blocked;
    const stranger = await peer(mallory);

    const rosterPush = await stranger.iq(`<iq type='set' to='${fullJid}'><query xmlns='jabber:iq:roster'><item jid='${mallory.jid}' subscription='both'/></query></iq>`);
    expect(rosterPush.type).toBe('error');
    expect(rosterPush.stanza.attrs.from).toBe(fullJid);
    expect(rosterPush.xml).toContain('service-unavailable');

    const unblockPush = await stranger.iq(`<iq type='set' to='${fullJid}'><unblock xmlns='urn:xmpp:blocking'/></iq>`);
    expect(unblockPush.type).toBe('error');
    expect(unblockPush.stanza.attrs.from).toBe(fullJid);
    expect(unblockPush.xml).toContain('service-unavailable');

    expect(await accountState(service)).toEqual({ contacts: [], blocked: [spammer.jid] });
  });
});
