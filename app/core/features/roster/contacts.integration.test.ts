/**
 * Contacts and presence subscriptions (RFC 6121) against the real Prosody: both directions, denial,
 * rename and groups, removal, requests kept across sign-in, roster versioning (XEP-0237).
 * Every test registers its own users (XEP-0077), so rosters never leak between tests.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer, type Peer } from '../../../../e2e/peer.ts';
import type { JabberEventPayloads } from '../../../shared/contract.ts';
import { parseAccountJid } from '../../../shared/jid.ts';
import { accountFile, createPrivateTextFile } from '../../../store/private-text-file.ts';
import { createMemoryRosterCache, type RosterCache } from './roster.ts';
import { createFileRosterCache } from './roster-cache.ts';
import { createJabberService } from '../../service.ts';
import type { JabberService } from '../../service-types.ts';
import { startSession, type SessionEvents } from '../../session/session.ts';
import { nextEvent, quietSessionEvents, freshUser as createUser } from '../../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

interface User {
  readonly jid: string;
  readonly password: string;
}

function connectOptions(user: User) {
  const account = parseAccountJid(user.jid);
  if (!account.ok) throw new Error(account.reason);
  return { account: account.jid, password: user.password, host: server.host, port: server.c2sPort, trustedCertificates: [server.caCertPem], stepTimeoutMs: 5_000 };
}

const freshUser = (prefix: string): Promise<User> => createUser(server, prefix, 'contact-secret-1');

async function signedIn(user: User): Promise<JabberService> {
  const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
  cleanups.push(() => service.dispose());
  const result = await service.addAccount({ jid: user.jid, password: user.password, host: server.host, port: server.c2sPort });
  if (!result.ok) throw new Error(result.error.message);
  return service;
}

/** A scripted client that has fetched its roster: Prosody sends subscription answers only to such "interested" resources. */
async function peer(user: User): Promise<Peer> {
  const started = await startPeer(server, user);
  cleanups.push(() => started.stop());
  await started.rosterGet();
  return started;
}


const contactEvent = (service: JabberService, jid: string, predicate: (contact: JabberEventPayloads['onContact']['contact']) => boolean) =>
  nextEvent(service, 'onContact', (payload) => payload.contact.jid === jid && predicate(payload.contact));

describe('adding a contact', () => {
  it('stores name and groups, shows the request as sent, and shows their presence once they accept', async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const service = await signedIn(alice);
    const bobPeer = await peer(bob);

    const pending = contactEvent(service, bob.jid, (contact) => contact.pendingOut);
    expect(await service.addContact({ account: alice.jid, jid: bob.jid, name: 'Bob B.', groups: ['Sales', 'Berlin'] })).toEqual({ ok: true, value: null });
    const requested = (await pending).contact;
    expect(requested).toMatchObject({ name: 'Bob B.', subscription: 'none', pendingOut: true });
    expect([...requested.groups].sort()).toEqual(['Berlin', 'Sales']);
    const request = await bobPeer.waitForPresence((presence) => presence.type === 'subscribe' && presence.from === alice.jid);
    expect(request.to).toBe(bob.jid);

    const online = contactEvent(service, bob.jid, (contact) => contact.subscription === 'to' && contact.presence.show === 'online');
    await bobPeer.sendPresence({ type: 'subscribed', to: alice.jid });
    expect((await online).contact).toMatchObject({ pendingOut: false, name: 'Bob B.' });
  });

  it('is refused when they deny: the request is no longer pending', async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const service = await signedIn(alice);
    const bobPeer = await peer(bob);
    await service.addContact({ account: alice.jid, jid: bob.jid });
    await bobPeer.waitForPresence((presence) => presence.type === 'subscribe' && presence.from === alice.jid);
    const denied = contactEvent(service, bob.jid, (contact) => !contact.pendingOut);
    await bobPeer.sendPresence({ type: 'unsubscribed', to: alice.jid });
    expect((await denied).contact).toMatchObject({ subscription: 'none', pendingOut: false });
  });

  it('refuses bad input and commands for accounts that are not signed in', async () => {
    const alice = await freshUser('alice');
    const service = await signedIn(alice);
    expect(await service.addContact({ account: alice.jid, jid: 'not a jid@@' })).toMatchObject({ ok: false, error: { code: 'invalid-jid' } });
    expect(await service.addContact({ account: alice.jid, jid: alice.jid })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await service.addContact({ account: 'nobody@example.test', jid: 'bob@example.test' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await service.updateContact({ account: alice.jid, jid: 'stranger@example.test', name: 'X' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await service.signOut({ account: alice.jid });
    expect(await service.addContact({ account: alice.jid, jid: 'bob@example.test' })).toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });
});

describe('incoming subscription requests', () => {
  it('surfaces the request with nickname and text; accepting lets them see us and asks back', async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const service = await signedIn(alice);
    const bobPeer = await peer(bob);

    const requested = nextEvent(service, 'onSubscriptionRequests', ({ requests }) => requests.some((request) => request.jid === bob.jid));
    await bobPeer.sendRaw(`<presence to='${alice.jid}' type='subscribe'><nick xmlns='http://jabber.org/protocol/nick'>Bobby</nick><status>Hi, Bob from Sales</status></presence>`);
    const { requests } = await requested;
    expect(requests).toEqual([{ jid: bob.jid, nickname: 'Bobby', status: 'Hi, Bob from Sales', receivedAt: expect.any(Number) }]);
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.subscriptionRequests?.map((request) => request.jid)).toEqual([bob.jid]);

    const answered = nextEvent(service, 'onSubscriptionRequests', ({ requests: list }) => list.length === 0);
    const added = contactEvent(service, bob.jid, (contact) => contact.subscription === 'from' && contact.pendingOut);
    expect(await service.acceptSubscription({ account: alice.jid, jid: bob.jid })).toEqual({ ok: true, value: null });
    await answered;
    expect((await added).contact).toMatchObject({ name: 'Bobby', groups: [] });
    await bobPeer.waitForPresence((presence) => presence.type === 'subscribed' && presence.from.startsWith(alice.jid));
    await bobPeer.waitForPresence((presence) => presence.type === 'subscribe' && presence.from === alice.jid);

    // Bob accepts in turn: both ways now, and Alice sees Bob online.
    const both = contactEvent(service, bob.jid, (contact) => contact.subscription === 'both' && contact.presence.show === 'online');
    await bobPeer.sendPresence({ type: 'subscribed', to: alice.jid });
    await both;
  });

  it('denying sends unsubscribed and forgets the request', async () => {
    const [alice, carol] = [await freshUser('alice'), await freshUser('carol')];
    const service = await signedIn(alice);
    const carolPeer = await peer(carol);
    const requested = nextEvent(service, 'onSubscriptionRequests', ({ requests }) => requests.length === 1);
    await carolPeer.sendPresence({ type: 'subscribe', to: alice.jid });
    await requested;
    const answered = nextEvent(service, 'onSubscriptionRequests', ({ requests }) => requests.length === 0);
    expect(await service.denySubscription({ account: alice.jid, jid: carol.jid })).toEqual({ ok: true, value: null });
    await answered;
    await carolPeer.waitForPresence((presence) => presence.type === 'unsubscribed' && presence.from.startsWith(alice.jid));
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.contacts.some((contact) => contact.jid === carol.jid)).toBe(false);
  });

  it('a request that arrived while signed out is shown at the next sign-in; a withdrawn one disappears', async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const bobPeer = await peer(bob);
    await bobPeer.sendPresence({ type: 'subscribe', to: alice.jid });
    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
    cleanups.push(() => service.dispose());
    const requested = nextEvent(service, 'onSubscriptionRequests', ({ requests }) => requests.some((request) => request.jid === bob.jid));
    await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });
    await requested;
    const withdrawn = nextEvent(service, 'onSubscriptionRequests', ({ requests }) => requests.length === 0);
    await bobPeer.sendPresence({ type: 'unsubscribe', to: alice.jid });
    await withdrawn;
  });
});

describe('changing contacts', () => {
  it('renames, moves between groups, cancels the subscription and removes', async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const service = await signedIn(alice);
    const bobPeer = await peer(bob);
    await service.addContact({ account: alice.jid, jid: bob.jid, name: 'Bob', groups: ['Sales'] });
    await bobPeer.waitForPresence((presence) => presence.type === 'subscribe' && presence.from === alice.jid);
    const subscribed = contactEvent(service, bob.jid, (contact) => contact.subscription === 'to');
    await bobPeer.sendPresence({ type: 'subscribed', to: alice.jid });
    await subscribed;

    // Adding a listed contact again with nothing filled in keeps its name and groups, and asks nothing new.
    expect(await service.addContact({ account: alice.jid, jid: bob.jid })).toEqual({ ok: true, value: null });
    const again = await service.getSnapshot();
    expect(again.ok && again.value.accounts[0]?.contacts.find((contact) => contact.jid === bob.jid)).toMatchObject({ name: 'Bob', groups: ['Sales'], subscription: 'to' });

    const renamed = contactEvent(service, bob.jid, (contact) => contact.name === 'Robert');
    expect(await service.updateContact({ account: alice.jid, jid: bob.jid, name: 'Robert' })).toEqual({ ok: true, value: null });
    expect((await renamed).contact).toMatchObject({ groups: ['Sales'], subscription: 'to' });

    const moved = contactEvent(service, bob.jid, (contact) => contact.groups.includes('Support'));
    await service.updateContact({ account: alice.jid, jid: bob.jid, groups: ['Support', 'Management'] });
    const movedContact = (await moved).contact;
    expect(movedContact.name).toBe('Robert');
    expect([...movedContact.groups].sort()).toEqual(['Management', 'Support']);

    // Their server answers the cancellation with their unavailable presence (RFC 6121 §3.3.2).
    const cancelled = contactEvent(service, bob.jid, (contact) => contact.subscription === 'none' && contact.presence.show === 'offline');
    await service.cancelSubscription({ account: alice.jid, jid: bob.jid });
    await cancelled;
    await bobPeer.waitForPresence((presence) => presence.type === 'unsubscribe' && presence.from === alice.jid);

    const removed = nextEvent(service, 'onContactRemoved', ({ jid }) => jid === bob.jid);
    expect(await service.removeContact({ account: alice.jid, jid: bob.jid })).toEqual({ ok: true, value: null });
    await removed;
    expect((await bobPeer.rosterGet()).find((item) => item.jid === alice.jid)?.subscription ?? 'none').toBe('none');
    expect(await service.removeContact({ account: alice.jid, jid: bob.jid })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

describe('roster versioning (XEP-0237)', () => {
  const quietEvents = (contacts: string[][]): SessionEvents =>
    quietSessionEvents({
      emit: (event, payload) => {
        if (event === 'onRoster') contacts.push((payload as JabberEventPayloads['onRoster']).contacts.map((contact) => contact.jid).sort());
      },
    });

  it('keeps the roster between sessions and asks only whether it changed', async () => {
    const [alice, bob, carol] = [await freshUser('alice'), await freshUser('bob'), await freshUser('carol')];
    const own = await peer(alice);
    await own.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${bob.jid}'/></query></iq>`);
    await own.stop();

    const cache = createMemoryRosterCache();
    const rosters: string[][] = [];
    const first = await startSession({ ...connectOptions(alice), rosterCache: cache }, quietEvents(rosters));
    await first.stop();
    const kept = await cache.load();
    expect(kept?.version).toBeTruthy();
    expect(kept?.items.map((item) => item.jid)).toEqual([bob.jid]);

    // A marker only the cache holds: it survives exactly when the server answers "your version is current".
    const marked: RosterCache = createMemoryRosterCache();
    marked.save({ version: kept!.version, items: [...kept!.items, { jid: 'marker@example.test', name: '', groups: [], subscription: 'none', pendingOut: false }] });
    const second = await startSession({ ...connectOptions(alice), rosterCache: marked }, quietEvents(rosters));
    expect(second.contacts().map((contact) => contact.jid).sort()).toEqual([bob.jid, 'marker@example.test'].sort());
    await second.stop();

    // Changed elsewhere meanwhile: the new version brings the change (and the marker is gone).
    const other = await peer(alice);
    await other.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${carol.jid}'/></query></iq>`);
    await other.stop();
    const third = await startSession({ ...connectOptions(alice), rosterCache: marked }, quietEvents(rosters));
    expect(third.contacts().map((contact) => contact.jid).sort()).toEqual([bob.jid, carol.jid].sort());
    expect((await marked.load())?.version).not.toBe(kept!.version);
    await third.stop();
  });

  it('keeps the roster in the profile: the next start only asks whether it changed; removing the account deletes it', async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const own = await peer(alice);
    await own.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${bob.jid}' name='Bob'/></query></iq>`);
    await own.stop();
    const profile = await mkdtemp(path.join(tmpdir(), 'jabber-roster-cache-'));
    cleanups.push(() => rm(profile, { recursive: true, force: true }));
    const file = accountFile(profile, 'rosters', alice.jid, '.json');
    const start = () => {
      const service = createJabberService(
        { trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: false },
        { openRosterCache: (account) => createFileRosterCache(createPrivateTextFile(accountFile(profile, 'rosters', account, '.json'))) },
      );
      cleanups.push(() => service.dispose());
      return service;
    };
    const signIn = (service: JabberService) => service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });

    const first = start();
    await signIn(first);
    await first.dispose();
    await expect.poll(async () => (await readFile(file, 'utf8').catch(() => '')).includes(bob.jid)).toBe(true);

    // Only the file knows the marker: it shows exactly when the server said "your version is current".
    const saved = JSON.parse(await readFile(file, 'utf8')) as { items: unknown[] };
    saved.items.push({ jid: 'marker@example.test', name: 'Marker', groups: [], subscription: 'none', pendingOut: false });
    await writeFile(file, JSON.stringify(saved));
    const second = start();
    await signIn(second);
    const snapshot = await second.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.contacts.map((contact) => contact.jid).sort()).toEqual([bob.jid, 'marker@example.test'].sort());

    await second.removeAccount({ account: alice.jid });
    await expect.poll(async () => readFile(file, 'utf8').then(() => 'exists', () => 'gone')).toBe('gone');
  });
});

describe('blocking (XEP-0191)', () => {
  it('blocks and unblocks: nothing of theirs arrives while blocked; the list follows changes made elsewhere', async () => {
    const [alice, bob, carol] = [await freshUser('alice'), await freshUser('bob'), await freshUser('carol')];
    const service = await signedIn(alice);
    const bobPeer = await peer(bob);
    await expect.poll(async () => {
      const snapshot = await service.getSnapshot();
      return snapshot.ok && snapshot.value.accounts[0]?.blockingSupported;
    }).toBe(true);

    const listed = nextEvent(service, 'onBlocklist', ({ blocked }) => blocked.includes(bob.jid));
    expect(await service.blockContact({ account: alice.jid, jid: bob.jid })).toEqual({ ok: true, value: null });
    expect(await listed).toMatchObject({ account: alice.jid, supported: true });

    const arrived: string[] = [];
    service.subscribe((envelope) => {
      if (envelope.event === 'onMessage') arrived.push((envelope.payload as JabberEventPayloads['onMessage']).message.body);
      if (envelope.event === 'onSubscriptionRequests') arrived.push(...(envelope.payload as JabberEventPayloads['onSubscriptionRequests']).requests.map((request) => request.jid));
    });
    await bobPeer.sendMessage(alice.jid, 'you cannot read this');
    await bobPeer.sendPresence({ type: 'subscribe', to: alice.jid });

    const unlisted = nextEvent(service, 'onBlocklist', ({ blocked }) => !blocked.includes(bob.jid));
    expect(await service.unblockContact({ account: alice.jid, jid: bob.jid })).toEqual({ ok: true, value: null });
    await unlisted;
    const message = nextEvent(service, 'onMessage', ({ message: m }) => m.body === 'now you can');
    await bobPeer.sendMessage(alice.jid, 'now you can');
    await message;
    expect(arrived).not.toContain('you cannot read this');
    expect(arrived).not.toContain(bob.jid);

    // Another device of Alice's blocks Carol: the server's push brings her into the list here.
    const other = await peer(alice);
    const pushed = nextEvent(service, 'onBlocklist', ({ blocked }) => blocked.includes(carol.jid));
    await other.iq(`<iq type='set'><block xmlns='urn:xmpp:blocking'><item jid='${carol.jid}'/></block></iq>`);
    await pushed;

    expect(await service.blockContact({ account: alice.jid, jid: 'example.test' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

