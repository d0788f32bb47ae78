/**
 * Group chat (XEP-0045) against the real Prosody (conference.example.test, with muc_mam): joining and
 * creating rooms, talking with a scripted peer, the room's history from before we joined (MAM on the
 * room) stored once, join errors, a nickname in use, moderation, and bookmarks (XEP-0402) bringing
 * the rooms back in a new session.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer, type Peer } from '../../../../e2e/peer.ts';
import type { Result } from '../../../shared/contract.ts';
import { createJabberService } from '../../service.ts';
import type { JabberService } from '../../service-types.ts';
import { freshUser, nextEvent, type TestUser } from '../../service-test-support.ts';
import { occupantsOf, roomScenarios } from '../../../../e2e/room-scenarios.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

const newRoom = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}@${server.mucDomain}`;

async function signedIn(user: TestUser): Promise<JabberService> {
  const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: false });
  cleanups.push(() => service.dispose());
  value(await service.addAccount({ jid: user.jid, password: user.password, host: server.host, port: server.c2sPort }));
  return service;
}

async function peer(user: TestUser): Promise<Peer> {
  const started = await startPeer(server, user);
  cleanups.push(() => started.stop());
  return started;
}

/** The peer enters a room (creating it unlocked when `config` is given or it is new) and waits for its own presence. */
async function peerJoins(who: Peer, room: string, nick: string, options: { password?: string; config?: Record<string, string> } = {}): Promise<void> {
  const password = options.password === undefined ? '' : `<password>${options.password}</password>`;
  await who.sendRaw(`<presence to='${room}/${nick}'><x xmlns='http://jabber.org/protocol/muc'>${password}<history maxstanzas='0'/></x></presence>`);
  const self = await who.waitForPresence((presence) => presence.from === `${room}/${nick}` && presence.stanza.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChildren('status').some((status) => status.attrs.code === '110') === true);
  const created = self.stanza.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChildren('status').some((status) => status.attrs.code === '201') === true;
  if (created || options.config !== undefined) {
    const fields = Object.entries(options.config ?? {}).map(([name, fieldValue]) => `<field var='${name}'><value>${fieldValue}</value></field>`).join('');
    const reply = await who.iq(`<iq type='set' to='${room}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>${fields}</x></query></iq>`);
    expect(reply.type).toBe('result');
  }
}


const roomMessages = async (service: JabberService, account: string, room: string) => value(await service.loadMessages({ account, conversation: room, limit: 100 })).messages;

describe('group chat rooms', () => {
  it('creates an instant room, talks with a peer who joins, keeps the occupants live, and stores each message once', async () => {
    const alice = await freshUser(server, 'muc-alice');
    const bob = await freshUser(server, 'muc-bob');
    const service = await signedIn(alice);
    const room = newRoom('talk');

    const joined = value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
    expect(joined).toMatchObject({ jid: room, nick: 'Alice', status: 'joined', role: 'moderator', affiliation: 'owner', bookmarked: true, autojoin: true });

    const bobPeer = await peer(bob);
    const withBob = occupantsOf(service, alice.jid, room, (occupants) => occupants.some((occupant) => occupant.nick === 'Bob'));
    await peerJoins(bobPeer, room, 'Bob');
    const occupants = await withBob;
    expect(occupants.map((occupant) => [occupant.nick, occupant.role, occupant.self])).toEqual([['Alice', 'moderator', true], ['Bob', 'participant', false]]);

    const incoming = nextEvent(service, 'onMessage', (payload) => payload.message.conversation === room && payload.message.direction === 'in');
    await bobPeer.sendMessage(room, 'Hello from Bob', { type: 'groupchat' });
    expect((await incoming).message).toMatchObject({ conversation: room, direction: 'in', from: `${room}/Bob`, body: 'Hello from Bob' });

    const sent = value(await service.sendRoomMessage({ account: alice.jid, room, body: 'Hi Bob' }));
    expect(sent).toMatchObject({ conversation: room, direction: 'out', from: `${room}/Alice`, body: 'Hi Bob' });
    await bobPeer.waitForMessage((message) => message.body === 'Hi Bob' && message.from === `${room}/Alice`);
    // The room's echo of our own message (with its stanza-id) is recognised: still one copy.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await roomMessages(service, alice.jid, room)).map((message) => [message.direction, message.body])).toEqual([['in', 'Hello from Bob'], ['out', 'Hi Bob']]);

    // Private messages: their own conversation (the occupant's room JID), never in the room's log.
    const privately = nextEvent(service, 'onMessage', (payload) => payload.message.body === 'Just between us');
    await bobPeer.sendMessage(`${room}/Alice`, 'Just between us', { type: 'chat' });
    expect((await privately).message).toMatchObject({ conversation: `${room}/Bob`, direction: 'in', from: `${room}/Bob` });
    value(await service.sendPrivateMessage({ account: alice.jid, room, nick: 'Bob', body: 'Sure' }));
    const reply = await bobPeer.waitForMessage((message) => message.body === 'Sure');
    expect([reply.from, reply.type]).toEqual([`${room}/Alice`, 'chat']);
    expect((await roomMessages(service, alice.jid, room)).map((message) => message.body)).toEqual(['Hello from Bob', 'Hi Bob']);
    expect((await roomMessages(service, alice.jid, `${room}/Bob`)).map((message) => [message.direction, message.body])).toEqual([['in', 'Just between us'], ['out', 'Sure']]);

    // The subject, and Bob leaving.
    value(await service.setRoomSubject({ account: alice.jid, room, subject: 'Release planning' }));
    await nextEvent(service, 'onRooms', (payload) => payload.rooms.some((candidate) => candidate.jid === room && candidate.subject === 'Release planning'));
    const withoutBob = occupantsOf(service, alice.jid, room, (list) => !list.some((occupant) => occupant.nick === 'Bob'));
    await bobPeer.sendRaw(`<presence to='${room}/Bob' type='unavailable'/>`);
    expect((await withoutBob).map((occupant) => occupant.nick)).toEqual(['Alice']);

    // The service lists a public room (Prosody makes new rooms hidden by default), found with a filter.
    const open = newRoom('open');
    await peerJoins(bobPeer, open, 'Bob', { config: { 'muc#roomconfig_publicroom': '1', 'muc#roomconfig_roomname': 'Open Office' } });
    const { services } = value(await service.discoverRooms({ account: alice.jid }));
    expect(services).toContain(server.mucDomain);
    const listed = value(await service.listRooms({ account: alice.jid, filter: 'open office' }));
    expect(listed).toEqual([expect.objectContaining({ jid: open, name: 'Open Office' })]);
    expect(value(await service.listRooms({ account: alice.jid, filter: open.split('@')[0] })).map((candidate) => candidate.jid)).toEqual([open]);
  });

  it('fetches the history from before joining from the room archive, and a rejoin brings only what is new', async () => {
    const alice = await freshUser(server, 'muc-alice');
    const bob = await freshUser(server, 'muc-bob');
    const room = newRoom('history');
    const bobPeer = await peer(bob);
    await peerJoins(bobPeer, room, 'Bob');
    for (const body of ['one', 'two', 'three']) await bobPeer.sendMessage(room, body, { type: 'groupchat' });

    const service = await signedIn(alice);
    const third = nextEvent(service, 'onMessage', (payload) => payload.message.conversation === room && payload.message.body === 'three');
    value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
    await third;
    expect((await roomMessages(service, alice.jid, room)).map((message) => message.body)).toEqual(['one', 'two', 'three']);

    value(await service.leaveRoom({ account: alice.jid, room }));
    await bobPeer.sendMessage(room, 'four', { type: 'groupchat' });
    const fourth = nextEvent(service, 'onMessage', (payload) => payload.message.conversation === room && payload.message.body === 'four');
    value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
    await fourth;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await roomMessages(service, alice.jid, room)).map((message) => message.body)).toEqual(['one', 'two', 'three', 'four']);
    // Found by the same search as one-to-one messages.
    const hits = value(await service.searchMessages({ query: 'three', account: alice.jid }));
    expect(hits.map((hit) => hit.conversation)).toEqual([room]);
  });

  it('fetches the newest page from the room archive on a first join, and pages back into it on scroll-up', async () => {
    const alice = await freshUser(server, 'muc-alice');
    const bob = await freshUser(server, 'muc-bob');
    const room = newRoom('paging');
    const bobPeer = await peer(bob);
    await peerJoins(bobPeer, room, 'Bob');
    for (let index = 1; index <= 55; index += 1) await bobPeer.sendMessage(room, `m${index}`, { type: 'groupchat' });

    const service = await signedIn(alice);
    const last = nextEvent(service, 'onMessage', (payload) => payload.message.conversation === room && payload.message.body === 'm55');
    value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
    await last;
    // The join fetched the newest 50; reading past the oldest stored message pages back into the room's archive (not ours).
    const page = value(await service.loadMessages({ account: alice.jid, conversation: room, limit: 50 }));
    expect(page.messages[0]?.body).toBe('m6');
    const older = value(await service.loadMessages({ account: alice.jid, conversation: room, before: page.messages[0]?.cursor, limit: 50 }));
    expect(older.messages.map((message) => message.body)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect((await roomMessages(service, alice.jid, room)).map((message) => message.body)).toEqual(Array.from({ length: 55 }, (_, index) => `m${index + 1}`));
  });

  it('says clearly why a join fails: password, members only, banned, nickname in use', async () => {
    const alice = await freshUser(server, 'muc-alice');
    const bob = await freshUser(server, 'muc-bob');
    const bobPeer = await peer(bob);
    const service = await signedIn(alice);

    const secret = newRoom('secret');
    await peerJoins(bobPeer, secret, 'Bob', { config: { 'muc#roomconfig_passwordprotectedroom': '1', 'muc#roomconfig_roomsecret': 'opensesame' } });
    const refused = await service.joinRoom({ account: alice.jid, room: secret, nick: 'Alice' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'room-password-required' } });
    const wrong = await service.joinRoom({ account: alice.jid, room: secret, nick: 'Alice', password: 'nope' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'room-password-required' } });
    expect(value(await service.joinRoom({ account: alice.jid, room: secret, nick: 'Alice', password: 'opensesame' }))).toMatchObject({ status: 'joined' });

    const members = newRoom('members');
    await peerJoins(bobPeer, members, 'Bob', { config: { 'muc#roomconfig_membersonly': '1' } });
    const notMember = await service.joinRoom({ account: alice.jid, room: members, nick: 'Alice' });
    expect(notMember).toMatchObject({ ok: false, error: { code: 'not-allowed', condition: 'registration-required' } });
    expect(notMember.ok ? '' : notMember.error.message).toMatch(/members only/u);

    const busy = newRoom('busy');
    await peerJoins(bobPeer, busy, 'Bob');
    const conflict = await service.joinRoom({ account: alice.jid, room: busy, nick: 'Bob' });
    expect(conflict).toMatchObject({ ok: false, error: { code: 'nickname-in-use' } });
    expect(value(await service.joinRoom({ account: alice.jid, room: busy, nick: 'Alice' }))).toMatchObject({ status: 'joined', nick: 'Alice' });
    // A nickname change to one in use fails the same way; a free one works.
    expect(await service.changeNick({ account: alice.jid, room: busy, nick: 'Bob' })).toMatchObject({ ok: false, error: { code: 'nickname-in-use' } });
    value(await service.changeNick({ account: alice.jid, room: busy, nick: 'Alice2' }));
    const snapshotOccupants = async () => value(await service.getSnapshot()).accounts[0]?.occupants?.[busy]?.map((occupant) => [occupant.nick, occupant.self]);
    await expect.poll(snapshotOccupants).toEqual([['Alice2', true], ['Bob', false]]);

    const banned = newRoom('banned');
    await peerJoins(bobPeer, banned, 'Bob');
    const ban = await bobPeer.iq(`<iq type='set' to='${banned}'><query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='outcast' jid='${alice.jid}'/></query></iq>`);
    expect(ban.type).toBe('result');
    const outcast = await service.joinRoom({ account: alice.jid, room: banned, nick: 'Alice' });
    expect(outcast).toMatchObject({ ok: false, error: { code: 'not-allowed', condition: 'forbidden' } });
    expect(outcast.ok ? '' : outcast.error.message).toMatch(/banned/u);
  });

  it('lets the owner take voice away, kick and ban, seen by the peer and in the occupant list', async () => {
    const alice = await freshUser(server, 'muc-alice');
    const bob = await freshUser(server, 'muc-bob');
    const service = await signedIn(alice);
    const room = newRoom('moderated');
    value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
    const bobPeer = await peer(bob);
    const bobThere = occupantsOf(service, alice.jid, room, (list) => list.some((occupant) => occupant.nick === 'Bob'));
    await peerJoins(bobPeer, room, 'Bob');
    await bobThere;

    const visitor = occupantsOf(service, alice.jid, room, (list) => list.some((occupant) => occupant.nick === 'Bob' && occupant.role === 'visitor'));
    value(await service.setRole({ account: alice.jid, room, nick: 'Bob', role: 'visitor' }));
    await visitor;

    const kicked = bobPeer.waitForPresence((presence) => presence.from === `${room}/Bob` && presence.type === 'unavailable' && presence.stanza.toString().includes("code=\"307\""));
    value(await service.kickOccupant({ account: alice.jid, room, nick: 'Bob', reason: 'Off topic' }));
    await kicked;
    await occupantsOf(service, alice.jid, room, (list) => !list.some((occupant) => occupant.nick === 'Bob'));

    await peerJoins(bobPeer, room, 'Bob');
    await occupantsOf(service, alice.jid, room, (list) => list.some((occupant) => occupant.nick === 'Bob'));
    value(await service.banOccupant({ account: alice.jid, room, nick: 'Bob' }));
    await bobPeer.waitForPresence((presence) => presence.from === `${room}/Bob` && presence.type === 'unavailable' && presence.stanza.toString().includes("code=\"301\""));
    // Bob, not a moderator, may not kick Alice: the room refuses, and our command says so.
    expect(await service.kickOccupant({ account: alice.jid, room, nick: 'Nobody' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('brings a bookmarked room back, joined, in a new session (XEP-0402 autojoin)', async () => {
    const alice = await freshUser(server, 'muc-alice');
    const room = newRoom('bookmarked');
    const first = await signedIn(alice);
    value(await first.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
    await first.dispose();

    const second = await signedIn(alice);
    await expect.poll(async () => value(await second.getSnapshot()).accounts[0]?.rooms, { timeout: 10_000 }).toEqual([
      expect.objectContaining({ jid: room, nick: 'Alice', status: 'joined', bookmarked: true, autojoin: true }),
    ]);

    // Leaving with forget removes the bookmark: the next session does not join it.
    value(await second.leaveRoom({ account: alice.jid, room, forget: true }));
    await second.dispose();
    const third = await signedIn(alice);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(value(await third.getSnapshot()).accounts[0]?.rooms ?? []).toEqual([]);
  });
});

describe('group chat scenarios on Prosody', () => {
  roomScenarios(() => server);
});
