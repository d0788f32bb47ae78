/**
 * Avatars (XEP-0084 with the XEP-0153 vCard photo) and profiles (vCard, XEP-0054/XEP-0292) between
 * two accounts on the real Prosody (mod_pep, mod_vcard4, mod_vcard_legacy). Fresh users per test.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer, type Peer } from '../../../../e2e/peer.ts';
import type { EventEnvelope, JabberEventPayloads } from '../../../shared/contract.ts';
import { createFileAvatarStore, type AvatarStore } from '../../../store/avatar-store.ts';
import { createPrivateTextFile } from '../../../store/private-text-file.ts';
import { openFileCapsCache } from './caps-cache.ts';
import { CAPS_VER } from '../disco/disco.ts';
import { createJabberService } from '../../service.ts';
import type { JabberService } from '../../service-types.ts';
import { freshUser as createUser, type TestUser } from '../../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

type User = TestUser;

const freshUser = (prefix: string): Promise<User> => createUser(server, prefix, 'profile-secret-1');

async function peer(user: User): Promise<Peer> {
  const started = await startPeer(server, user);
  cleanups.push(() => started.stop());
  await started.rosterGet();
  return started;
}

/** Mutual presence subscription, as two people who accepted each other. */
async function befriend(a: Peer, b: Peer): Promise<void> {
  for (const [from, to] of [[a, b], [b, a]] as const) {
    await from.sendPresence({ type: 'subscribe', to: to.bareJid });
    await to.waitForPresence((presence) => presence.type === 'subscribe' && presence.from === from.bareJid);
    await to.sendPresence({ type: 'subscribed', to: from.bareJid });
  }
  await expect.poll(async () => (await a.rosterGet()).find((item) => item.jid === b.bareJid)?.subscription).toBe('both');
}

function startService(avatarStore?: AvatarStore): JabberService {
  const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: false }, avatarStore === undefined ? {} : { avatarStore });
  cleanups.push(() => service.dispose());
  return service;
}

async function signIn(service: JabberService, user: User): Promise<void> {
  const result = await service.addAccount({ jid: user.jid, password: user.password, host: server.host, port: server.c2sPort });
  if (!result.ok) throw new Error(result.error.message);
}

function nextCard(service: JabberService, predicate: (payload: JabberEventPayloads['onContactCard']) => boolean, timeoutMs = 8_000): Promise<JabberEventPayloads['onContactCard']> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching onContactCard within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = service.subscribe((envelope: EventEnvelope) => {
      if (envelope.event !== 'onContactCard') return;
      const payload = envelope.payload as JabberEventPayloads['onContactCard'];
      if (!predicate(payload)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(payload);
    });
  });
}

/** A 1×1 PNG, made unique by bytes after its end (still a PNG to every reader). */
function uniquePng(): Buffer {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  return Buffer.concat([png, Buffer.from(randomUUID())]);
}

const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

/** What a XEP-0084 client publishes: the data, then the metadata naming it. */
async function publishAvatar(from: Peer, bytes: Buffer, declaredHash = sha1(bytes)): Promise<void> {
  const data = await from.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='urn:xmpp:avatar:data'><item id='${declaredHash}'><data xmlns='urn:xmpp:avatar:data'>${bytes.toString('base64')}</data></item></publish></pubsub></iq>`);
  expect(data.type).toBe('result');
  const metadata = await from.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='urn:xmpp:avatar:metadata'><item id='${declaredHash}'><metadata xmlns='urn:xmpp:avatar:metadata'><info id='${declaredHash}' bytes='${bytes.length}' type='image/png' width='1' height='1'/></metadata></item></publish></pubsub></iq>`);
  expect(metadata.type).toBe('result');
}

async function profileDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jabber-avatars-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('avatars (XEP-0084, XEP-0153)', () => {
  it("shows a contact's published avatar, keeps it on disk by hash, and after a restart shows it without fetching it again", async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const [alicePeer, bobPeer] = [await peer(alice), await peer(bob)];
    await befriend(alicePeer, bobPeer);
    await alicePeer.stop();
    const dir = await profileDir();

    const first = startService(createFileAvatarStore(dir));
    await signIn(first, alice);
    const bytes = uniquePng();
    const hash = sha1(bytes);
    const shown = nextCard(first, ({ jid, card }) => jid === bob.jid && card.avatar !== null);
    await publishAvatar(bobPeer, bytes);
    const { card } = await shown;
    expect(card.avatar).toEqual({ hash, type: 'image/png', dataUrl: `data:image/png;base64,${bytes.toString('base64')}` });
    const file = path.join(dir, 'avatars', hash);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const snapshot = await first.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.cards?.[bob.jid]?.avatar?.hash).toBe(hash);
    await first.dispose();

    // Only the disk has the image now: the server keeps the metadata but no longer the data.
    const retracted = await bobPeer.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><retract node='urn:xmpp:avatar:data'><item id='${hash}'/></retract></pubsub></iq>`);
    expect(retracted.type).toBe('result');
    const second = startService(createFileAvatarStore(dir));
    const again = nextCard(second, ({ jid, card: next }) => jid === bob.jid && next.avatar?.hash === hash);
    await signIn(second, alice);
    expect((await again).card.avatar?.dataUrl).toBe(card.avatar?.dataUrl);
  });

  it('refuses an image whose bytes do not match the announced hash, and one that is not a picture', async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const [alicePeer, bobPeer] = [await peer(alice), await peer(bob)];
    await befriend(alicePeer, bobPeer);
    await alicePeer.stop();
    const service = startService();
    await signIn(service, alice);
    const cards: Array<JabberEventPayloads['onContactCard']> = [];
    service.subscribe((envelope) => {
      if (envelope.event === 'onContactCard') cards.push(envelope.payload as JabberEventPayloads['onContactCard']);
    });
    await publishAvatar(bobPeer, uniquePng(), 'a'.repeat(40));
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>${randomUUID()}`);
    await publishAvatar(bobPeer, svg);
    // A good one afterwards arrives: the bad ones were looked at and refused, not still on their way.
    const good = uniquePng();
    const shown = nextCard(service, ({ jid, card }) => jid === bob.jid && card.avatar?.hash === sha1(good));
    await publishAvatar(bobPeer, good);
    await shown;
    expect(cards.filter(({ card }) => card.avatar !== null).map(({ card }) => card.avatar?.hash)).toEqual([sha1(good)]);
  });

  it('publishes our own avatar (PEP and vCard photo) for the contact to see, and removes it', async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const [alicePeer, bobPeer] = [await peer(alice), await peer(bob)];
    await befriend(alicePeer, bobPeer);
    await alicePeer.stop();
    const service = startService();
    await signIn(service, alice);
    const bytes = uniquePng();
    const result = await service.setAvatar({ account: alice.jid, type: 'image/png', base64: bytes.toString('base64') });
    expect(result).toMatchObject({ ok: true, value: { hash: sha1(bytes), type: 'image/png' } });

    // What a XEP-0153 client sees: the vCard's PHOTO.
    const vcard = await bobPeer.iq(`<iq type='get' to='${alice.jid}'><vCard xmlns='vcard-temp'/></iq>`);
    expect(vcard.stanza.getChild('vCard', 'vcard-temp')?.getChild('PHOTO')?.getChildText('BINVAL')?.replace(/\s+/gu, '')).toBe(bytes.toString('base64'));
    // What a XEP-0084 client sees: the metadata naming the hash.
    const metadata = await bobPeer.iq(`<iq type='get' to='${alice.jid}'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:avatar:metadata'/></pubsub></iq>`);
    expect(metadata.xml).toContain(sha1(bytes));

    expect(await service.setAvatar({ account: alice.jid, type: 'image/png', base64: Buffer.from('<svg/>').toString('base64') })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await service.removeAvatar({ account: alice.jid })).toEqual({ ok: true, value: null });
    const after = await bobPeer.iq(`<iq type='get' to='${alice.jid}'><vCard xmlns='vcard-temp'/></iq>`);
    expect(after.stanza.getChild('vCard', 'vcard-temp')?.getChild('PHOTO')?.getChildText('BINVAL') ?? '').toBe('');
  });
});

describe('profiles (vCard)', () => {
  it("shows the contact's vCard and stores our own edits on the server, keeping the photo", async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const [alicePeer, bobPeer] = [await peer(alice), await peer(bob)];
    await befriend(alicePeer, bobPeer);
    await alicePeer.stop();
    const set = await bobPeer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>Bob Builder</FN><NICKNAME>bobby</NICKNAME><ORG><ORGNAME>Acme Ltd</ORGNAME></ORG><TITLE>Site manager</TITLE><EMAIL><INTERNET/><USERID>bob@acme.example</USERID></EMAIL><TEL><WORK/><NUMBER>+44 20 7946 0000</NUMBER></TEL></vCard></iq>`);
    expect(set.type).toBe('result');

    const service = startService();
    await signIn(service, alice);
    expect(await service.getProfile({ account: alice.jid, jid: bob.jid })).toEqual({
      ok: true,
      value: { fullName: 'Bob Builder', nickname: 'bobby', organisation: 'Acme Ltd', title: 'Site manager', email: 'bob@acme.example', phone: '+44 20 7946 0000' },
    });

    const bytes = uniquePng();
    expect((await service.setAvatar({ account: alice.jid, type: 'image/png', base64: bytes.toString('base64') })).ok).toBe(true);
    const mine = { fullName: 'Alice Liddell', nickname: 'al', organisation: 'Wonderland plc', title: 'Explorer', email: 'alice@wonder.example', phone: '+1 555 0100' };
    expect(await service.setProfile({ account: alice.jid, profile: mine })).toEqual({ ok: true, value: null });
    const seen = await bobPeer.iq(`<iq type='get' to='${alice.jid}'><vCard xmlns='vcard-temp'/></iq>`);
    const vcard = seen.stanza.getChild('vCard', 'vcard-temp');
    expect(vcard?.getChildText('FN')).toBe('Alice Liddell');
    expect(vcard?.getChild('ORG')?.getChildText('ORGNAME')).toBe('Wonderland plc');
    expect(vcard?.getChildText('TITLE')).toBe('Explorer');
    expect(vcard?.getChild('PHOTO')?.getChildText('BINVAL')?.replace(/\s+/gu, '')).toBe(bytes.toString('base64'));
    expect(await service.getProfile({ account: alice.jid, jid: alice.jid })).toEqual({ ok: true, value: mine });

    expect(await service.setProfile({ account: alice.jid, profile: { ...mine, title: 'two\nlines' } })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it("shows a contact's XEP-0172 nickname", async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const [alicePeer, bobPeer] = [await peer(alice), await peer(bob)];
    await befriend(alicePeer, bobPeer);
    await alicePeer.stop();
    const service = startService();
    await signIn(service, alice);
    const shown = nextCard(service, ({ jid, card }) => jid === bob.jid && card.nickname === 'Bobby Tables');
    const published = await bobPeer.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='http://jabber.org/protocol/nick'><item id='current'><nick xmlns='http://jabber.org/protocol/nick'>Bobby Tables</nick></item></publish></pubsub></iq>`);
    expect(published.type).toBe('result');
    await shown;
  });
});

describe('devices (XEP-0115 capabilities)', () => {
  it("names a contact's online client from its capabilities, checked against its ver and kept in the profile's cache", async () => {
    const [alice, bob] = [await freshUser('alice'), await freshUser('bob')];
    const [alicePeer, bobPeer] = [await peer(alice), await peer(bob)];
    await befriend(alicePeer, bobPeer);
    await Promise.all([alicePeer.stop(), bobPeer.stop()]);
    const dir = await profileDir();
    const capsFile = path.join(dir, 'caps.json');
    const aliceService = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: false }, { capsCache: await openFileCapsCache(createPrivateTextFile(capsFile)) });
    cleanups.push(() => aliceService.dispose());
    await signIn(aliceService, alice);

    const bobService = startService();
    await signIn(bobService, bob);
    const devices = async () => {
      const result = await aliceService.getDevices({ account: alice.jid, jid: bob.jid });
      return result.ok ? result.value : [];
    };
    await expect.poll(async () => (await devices()).map((device) => device.client), { timeout: 8_000 }).toEqual(['Jabber Desk']);
    await expect.poll(async () => (await readFile(capsFile, 'utf8').catch(() => '')).includes(CAPS_VER), { timeout: 5_000 }).toBe(true);

    await bobService.signOut({ account: bob.jid });
    await expect.poll(devices).toEqual([]);
  });
});
