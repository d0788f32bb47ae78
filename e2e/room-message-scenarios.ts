/**
 * Conversation features in rooms, run against each real server (room-messages.integration.test.ts on Prosody with
 * muc_moderation and occupant-id, room-messages-ejabberd.integration.test.ts on ejabberd 23.01, which has neither):
 * typing both ways, corrections and retractions (only from their author), a moderator's removal (XEP-0425) where
 * the server offers it, reactions and replies named by the room's stanza-id, and mentions as XEP-0372 references.
 * The other occupants are scripted clients.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { startPeer, type Peer } from './peer.ts';
import type { ChatMessage, Result } from '../app/shared/contract.ts';
import { createJabberService } from '../app/core/service.ts';
import type { JabberService } from '../app/core/service-types.ts';
import { freshUser, nextEvent, type TestUser } from '../app/core/service-test-support.ts';
import type { RoomTestServer } from './room-scenarios.ts';

export interface RoomMessageScenarioOptions {
  /** The server offers XEP-0425 (0.2) moderation and stamps XEP-0421 occupant-ids. */
  readonly moderation: boolean;
  readonly occupantId: boolean;
}

export function roomMessageScenarios(serverOf: () => RoomTestServer, options: RoomMessageScenarioOptions): void {
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};
const MUC_USER = 'http://jabber.org/protocol/muc#user';

async function signedIn(user: TestUser): Promise<JabberService> {
  const server = serverOf();
  const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: false });
  cleanups.push(() => service.dispose());
  value(await service.addAccount({ jid: user.jid, password: user.password, host: server.host, port: server.c2sPort }));
  return service;
}

async function peerIn(room: string, nick: string): Promise<Peer> {
  const server = serverOf();
  const user = await freshUser(server, `rm-${nick.toLowerCase()}`);
  const peer = await startPeer(server, user);
  cleanups.push(() => peer.stop());
  await peer.sendRaw(`<presence to='${room}/${nick}'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`);
  await peer.waitForPresence((presence) => presence.from === `${room}/${nick}` && presence.stanza.getChild('x', MUC_USER)?.getChildren('status').some((status) => status.attrs.code === '110') === true);
  return peer;
}

/** A room with Alice (our client, its owner) and two scripted occupants, Bob and Carol. */
async function roomWithPeers() {
  const server = serverOf();
  const alice = await freshUser(server, 'rm-alice');
  const service = await signedIn(alice);
  const room = `msgs-${randomUUID().slice(0, 8)}@${server.mucDomain}`;
  const joined = value(await service.joinRoom({ account: alice.jid, room, nick: 'Alice' }));
  const everyone = nextEvent(service, 'onOccupants', (payload) => payload.room === room && payload.occupants.length === 3);
  const bob = await peerIn(room, 'Bob');
  const carol = await peerIn(room, 'Carol');
  await everyone;
  return { account: alice.jid, service, room, joined, bob, carol };
}

/** The room's stanza-id of the message the peer saw with this body. */
async function stanzaIdSeenBy(peer: Peer, room: string, body: string): Promise<string> {
  const seen = await peer.waitForMessage((message) => message.body === body && message.from.startsWith(`${room}/`));
  const id = seen.stanza.getChildren('stanza-id', 'urn:xmpp:sid:0').find((child) => child.attrs.by === room)?.attrs.id;
  if (typeof id !== 'string') throw new Error('no stanza-id');
  return id;
}

const messageIn = (service: JabberService, room: string, wanted: (message: ChatMessage) => boolean) =>
  nextEvent(service, 'onMessage', (payload) => payload.message.conversation === room && wanted(payload.message)).then((payload) => payload.message);

  it('shows who is typing and sends our typing to the room, corrections and retractions only from their author', async () => {
    const { account, service, room, joined, bob, carol } = await roomWithPeers();
    expect(joined.features?.moderation === true).toBe(options.moderation);
    expect(joined.features?.occupantId === true).toBe(options.occupantId);

    const typing = nextEvent(service, 'onRoomTyping', (payload) => payload.room === room && payload.typing.length === 1);
    await bob.sendRaw(`<message type='groupchat' to='${room}'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>`);
    expect((await typing).typing).toEqual([{ nick: 'Bob', state: 'composing' }]);
    value(await service.sendRoomChatState({ account, room, state: 'composing' }));
    await bob.waitForStanza((stanza) => stanza.attrs.from === `${room}/Alice` && stanza.getChild('composing', 'http://jabber.org/protocol/chatstates') !== undefined);

    // Bob's message clears his typing; his correction is applied, Carol's "correction" of it is not.
    const stopped = nextEvent(service, 'onRoomTyping', (payload) => payload.room === room && payload.typing.length === 0);
    const first = messageIn(service, room, (message) => message.body === 'Helo all');
    await bob.sendRaw(`<message type='groupchat' to='${room}' id='bob-1'><body>Helo all</body></message>`);
    const original = await first;
    await stopped;
    await carol.sendRaw(`<message type='groupchat' to='${room}' id='carol-1'><body>Bob is wrong</body><replace xmlns='urn:xmpp:message-correct:0' id='bob-1'/></message>`);
    const corrected = messageIn(service, room, (message) => message.id === original.id && message.edited === true);
    await bob.sendRaw(`<message type='groupchat' to='${room}' id='bob-2'><body>Hello all</body><replace xmlns='urn:xmpp:message-correct:0' id='bob-1'/></message>`);
    expect(await corrected).toMatchObject({ body: 'Hello all', from: `${room}/Bob` });

    // Our own message: corrected and retracted through the room; the peers see XEP-0308 and XEP-0424 (by stanza-id).
    const sent = value(await service.sendRoomMessage({ account, room, body: 'Lunch at noon' }));
    const stanzaId = await stanzaIdSeenBy(bob, room, 'Lunch at noon');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fixed = value(await service.correctRoomMessage({ account, room, id: sent.id, body: 'Lunch at one' }));
    expect(fixed).toMatchObject({ body: 'Lunch at one', edited: true });
    const correction = await bob.waitForMessage((message) => message.body === 'Lunch at one');
    expect(correction.stanza.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe(sent.id);
    const gone = value(await service.retractRoomMessage({ account, room, id: sent.id }));
    expect(gone).toMatchObject({ retracted: true, body: '' });
    const retraction = await bob.waitForStanza((stanza) => stanza.getChild('retract', 'urn:xmpp:message-retract:1') !== undefined);
    expect(retraction.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs.id).toBe(stanzaId);

    // Bob retracts his message by its stanza-id; Carol cannot retract it.
    const bobsId = await stanzaIdSeenBy(carol, room, 'Helo all');
    await carol.sendRaw(`<message type='groupchat' to='${room}'><retract xmlns='urn:xmpp:message-retract:1' id='${bobsId}'/></message>`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await service.loadMessages({ account, conversation: room, limit: 50 }))).toMatchObject({ ok: true });
    const before = value(await service.loadMessages({ account, conversation: room, limit: 50 })).messages.find((message) => message.id === original.id);
    expect(before?.retracted).toBeUndefined();
    const retracted = messageIn(service, room, (message) => message.id === original.id && message.retracted === true);
    await bob.sendRaw(`<message type='groupchat' to='${room}'><retract xmlns='urn:xmpp:message-retract:1' id='${bobsId}'/></message>`);
    await retracted;
    // No receipts are asked for or sent in a room.
    expect(correction.stanza.getChild('request', 'urn:xmpp:receipts')).toBeUndefined();
  });

  it.skipIf(!options.moderation)('a moderator removes a message with a reason, and everyone learns it (XEP-0425)', async () => {
    const { account, service, room, bob, carol } = await roomWithPeers();
    const arrived = messageIn(service, room, (message) => message.body === 'Buy cheap watches');
    await bob.sendMessage(room, 'Buy cheap watches', { type: 'groupchat' });
    const spam = await arrived;
    const announced = nextEvent(service, 'onRoomModeration', (payload) => payload.room === room);
    const removed = messageIn(service, room, (message) => message.id === spam.id && message.retracted === true);
    value(await service.moderateRoomMessage({ account, room, id: spam.id, reason: 'Spam' }));
    expect((await announced).moderation).toEqual({ id: spam.id, by: 'Alice', reason: 'Spam' });
    expect(await removed).toMatchObject({ body: '', moderated: { by: 'Alice', reason: 'Spam' } });
    // Kept in the history: after a reload (or restart) the tombstone still says who and why.
    const stored = value(await service.loadMessages({ account, conversation: room, limit: 50 })).messages.find((message) => message.id === spam.id);
    expect(stored).toMatchObject({ retracted: true, moderated: { by: 'Alice', reason: 'Spam' } });
    // The other occupants get the room's announcement (0.2 on this Prosody: a fastening with <moderated/>).
    const seen = await carol.waitForStanza((stanza) => stanza.attrs.from === room && stanza.getChild('apply-to', 'urn:xmpp:fasten:0') !== undefined);
    expect(seen.getChild('apply-to', 'urn:xmpp:fasten:0')?.getChild('moderated', 'urn:xmpp:message-moderate:0')?.getChildText('reason')).toBe('Spam');
    // A participant may not.
    const peersMessage = messageIn(service, room, (message) => message.body === 'Second');
    await carol.sendMessage(room, 'Second', { type: 'groupchat' });
    await peersMessage;
    const refused = await bob.iq(`<iq type='set' to='${room}'><apply-to xmlns='urn:xmpp:fasten:0' id='${await stanzaIdSeenBy(bob, room, 'Second')}'><moderate xmlns='urn:xmpp:message-moderate:0'><retract xmlns='urn:xmpp:message-retract:0'/></moderate></apply-to></iq>`);
    expect(refused.type).toBe('error');
  });

  it('reactions and replies name the room’s stanza-id; reactions count who; a message naming an occupant carries a reference', async () => {
    const { account, service, room, bob, carol } = await roomWithPeers();
    const arrived = messageIn(service, room, (message) => message.body === 'Ship it?');
    await bob.sendMessage(room, 'Ship it?', { type: 'groupchat' });
    const question = await arrived;
    const stanzaId = await stanzaIdSeenBy(carol, room, 'Ship it?');

    const reacted = messageIn(service, room, (message) => message.id === question.id && (message.reactions?.length ?? 0) > 0);
    await carol.sendRaw(`<message type='groupchat' to='${room}' id='c-r1'><reactions xmlns='urn:xmpp:reactions:0' id='${stanzaId}'><reaction>👍</reaction></reactions><store xmlns='urn:xmpp:hints'/></message>`);
    expect((await reacted).reactions).toEqual([{ emoji: '👍', from: [`${room}/Carol`] }]);
    const ours = value(await service.sendRoomReactions({ account, room, id: question.id, reactions: ['👍'] }));
    expect(ours.reactions).toEqual([{ emoji: '👍', from: [`${room}/Carol`, `${room}/Alice`] }]);
    const reaction = await bob.waitForStanza((stanza) => stanza.attrs.from === `${room}/Alice` && stanza.getChild('reactions', 'urn:xmpp:reactions:0') !== undefined);
    expect(reaction.getChild('reactions', 'urn:xmpp:reactions:0')?.attrs.id).toBe(stanzaId);

    const reply = value(await service.sendRoomReply({ account, room, body: 'Yes, Bob', replyTo: question.id }));
    expect(reply.replyTo).toEqual({ id: stanzaId, to: `${room}/Bob`, quotedBody: 'Ship it?', messageId: question.id });
    const got = await bob.waitForStanza((stanza) => stanza.attrs.from === `${room}/Alice` && stanza.getChild('reply', 'urn:xmpp:reply:0') !== undefined);
    expect(got.getChild('reply', 'urn:xmpp:reply:0')?.attrs).toMatchObject({ id: stanzaId, to: `${room}/Bob` });
    const mention = got.getChildren('reference', 'urn:xmpp:reference:0')[0];
    expect(mention?.attrs).toMatchObject({ type: 'mention', uri: `xmpp:${room}/Bob` });
    const body = Array.from(got.getChildText('body') ?? '');
    expect(body.slice(Number(mention?.attrs.begin), Number(mention?.attrs.end)).join('')).toBe('Bob');

    // A reference naming us is a mention (stored), even where the text does not say our nickname.
    const mentioned = messageIn(service, room, (message) => message.body === 'ping the owner');
    await carol.sendRaw(`<message type='groupchat' to='${room}' id='c-m'><body>ping the owner</body><reference xmlns='urn:xmpp:reference:0' type='mention' begin='9' end='14' uri='xmpp:${room}/Alice'/></message>`);
    expect(await mentioned).toMatchObject({ mentionsMe: true });
    expect(value(await service.loadMessages({ account, conversation: room, limit: 50 })).messages.find((message) => message.body === 'ping the owner')?.mentionsMe).toBe(true);

    // A peer's reply to our message is shown quoting it.
    const quoted = messageIn(service, room, (message) => message.body === 'Agreed' && message.replyTo !== undefined);
    await carol.sendRaw(`<message type='groupchat' to='${room}' id='c-2'><body>&gt; Ship it?\nAgreed</body><reply xmlns='urn:xmpp:reply:0' id='${stanzaId}' to='${room}/Bob'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='11'/></fallback></message>`);
    expect((await quoted).replyTo).toMatchObject({ id: stanzaId, to: `${room}/Bob`, messageId: question.id });
  });
}
