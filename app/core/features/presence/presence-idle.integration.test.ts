/**
 * Automatic away, idle times and last activity against the real Prosody: our idle time reaches a
 * contact as XEP-0319 and ends on return, a choice of do not disturb stays, XEP-0012 queries are
 * answered (to contacts only), a contact's idle time is read, and an offline contact's server says
 * when they left. Every test registers its own users, so presence never leaks between tests.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer, type Peer } from '../../../../e2e/peer.ts';
import { createJabberService } from '../../service.ts';
import type { JabberService } from '../../service-types.ts';
import { nextEvent, freshUser as createUser, type TestUser } from '../../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

type User = TestUser;

const freshUser = (prefix: string): Promise<User> => createUser(server, prefix, 'idle-secret-1');


/** Alice signed in through the service and Bob as a scripted peer, each seeing the other's presence. */
async function mutualContacts(): Promise<{ alice: User; bob: User; service: JabberService; aliceJid: string; bobPeer: Peer }> {
  const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
  const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
  cleanups.push(() => service.dispose());
  const signedIn = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const bobPeer = await startPeer(server, bob);
  cleanups.push(() => bobPeer.stop());
  await bobPeer.rosterGet();
  const requested = nextEvent(service, 'onSubscriptionRequests', ({ requests }) => requests.some((request) => request.jid === bob.jid));
  await bobPeer.sendPresence({ type: 'subscribe', to: alice.jid });
  await requested;
  const both = nextEvent(service, 'onContact', ({ contact }) => contact.jid === bob.jid && contact.subscription === 'both' && contact.presence.show === 'online');
  expect(await service.acceptSubscription({ account: alice.jid, jid: bob.jid, subscribeBack: true })).toEqual({ ok: true, value: null });
  await bobPeer.waitForPresence((presence) => presence.type === 'subscribe' && presence.from === alice.jid);
  await bobPeer.sendPresence({ type: 'subscribed', to: alice.jid });
  await both;
  await bobPeer.waitForPresence((presence) => presence.from === signedIn.value.jid && presence.type === undefined);
  return { alice, bob, service, aliceJid: signedIn.value.jid, bobPeer };
}

const IDLE = 'urn:xmpp:idle:1';

describe('automatic away and idle times (XEP-0319) with Prosody', () => {
  it('goes away with the idle time at the contact, extended away later, and back to available on return', async () => {
    const { service, aliceJid, bobPeer } = await mutualContacts();
    expect(await service.setAutoAway({ enabled: true, awayAfterMinutes: 2, xaAfterMinutes: 10 })).toMatchObject({ ok: true });
    const seen = bobPeer.presences.length;
    const before = Date.now();
    await service.reportIdle({ idleSeconds: 150, source: 'system' });
    const away = await bobPeer.waitForPresence((presence) => presence.from === aliceJid && presence.show === 'away');
    const since = Date.parse(away.stanza.getChild('idle', IDLE)?.attrs.since ?? '');
    expect(Math.abs(since - (before - 150_000))).toBeLessThan(5_000);
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.ownPresence).toMatchObject({ show: 'away', idleSince: expect.any(Number) });

    await service.reportIdle({ idleSeconds: 700, source: 'system' });
    const xa = await bobPeer.waitForPresence((presence) => presence.from === aliceJid && presence.show === 'xa');
    expect(xa.stanza.getChild('idle', IDLE)?.attrs.since).toBe(away.stanza.getChild('idle', IDLE)?.attrs.since);

    await service.reportIdle({ idleSeconds: 1, source: 'system' });
    // Available again (the initial presence came before `seen`).
    const back = await bobPeer.waitForPresence((presence) => presence.from === aliceJid && presence.show === undefined && presence.type === undefined && bobPeer.presences.indexOf(presence) >= seen);
    expect(back.stanza.getChild('idle', IDLE)).toBeUndefined();
  });

  it('never overrides do not disturb', async () => {
    const { service, aliceJid, bobPeer, alice } = await mutualContacts();
    expect(await service.setPresence({ account: alice.jid, show: 'dnd', status: 'Focus time' })).toEqual({ ok: true, value: null });
    await bobPeer.waitForPresence((presence) => presence.from === aliceJid && presence.show === 'dnd');
    const count = bobPeer.presences.length;
    await service.reportIdle({ idleSeconds: 3 * 3600, source: 'system' });
    await service.reportIdle({ idleSeconds: 0, source: 'system' });
    // A round trip through the server: anything sent before it has arrived by then.
    await bobPeer.iq(`<iq type='get' to='${aliceJid}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    expect(bobPeer.presences.slice(count).filter((presence) => presence.from === aliceJid)).toEqual([]);
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.ownPresence).toEqual({ show: 'dnd', status: 'Focus time' });
  });

  it("shows a contact's idle time from their presence", async () => {
    const { service, bob, bobPeer } = await mutualContacts();
    const idle = nextEvent(service, 'onContact', ({ contact }) => contact.jid === bob.jid && contact.presence.idleSince !== undefined);
    await bobPeer.sendRaw(`<presence><show>away</show><idle xmlns='${IDLE}' since='${new Date(Date.now() - 12 * 60_000).toISOString()}'/></presence>`);
    const { contact } = await idle;
    expect(contact.presence.show).toBe('away');
    expect(Math.abs(Date.now() - 12 * 60_000 - (contact.presence.idleSince ?? 0))).toBeLessThan(5_000);
  });
});

describe('last activity (XEP-0012) with Prosody', () => {
  it('answers a contact with the seconds since the last activity, and a stranger with forbidden', async () => {
    const { service, aliceJid, bobPeer } = await mutualContacts();
    await service.reportIdle({ idleSeconds: 95, source: 'system' });
    const reply = await bobPeer.iq(`<iq type='get' to='${aliceJid}'><query xmlns='jabber:iq:last'/></iq>`);
    expect(reply.type).toBe('result');
    const seconds = Number(reply.stanza.getChild('query', 'jabber:iq:last')?.attrs.seconds);
    expect(seconds).toBeGreaterThanOrEqual(95);
    expect(seconds).toBeLessThan(110);

    const stranger = await startPeer(server, await freshUser('carol'));
    cleanups.push(() => stranger.stop());
    const refused = await stranger.iq(`<iq type='get' to='${aliceJid}'><query xmlns='jabber:iq:last'/></iq>`);
    expect(refused.type).toBe('error');
    expect(refused.stanza.getChild('error')?.getChild('forbidden')).toBeDefined();

    // Advertised, as XEP-0012 and XEP-0319 ask.
    const info = await bobPeer.iq(`<iq type='get' to='${aliceJid}'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`);
    const features = info.stanza.getChild('query')?.getChildren('feature').map((feature) => feature.attrs.var);
    expect(features).toEqual(expect.arrayContaining(['jabber:iq:last', IDLE]));
  });

  it("asks an offline contact's server when they left, with the status they left with", async () => {
    const { alice, bob, service, bobPeer } = await mutualContacts();
    const offline = nextEvent(service, 'onContact', ({ contact }) => contact.jid === bob.jid && contact.presence.show === 'offline');
    await bobPeer.sendPresence({ type: 'unavailable', status: 'Gone home' });
    await offline;
    const left = Date.now();
    const activity = await service.getLastActivity({ account: alice.jid, jid: bob.jid });
    expect(activity).toEqual({ ok: true, value: { jid: bob.jid, since: expect.any(Number), status: 'Gone home' } });
    expect(activity.ok && Math.abs((activity.value.since ?? 0) - left)).toBeLessThan(3_000);
  });
});

describe('invisibility (XEP-0186) with Prosody', () => {
  it('is not offered: Prosody 0.12 does not advertise it, so the command is refused before anything is sent', async () => {
    const alice = await freshUser('alice');
    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
    cleanups.push(() => service.dispose());
    const signedIn = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });
    expect(signedIn.ok).toBe(true);
    expect(await service.getInvisibility()).toEqual({ ok: true, value: [{ account: alice.jid, supported: false, invisible: false }] });
    const refused = await service.setInvisible({ account: alice.jid, invisible: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('XEP-0186') } });
  });
});
