/**
 * Group chat across a server restart (a Prosody of its own, so the shared one stays up): the session
 * comes back on a new stream, joins its room again by itself, and catches up from the room's archive
 * what was said meanwhile, each message once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer } from '../../../../e2e/peer.ts';
import { startProsody, type TestServer } from '../../../../e2e/server/prosody.ts';
import type { ChatMessage, ConnectionState, Room } from '../../../shared/contract.ts';
import { createJabberService } from '../../service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startProsody();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const MUC_USER = 'http://jabber.org/protocol/muc#user';

describe('a server restart under a joined room', () => {
  it('joins the room again on the new stream and brings what was said meanwhile, once', async () => {
    const { alice, bob } = server.accounts;
    const room = `restart-${randomUUID().slice(0, 8)}@${server.mucDomain}`;
    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, backoff: { baseMs: 200, maxMs: 500 }, autoConnect: false });
    const received: ChatMessage[] = [];
    const states: ConnectionState[] = [];
    let rooms: readonly Room[] = [];
    service.subscribe((envelope) => {
      if (envelope.event === 'onMessage') received.push((envelope.payload as { message: ChatMessage }).message);
      if (envelope.event === 'onConnectionState') states.push((envelope.payload as { connection: ConnectionState }).connection);
      if (envelope.event === 'onRooms') rooms = (envelope.payload as { rooms: readonly Room[] }).rooms;
    });
    const joinAsBob = async () => {
      const peer = await startPeer(server, bob, { resource: `room-${randomUUID().slice(0, 4)}` });
      await peer.sendRaw(`<presence to='${room}/Bob'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`);
      const self = await peer.waitForPresence((presence) => presence.from === `${room}/Bob` && presence.stanza.getChild('x', MUC_USER)?.getChildren('status').some((status) => status.attrs.code === '110') === true);
      return { peer, self };
    };
    try {
      // Bob makes a persistent room (it outlives the restart, with its archive) and says something.
      const first = await joinAsBob();
      const configured = await first.peer.iq(`<iq type='set' to='${room}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field><field var='muc#roomconfig_persistentroom'><value>1</value></field></x></query></iq>`);
      expect(configured.type).toBe('result');
      await first.peer.sendMessage(room, 'before', { type: 'groupchat' });

      expect((await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort })).ok).toBe(true);
      expect((await service.joinRoom({ account: alice.jid, room, nick: 'Alice', bookmark: false })).ok).toBe(true);
      await expect.poll(() => received.filter((message) => message.body === 'before').length).toBe(1);
      await first.peer.stop();

      await server.restart('clean');
      await expect.poll(() => states.at(-1)?.status, { timeout: 15_000 }).toBe('connecting');
      // Said while Alice is away.
      const second = await joinAsBob();
      await second.peer.sendMessage(room, 'during', { type: 'groupchat' });

      await service.reconnectNow({ account: alice.jid });
      await expect.poll(() => states.at(-1)?.status, { timeout: 20_000 }).toBe('connected');
      await expect.poll(() => rooms.find((candidate) => candidate.jid === room)?.status, { timeout: 15_000 }).toBe('joined');
      await expect.poll(() => received.filter((message) => message.body === 'during').length, { timeout: 15_000 }).toBe(1);
      await second.peer.sendMessage(room, 'after', { type: 'groupchat' });
      await expect.poll(() => received.filter((message) => message.body === 'after').length, { timeout: 15_000 }).toBe(1);
      expect(received.filter((message) => message.conversation === room).map((message) => message.body)).toEqual(['before', 'during', 'after']);
      const stored = await service.loadMessages({ account: alice.jid, conversation: room });
      expect(stored.ok && stored.value.messages.map((message) => message.body)).toEqual(['before', 'during', 'after']);
      await second.peer.stop();
    } finally {
      await service.dispose();
    }
  }, 90_000);
});
