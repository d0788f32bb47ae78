/**
 * Corrections and retractions in a room are taken only from the message's author (XEP-0308 §5, XEP-0424 §5.1):
 * by the occupant-id the room stamps (XEP-0421) where it offers one, so a newcomer taking a departed occupant's
 * nickname cannot rewrite their words while the author can under a new nickname; else by the same nickname.
 */
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../shared/contract.ts';
import { IqRouter } from '../../session/iq.ts';
import { StanzaRouter } from '../../session/router.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';
import type { ConversationUpdate } from '../chat/conversation-events.ts';
import { createMuc, type RoomMessage } from './muc.ts';

const OWN = 'me@example.test';
const ROOM = 'team@conference.example.test';

async function inRoom(features: readonly string[], extra = '') {
  const sent: Element[] = [];
  const stored: RoomMessage[] = [];
  const updates: ConversationUpdate[] = [];
  const iq = new IqRouter(async (element) => void sent.push(element), OWN);
  const muc = createMuc({
    iq, ownBareJid: OWN, domain: 'example.test', timeoutMs: 1_000, selfPingMs: 0,
    send: async (element) => void sent.push(element),
    received: (message) => stored.push(message),
    updated: (update) => updates.push(update),
    findMessage: (conversation, id) => (stored.find((message) => message.conversation === conversation && [message.id, message.originId, message.stanzaId].includes(id)) ?? null) as ChatMessage | null,
    emit: () => {},
  });
  const router = new StanzaRouter({ ownBareJid: OWN, iq: (stanza) => void iq.receive(stanza), isBlocked: () => false });
  router.add(muc);
  const deliver = (text: string) => router.route(parseStanzaXml(text));
  const next = async (): Promise<Element> => {
    await expect.poll(() => sent.length).toBeGreaterThan(0);
    return sent.shift()!;
  };
  const joining = muc.commands!.joinRoom!({ account: OWN, room: ROOM, nick: 'Me', bookmark: false });
  const disco = await next();
  await iq.receive(parseStanzaXml(`<iq type='result' id='${String(disco.attrs.id)}' from='${ROOM}'><query xmlns='http://jabber.org/protocol/disco#info'><identity category='conference' type='text' name='Team'/><feature var='http://jabber.org/protocol/muc'/>${features.map((feature) => `<feature var='${feature}'/>`).join('')}${extra}</query></iq>`));
  await next();
  deliver(`<presence from='${ROOM}/Me' to='${OWN}/desk'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/><status code='110'/></x></presence>`);
  expect(await joining).toMatchObject({ ok: true });
  const say = (nick: string, occupantId: string | null, inner: string, id: string) =>
    deliver(`<message from='${ROOM}/${nick}' to='${OWN}/desk' type='groupchat' id='${id}'>${inner}${occupantId === null ? '' : `<occupant-id xmlns='urn:xmpp:occupant-id:0' id='${occupantId}'/>`}<stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='s-${id}'/></message>`);
  return { muc, stored, updates, say };
}

const correction = (id: string, body: string) => `<body>${body}</body><replace xmlns='urn:xmpp:message-correct:0' id='${id}'/>`;

describe('room corrections and retractions come only from the author', () => {
  it('by occupant-id where the room stamps one', async () => {
    const { stored, updates, say } = await inRoom(['urn:xmpp:occupant-id:0']);
    say('Bob', 'occ-bob', '<body>Helo</body>', 'b1');
    expect(stored.map((message) => message.body)).toEqual(['Helo']);
    // Someone else now called Bob (another occupant-id): refused, both the correction and the retraction.
    say('Bob', 'occ-mallory', correction('b1', 'I was wrong'), 'm1');
    say('Bob', 'occ-mallory', `<retract xmlns='urn:xmpp:message-retract:1' id='s-b1'/>`, 'm2');
    expect(updates).toEqual([]);
    // The author under a new nickname: accepted.
    say('Robert', 'occ-bob', correction('b1', 'Hello'), 'b2');
    expect(updates).toMatchObject([{ kind: 'correction', conversation: ROOM, replaces: 'b1', body: 'Hello' }]);
    say('Robert', 'occ-bob', `<retract xmlns='urn:xmpp:message-retract:1' id='s-b1'/>`, 'b3');
    expect(updates[1]).toMatchObject({ kind: 'retraction', conversation: ROOM, target: 'b1' });
  });

  it('by nickname where it does not (an occupant-id there is anyone’s to forge)', async () => {
    const { updates, say } = await inRoom([]);
    say('Bob', null, '<body>Helo</body>', 'b1');
    say('Carol', 'occ-bob', correction('b1', 'Bob is wrong'), 'c1');
    say('Carol', null, `<retract xmlns='urn:xmpp:message-retract:1' id='s-b1'/>`, 'c2');
    expect(updates).toEqual([]);
    say('Bob', null, correction('b1', 'Hello'), 'b2');
    expect(updates).toMatchObject([{ kind: 'correction', replaces: 'b1', body: 'Hello' }]);
  });

  it('a removal by a moderator comes from the room itself, never from an occupant', async () => {
    const { updates, say } = await inRoom(['urn:xmpp:message-moderate:0']);
    say('Bob', null, '<body>Spam</body>', 'b1');
    say('Carol', null, `<apply-to xmlns='urn:xmpp:fasten:0' id='s-b1'><moderated xmlns='urn:xmpp:message-moderate:0' by='${ROOM}/Carol'><retract xmlns='urn:xmpp:message-retract:0'/></moderated></apply-to>`, 'c1');
    expect(updates).toEqual([]);
  });

  it('reactions keep the restrictions the room advertises (XEP-0444 §3.2)', async () => {
    const form = `<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:reactions:0:restrictions</value></field>` +
      `<field var='max_reactions_per_user'><value>1</value></field><field var='allowlist'><value>❤️</value><value>👍</value></field></x>`;
    const { muc, say, updates } = await inRoom(['urn:xmpp:reactions:0'], form);
    say('Bob', null, '<body>Ship it?</body>', 'b1');
    const react = (reactions: string[]) => muc.commands!.sendRoomReactions!({ account: OWN, room: ROOM, id: 'b1', reactions });
    await expect(react(['🎉'])).rejects.toMatchObject({ appError: { code: 'invalid-argument', message: expect.stringMatching(/only these reactions/u) } });
    await expect(react(['❤️', '👍'])).rejects.toMatchObject({ appError: { message: expect.stringMatching(/at most 1/u) } });
    expect(await react(['❤️'])).toMatchObject({ ok: true });
    // Named by the room's stanza-id, as our occupant JID.
    expect(updates).toMatchObject([{ kind: 'reactions', target: 's-b1', sender: `${ROOM}/Me`, emojis: ['❤️'] }]);
  });
});
