/**
 * Group chat scenarios run against each real server (app/core/features/muc/muc-ejabberd.integration.test.ts on ejabberd,
 * muc.integration.test.ts on Prosody): up to five accounts in one room with the history in order and
 * once, bookmark autojoin on the next sign-in and on a second device signed in at the same time,
 * invitations both ways (direct and mediated, accepted and declined), kick/ban/voice seen by every
 * occupant, a password room, a nickname conflict, and (where the server can drop its occupants under
 * a live stream) self-ping bringing us back into the room.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startPeer, type Peer } from './peer.ts';
import { startEjabberd, type EjabberdServer } from './server/ejabberd.ts';
import type { Occupant, Result, RoomInvitation } from '../app/shared/contract.ts';
import { createJabberService } from '../app/core/service.ts';
import type { JabberService } from '../app/core/service-types.ts';
import { freshUser, type TestUser } from '../app/core/service-test-support.ts';

/** The room's occupants once `wanted` holds (read from the snapshot: the event may have gone by already). */
export async function occupantsOf(service: JabberService, account: string, room: string, wanted: (occupants: readonly Occupant[]) => boolean): Promise<readonly Occupant[]> {
  let found: readonly Occupant[] = [];
  await expect.poll(async () => {
    const snapshot = await service.getSnapshot();
    found = (snapshot.ok ? snapshot.value.accounts.find((candidate) => candidate.account === account)?.occupants?.[room] : undefined) ?? [];
    return wanted(found);
  }, { timeout: 15_000 }).toBe(true);
  return found;
}

export interface RoomTestServer {
  readonly host: string;
  readonly c2sPort: number;
  readonly caCertPem: string;
  readonly domain: string;
  readonly mucDomain: string;
  readonly websocketUrl: string;
}

/** One ejabberd with WebSocket for a test file of room scenarios: started before its tests, stopped after. */
export function useEjabberdForRooms(): { readonly server: () => EjabberdServer; readonly info: () => RoomTestServer } {
  let started: EjabberdServer | undefined;
  beforeAll(async () => {
    started = await startEjabberd({ websocket: true });
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  }, 60_000);
  const server = (): EjabberdServer => {
    if (started === undefined) throw new Error('ejabberd has not started');
    return started;
  };
  const info = (): RoomTestServer => {
    const running = server();
    if (running.websocketUrl === undefined) throw new Error('ejabberd was started without WebSocket');
    return { ...running, websocketUrl: running.websocketUrl };
  };
  return { server, info };
}

export interface RoomScenarioOptions {
  /** Makes the server drop every occupant of its rooms while the streams stay up (none: that scenario is skipped). */
  readonly dropOccupants?: () => Promise<void>;
}

const MUC = 'http://jabber.org/protocol/muc';
const MUC_USER = 'http://jabber.org/protocol/muc#user';

export const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

const hasStatus = (stanza: { getChild(name: string, ns: string): { getChildren(name: string): { attrs: Record<string, string | undefined> }[] } | undefined }, code: string): boolean =>
  stanza.getChild('x', MUC_USER)?.getChildren('status').some((status) => status.attrs.code === code) === true;

/** Defines the scenarios (vitest `it`s) in the calling `describe`. */
export function roomScenarios(getServer: () => RoomTestServer, options: RoomScenarioOptions = {}): void {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });

  const newRoom = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}@${getServer().mucDomain}`;

  async function signedIn(user: TestUser, extra: { roomSelfPingMs?: number } = {}): Promise<JabberService> {
    const server = getServer();
    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 10_000, autoConnect: false, ...extra });
    cleanups.push(() => service.dispose());
    value(await service.addAccount({ jid: user.jid, password: user.password, host: server.host, port: server.c2sPort }));
    return service;
  }

  async function peer(user: TestUser): Promise<Peer> {
    const started = await startPeer(getServer(), user, { resource: `peer-${randomUUID().slice(0, 6)}` });
    cleanups.push(() => started.stop());
    return started;
  }

  async function peerJoins(who: Peer, room: string, nick: string, joinOptions: { password?: string; config?: Record<string, string> } = {}): Promise<void> {
    const password = joinOptions.password === undefined ? '' : `<password>${joinOptions.password}</password>`;
    const before = new Set(who.presences);
    await who.sendRaw(`<presence to='${room}/${nick}'><x xmlns='${MUC}'>${password}<history maxstanzas='0'/></x></presence>`);
    const self = await who.waitForPresence((presence) => !before.has(presence) && presence.from === `${room}/${nick}` && presence.type === undefined && hasStatus(presence.stanza, '110'));
    if (hasStatus(self.stanza, '201') || joinOptions.config !== undefined) {
      const fields = Object.entries(joinOptions.config ?? {}).map(([name, fieldValue]) => `<field var='${name}'><value>${fieldValue}</value></field>`).join('');
      const reply = await who.iq(`<iq type='set' to='${room}'><query xmlns='${MUC}#owner'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>${MUC}#roomconfig</value></field>${fields}</x></query></iq>`);
      expect(reply.type).toBe('result');
    }
  }

  const roomBodies = async (service: JabberService, account: string, room: string): Promise<string[]> =>
    value(await service.loadMessages({ account, conversation: room, limit: 200 })).messages.map((message) => message.body);
  const roomsOf = async (service: JabberService) => value(await service.getSnapshot()).accounts[0]?.rooms ?? [];
  const invitationsOf = async (service: JabberService): Promise<readonly RoomInvitation[]> => value(await service.getSnapshot()).accounts[0]?.roomInvitations ?? [];

  it('five accounts in one room: everyone sees everyone, each message arrives in order and once, and a late joiner gets the history from the archive', async () => {
    const [alice, bob, carol, dave, erin, frank] = await Promise.all(['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map((name) => freshUser(getServer(), `room-${name}`)));
    if (alice === undefined || bob === undefined || carol === undefined || dave === undefined || erin === undefined || frank === undefined) throw new Error('no users');
    const service = await signedIn(alice);
    const room = newRoom('team');
    value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
    const peers: Array<[Peer, string]> = [];
    for (const [user, nick] of [[bob, 'Bob'], [carol, 'Carol'], [dave, 'Dave'], [erin, 'Erin']] as const) {
      const started = await peer(user);
      await peerJoins(started, room, nick);
      peers.push([started, nick]);
    }
    await occupantsOf(service, alice.jid, room, (list) => list.length === 5);
    const said: string[] = [];
    for (let round = 1; round <= 2; round += 1) {
      for (const [who, nick] of peers) {
        const body = `${nick} ${round}`;
        said.push(body);
        await who.sendMessage(room, body, { type: 'groupchat' });
        // Each peer sees it once, from its sender.
        await peers[0]?.[0].waitForMessage((message) => message.body === body && message.from === `${room}/${nick}`);
        // And Alice has it before she speaks (what she sends is stamped when she sends it).
        await expect.poll(async () => (await roomBodies(service, alice.jid, room)).includes(body), { timeout: 10_000 }).toBe(true);
      }
      const own = `Alice ${round}`;
      said.push(own);
      value(await service.sendRoomMessage({ account: alice.jid, room, body: own }));
      for (const [who] of peers) await who.waitForMessage((message) => message.body === own && message.from === `${room}/Alice`);
    }
    await expect.poll(() => roomBodies(service, alice.jid, room), { timeout: 10_000 }).toEqual(said);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await roomBodies(service, alice.jid, room)).toEqual(said);
    for (const [who] of peers) expect(who.received.filter((message) => message.from.startsWith(`${room}/`) && message.body !== '').map((message) => message.body)).toEqual(said);

    // Frank joins late: the room's archive gives him all of it, in order, once.
    const late = await signedIn(frank);
    value(await late.joinRoom({ account: frank.jid, room, nick: 'Frank' }));
    await expect.poll(() => roomBodies(late, frank.jid, room), { timeout: 15_000 }).toEqual(said);
    const everyone = await occupantsOf(late, frank.jid, room, (list) => list.length === 6);
    expect(everyone.map((occupant) => occupant.nick)).toEqual(['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank']);
  }, 90_000);

  it('brings a joined room to a second device at once (bookmark push) and back on the next sign-in (autojoin)', async () => {
    const alice = await freshUser(getServer(), 'room-alice');
    const room = newRoom('bookmarked');
    const laptop = await signedIn(alice);
    const phone = await signedIn(alice);
    // The server learns what the phone wants notified (XEP-0115, `urn:xmpp:bookmarks:1+notify`) from its presence.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // The phone is signed in while the laptop joins: the bookmark's PEP notification makes it join too.
    value(await laptop.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
    await expect.poll(() => roomsOf(phone), { timeout: 15_000 }).toEqual([expect.objectContaining({ jid: room, status: 'joined', bookmarked: true, autojoin: true })]);
    await phone.dispose();
    await laptop.dispose();

    const next = await signedIn(alice);
    await expect.poll(() => roomsOf(next), { timeout: 15_000 }).toEqual([expect.objectContaining({ jid: room, nick: 'Alice', status: 'joined', bookmarked: true, autojoin: true })]);
    // Forgetting it retracts the bookmark: the next sign-in does not join it.
    value(await next.leaveRoom({ account: alice.jid, room, forget: true }));
    await next.dispose();
    const after = await signedIn(alice);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await roomsOf(after)).toEqual([]);
  }, 90_000);

  it('sends and receives invitations both ways, direct and mediated, accepted and declined', async () => {
    const alice = await freshUser(getServer(), 'room-alice');
    const bob = await freshUser(getServer(), 'room-bob');
    const service = await signedIn(alice);
    const bobPeer = await peer(bob);
    const ours = newRoom('ours');
    value(await service.joinRoom({ account: alice.jid, room: ours, nick: 'Alice' }));

    // We invite: through the room (mediated) and straight (direct, XEP-0249).
    value(await service.inviteToRoom({ account: alice.jid, room: ours, jid: bob.jid, reason: 'Standup' }));
    const mediated = await bobPeer.waitForStanza((stanza) => stanza.name === 'message' && stanza.attrs.from === ours && stanza.getChild('x', MUC_USER)?.getChild('invite') !== undefined);
    // From our real JID, or our occupant JID where the room hides real JIDs (Prosody).
    expect([alice.jid, `${ours}/Alice`]).toContain((mediated.getChild('x', MUC_USER)?.getChild('invite')?.attrs.from ?? '').replace(/\/peer-.*$|\/[0-9a-f-]{8,}$/u, ''));
    value(await service.inviteToRoom({ account: alice.jid, room: ours, jid: bob.jid, reason: 'Come in', direct: true }));
    const direct = await bobPeer.waitForStanza((stanza) => stanza.name === 'message' && stanza.attrs.from !== ours && stanza.getChild('x', 'jabber:x:conference') !== undefined);
    expect(direct.getChild('x', 'jabber:x:conference')?.attrs).toMatchObject({ jid: ours, reason: 'Come in' });

    // Bob invites us directly to his room: we accept by joining it, and the invitation is gone.
    const his = newRoom('his');
    await peerJoins(bobPeer, his, 'Bob');
    await bobPeer.sendRaw(`<message to='${alice.jid}'><x xmlns='jabber:x:conference' jid='${his}' reason='Join us'/></message>`);
    await expect.poll(() => invitationsOf(service), { timeout: 10_000 }).toEqual([expect.objectContaining({ room: his, from: bob.jid, reason: 'Join us', kind: 'direct' })]);
    value(await service.joinRoom({ account: alice.jid, room: his, nick: 'Alice' }));
    expect(await invitationsOf(service)).toEqual([]);

    // Bob invites us through another room (mediated): we decline, and the room tells Bob.
    const other = newRoom('other');
    await peerJoins(bobPeer, other, 'Bob');
    await bobPeer.sendRaw(`<message to='${other}'><x xmlns='${MUC_USER}'><invite to='${alice.jid}'><reason>Planning</reason></invite></x></message>`);
    await expect.poll(() => invitationsOf(service), { timeout: 10_000 }).toEqual([expect.objectContaining({ room: other, from: expect.stringMatching(new RegExp(`^(${bob.jid}|${other}/Bob)$`, 'u')), reason: 'Planning', kind: 'mediated' })]);
    value(await service.dismissInvitation({ account: alice.jid, room: other }));
    expect(await invitationsOf(service)).toEqual([]);
    const declined = await bobPeer.waitForStanza((stanza) => stanza.name === 'message' && stanza.attrs.from === other && stanza.getChild('x', MUC_USER)?.getChild('decline') !== undefined);
    expect(declined.getChild('x', MUC_USER)?.getChild('decline')?.attrs.from).toMatch(new RegExp(`^(${alice.jid}|${other}/Alice)`, 'u'));
    expect((await roomsOf(service)).find((candidate) => candidate.jid === other)).toBeUndefined();
  }, 60_000);

  it('takes voice, kicks and bans, and every occupant sees it', async () => {
    const alice = await freshUser(getServer(), 'room-alice');
    const bob = await freshUser(getServer(), 'room-bob');
    const carol = await freshUser(getServer(), 'room-carol');
    const service = await signedIn(alice);
    const room = newRoom('moderated');
    value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
    const bobPeer = await peer(bob);
    const carolPeer = await peer(carol);
    await peerJoins(bobPeer, room, 'Bob');
    await peerJoins(carolPeer, room, 'Carol');
    await occupantsOf(service, alice.jid, room, (list) => list.length === 3);

    const fromBob = (predicate: (stanza: { attrs: Record<string, string | undefined>; toString(): string }) => boolean) =>
      carolPeer.waitForPresence((presence) => presence.from === `${room}/Bob` && predicate(presence.stanza));
    value(await service.setRole({ account: alice.jid, room, nick: 'Bob', role: 'visitor' }));
    await fromBob((stanza) => stanza.toString().includes('role="visitor"'));
    await occupantsOf(service, alice.jid, room, (list) => list.some((occupant) => occupant.nick === 'Bob' && occupant.role === 'visitor'));
    carolPeer.presences.length = 0;
    value(await service.setRole({ account: alice.jid, room, nick: 'Bob', role: 'participant' }));
    await fromBob((stanza) => stanza.toString().includes('role="participant"'));

    value(await service.kickOccupant({ account: alice.jid, room, nick: 'Bob', reason: 'Off topic' }));
    await fromBob((stanza) => stanza.attrs.type === 'unavailable' && stanza.toString().includes('code="307"'));
    await occupantsOf(service, alice.jid, room, (list) => !list.some((occupant) => occupant.nick === 'Bob'));

    await peerJoins(bobPeer, room, 'Bob');
    await occupantsOf(service, alice.jid, room, (list) => list.some((occupant) => occupant.nick === 'Bob'));
    value(await service.banOccupant({ account: alice.jid, room, nick: 'Bob', reason: 'Spam' }));
    await fromBob((stanza) => stanza.attrs.type === 'unavailable' && stanza.toString().includes('code="301"'));
    await occupantsOf(service, alice.jid, room, (list) => list.map((occupant) => occupant.nick).join() === 'Alice,Carol');
    await carolPeer.waitForPresence((presence) => presence.from === `${room}/Bob` && presence.type === 'unavailable' && presence.stanza.toString().includes('code="301"'));
  }, 60_000);

  it('joins a password room only with its password, and refuses a nickname in use', async () => {
    const alice = await freshUser(getServer(), 'room-alice');
    const bob = await freshUser(getServer(), 'room-bob');
    const service = await signedIn(alice);
    const bobPeer = await peer(bob);
    const secret = newRoom('secret');
    await peerJoins(bobPeer, secret, 'Bob', { config: { 'muc#roomconfig_passwordprotectedroom': '1', 'muc#roomconfig_roomsecret': 'opensesame' } });
    expect(await service.joinRoom({ account: alice.jid, room: secret, nick: 'Alice' })).toMatchObject({ ok: false, error: { code: 'room-password-required' } });
    expect(await service.joinRoom({ account: alice.jid, room: secret, nick: 'Alice', password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'room-password-required' } });
    // The right password, but Bob's nickname: refused as a nickname in use; then our own.
    const taken = await service.joinRoom({ account: alice.jid, room: secret, nick: 'Bob', password: 'opensesame' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'nickname-in-use' } });
    expect(taken.ok ? '' : taken.error.message).toMatch(/already uses the nickname "Bob"/u);
    expect(value(await service.joinRoom({ account: alice.jid, room: secret, nick: 'Alice', password: 'opensesame' }))).toMatchObject({ status: 'joined', nick: 'Alice', features: expect.objectContaining({ passwordProtected: true }) });
    await occupantsOf(service, alice.jid, secret, (list) => list.map((occupant) => occupant.nick).join() === 'Alice,Bob');
  }, 60_000);

  it('asks for voice as a visitor in a moderated room, and a moderator gives it', async () => {
    const alice = await freshUser(getServer(), 'room-alice');
    const bob = await freshUser(getServer(), 'room-bob');
    const bobPeer = await peer(bob);
    const room = newRoom('hushed');
    await peerJoins(bobPeer, room, 'Bob', { config: { 'muc#roomconfig_moderatedroom': '1' } });
    const service = await signedIn(alice);
    const entered = value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice', bookmark: false }));
    // Prosody makes newcomers of a moderated room visitors; ejabberd gives them voice by default, so Bob takes it.
    if (entered.role !== 'visitor') {
      const hushed = await bobPeer.iq(`<iq type='set' to='${room}'><query xmlns='${MUC}#admin'><item nick='Alice' role='visitor'/></query></iq>`);
      expect(hushed.type).toBe('result');
    }
    await expect.poll(async () => (await roomsOf(service)).find((candidate) => candidate.jid === room)?.role, { timeout: 10_000 }).toBe('visitor');
    value(await service.requestVoice({ account: alice.jid, room }));
    // The room hands the request to its moderator (XEP-0045 §8.6): a muc#request form naming Alice.
    const asked = await bobPeer.waitForStanza((stanza) => stanza.name === 'message' && stanza.attrs.from === room && stanza.toString().includes('http://jabber.org/protocol/muc#request'));
    expect(asked.toString()).toContain('Alice');
    const granted = await bobPeer.iq(`<iq type='set' to='${room}'><query xmlns='${MUC}#admin'><item nick='Alice' role='participant'/></query></iq>`);
    expect(granted.type).toBe('result');
    await expect.poll(async () => (await roomsOf(service)).find((candidate) => candidate.jid === room)?.role, { timeout: 10_000 }).toBe('participant');
    expect(await service.requestVoice({ account: alice.jid, room })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  }, 60_000);

  it.skipIf(options.dropOccupants === undefined)('rejoins by itself after the server dropped its occupants, and gets what was said meanwhile', async () => {
    const alice = await freshUser(getServer(), 'room-alice');
    const bob = await freshUser(getServer(), 'room-bob');
    const service = await signedIn(alice, { roomSelfPingMs: 1_000 });
    const room = newRoom('dropped');
    const bobPeer = await peer(bob);
    await peerJoins(bobPeer, room, 'Bob', { config: { 'muc#roomconfig_persistentroom': '1' } });
    value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice', bookmark: false }));
    await bobPeer.sendMessage(room, 'before', { type: 'groupchat' });
    await expect.poll(() => roomBodies(service, alice.jid, room), { timeout: 10_000 }).toEqual(['before']);

    await options.dropOccupants?.();
    // Bob is back first (scripted: he joins again by hand) and says something Alice has not seen.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await peerJoins(bobPeer, room, 'Bob');
    await bobPeer.sendMessage(room, 'during', { type: 'groupchat' });
    await expect.poll(async () => (await roomsOf(service)).find((candidate) => candidate.jid === room)?.status, { timeout: 20_000 }).toBe('joined');
    await expect.poll(() => roomBodies(service, alice.jid, room), { timeout: 15_000 }).toEqual(['before', 'during']);
    await bobPeer.sendMessage(room, 'after', { type: 'groupchat' });
    await expect.poll(() => roomBodies(service, alice.jid, room), { timeout: 10_000 }).toEqual(['before', 'during', 'after']);
  }, 90_000);
}
