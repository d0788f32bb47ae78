import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { JabberEventPayloads, Room } from '../../../shared/contract.ts';
import { IqRouter } from '../../session/iq.ts';
import { StanzaRouter } from '../../session/router.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';
import { parseInvitation, parseOccupantPresence, parseRoomInfo, toPublicRoom } from '../../xml/muc.ts';
import { createMuc, type RoomMessage } from './muc.ts';

const OWN = 'me@example.test';
const ROOM = 'team@conference.example.test';

function setup() {
  const sent: Element[] = [];
  const rooms: Room[][] = [];
  const occupants: JabberEventPayloads['onOccupants'][] = [];
  const messages: RoomMessage[] = [];
  const iq = new IqRouter(async (element) => void sent.push(element), OWN);
  const muc = createMuc({
    iq,
    ownBareJid: OWN,
    domain: 'example.test',
    timeoutMs: 1_000,
    selfPingMs: 0,
    send: async (element) => void sent.push(element),
    received: (message) => messages.push(message),
    emit: (event, payload) => {
      if (event === 'onRooms') rooms.push([...(payload as JabberEventPayloads['onRooms']).rooms]);
      if (event === 'onOccupants') occupants.push(payload as JabberEventPayloads['onOccupants']);
    },
  });
  const router = new StanzaRouter({ ownBareJid: OWN, iq: (stanza) => void iq.receive(stanza), isBlocked: () => false });
  router.add(muc);
  const deliver = (text: string) => router.route(parseStanzaXml(text));
  /** The next stanza the feature sends, once it is sent. */
  const next = async (): Promise<Element> => {
    await expect.poll(() => sent.length).toBeGreaterThan(0);
    return sent.shift()!;
  };
  const answer = async (request: Element, inner = ''): Promise<void> => {
    const from = request.attrs.to === undefined ? '' : ` from='${String(request.attrs.to)}'`;
    await iq.receive(parseStanzaXml(`<iq type='result' id='${String(request.attrs.id)}'${from}>${inner}</iq>`));
  };
  const fail = async (request: Element, condition: string): Promise<void> => {
    await iq.receive(parseStanzaXml(`<iq type='error' id='${String(request.attrs.id)}' from='${String(request.attrs.to)}'><error type='cancel'><${condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`));
  };
  return { muc, sent, rooms, occupants, messages, deliver, next, answer, fail };
}

const ROOM_INFO = `<query xmlns='http://jabber.org/protocol/disco#info'><identity category='conference' type='text' name='Team'/><feature var='http://jabber.org/protocol/muc'/><feature var='urn:xmpp:mam:2'/><feature var='muc_persistent'/></query>`;
const self = (nick: string, extra = '', type = '') =>
  `<presence from='${ROOM}/${nick}' to='${OWN}/desk'${type}><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/><status code='110'/>${extra}</x></presence>`;

describe('muc parsers', () => {
  it('reads occupant presence: role, affiliation, real JID, status codes, a new nickname', () => {
    const presence = parseOccupantPresence(parseStanzaXml(`<presence from='${ROOM}/Bob' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='admin' role='moderator' jid='Bob@Example.test/phone' nick='Robert'/><status code='303'/></x></presence>`));
    expect(presence).toMatchObject({ room: ROOM, nick: 'Bob', type: 'unavailable', role: 'moderator', affiliation: 'admin', jid: 'bob@example.test', newNick: 'Robert' });
    expect([...(presence?.codes ?? [])]).toEqual([303]);
    // Plain presence (a contact's) is none of the room's business.
    expect(parseOccupantPresence(parseStanzaXml(`<presence from='bob@example.test/phone'/>`))).toBeNull();
    expect(parseOccupantPresence(parseStanzaXml(`<presence from='${ROOM}/X'><x xmlns='http://jabber.org/protocol/muc#user'><item role='king' affiliation='god'/></x></presence>`))).toMatchObject({ role: 'none', affiliation: 'none' });
  });

  it('reads room features, list items with counts, and both kinds of invitation', () => {
    expect(parseRoomInfo(parseStanzaXml(ROOM_INFO))).toMatchObject({ name: 'Team', isRoom: true, features: { archived: true, persistent: true, passwordProtected: false } });
    expect(toPublicRoom({ jid: ROOM, name: 'Team (3)' })).toEqual({ jid: ROOM, name: 'Team', occupants: 3 });
    expect(toPublicRoom({ jid: ROOM, name: '' })).toEqual({ jid: ROOM, name: 'team' });
    expect(parseInvitation(parseStanzaXml(`<message from='bob@example.test/phone'><x xmlns='jabber:x:conference' jid='${ROOM}' reason='Standup'/></message>`))).toEqual({ room: ROOM, from: 'bob@example.test', reason: 'Standup', kind: 'direct' });
    expect(parseInvitation(parseStanzaXml(`<message from='${ROOM}'><x xmlns='http://jabber.org/protocol/muc#user'><invite from='bob@example.test/phone'><reason>Join us</reason></invite><password>pw</password></x></message>`)))
      .toEqual({ room: ROOM, from: 'bob@example.test', reason: 'Join us', password: 'pw', kind: 'mediated' });
  });
});

describe('muc: invitations and our presence', () => {
  it('takes the room\'s <invite/> over the jabber:x:conference copy ejabberd adds, and keeps an occupant JID as the inviter', () => {
    const both = parseInvitation(parseStanzaXml(`<message from='${ROOM}'><x xmlns='http://jabber.org/protocol/muc#user'><invite from='${ROOM}/Bob'><reason>Standup</reason></invite></x><x xmlns='jabber:x:conference' jid='${ROOM}'/></message>`));
    expect(both).toEqual({ room: ROOM, from: `${ROOM}/Bob`, reason: 'Standup', kind: 'mediated' });
  });

  it('sends a direct invitation with the room\'s password, declines a mediated one through the room, and sends our presence to the rooms', async () => {
    const { muc, next, answer, deliver } = setup();
    muc.ownPresenceChanged(parseStanzaXml(`<presence><show>away</show><status>Lunch</status></presence>`));
    const joining = muc.commands!.joinRoom!({ account: OWN, room: ROOM, nick: 'Me', password: 'pw', bookmark: false });
    await answer(await next(), ROOM_INFO);
    const join = await next();
    expect([join.getChildText('show'), join.getChildText('status')]).toEqual(['away', 'Lunch']);
    deliver(self('Me'));
    expect(await joining).toMatchObject({ ok: true });
    await answer(await next(), ''); // the archive query
    muc.ownPresenceChanged(parseStanzaXml(`<presence><show>dnd</show></presence>`));
    const update = await next();
    expect([update.attrs.to, update.getChildText('show'), update.getChild('x', 'http://jabber.org/protocol/muc')]).toEqual([`${ROOM}/Me`, 'dnd', undefined]);

    expect(await muc.commands!.inviteToRoom!({ account: OWN, room: ROOM, jid: 'bob@example.test', reason: 'Come', direct: true })).toMatchObject({ ok: true });
    const direct = await next();
    expect(direct.attrs.to).toBe('bob@example.test');
    expect(direct.getChild('x', 'jabber:x:conference')?.attrs).toMatchObject({ jid: ROOM, reason: 'Come', password: 'pw' });

    const other = 'other@conference.example.test';
    deliver(`<message from='${other}' to='${OWN}'><x xmlns='http://jabber.org/protocol/muc#user'><invite from='carol@example.test/phone'/></x></message>`);
    expect(await muc.commands!.dismissInvitation!({ account: OWN, room: other })).toMatchObject({ ok: true });
    const decline = await next();
    expect([decline.attrs.to, decline.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChild('decline')?.attrs.to]).toEqual([other, 'carol@example.test']);
  });
});

describe('muc: bookmarks in private XML storage (XEP-0048) where the server has no PEP', () => {
  it('reads them, autojoins, and writes the whole list back when one changes', async () => {
    const { muc, next, answer, deliver } = setup();
    const starting = muc.start();
    const disco = await next();
    expect([disco.attrs.to, disco.getChild('query')?.attrs.xmlns]).toEqual([OWN, 'http://jabber.org/protocol/disco#info']);
    await answer(disco, `<query xmlns='http://jabber.org/protocol/disco#info'><identity category='account' type='registered'/></query>`);
    const read = await next();
    expect(read.getChild('query', 'jabber:iq:private')?.getChild('storage', 'storage:bookmarks')).toBeDefined();
    await answer(read, `<query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'><conference jid='${ROOM}' autojoin='true' name='Team'><nick>Me</nick></conference><conference jid='quiet@conference.example.test' autojoin='false'/></storage></query>`);
    await answer(await next(), ROOM_INFO);
    const join = await next();
    expect(join.attrs.to).toBe(`${ROOM}/Me`);
    deliver(self('Me'));
    await starting;
    await answer(await next(), ''); // the archive query
    expect(await muc.commands!.leaveRoom!({ account: OWN, room: ROOM, forget: true })).toMatchObject({ ok: true });
    await next(); // unavailable presence
    const write = await next();
    const stored = write.getChild('query', 'jabber:iq:private')?.getChild('storage', 'storage:bookmarks')?.getChildren('conference').map((conference) => conference.attrs.jid);
    expect(stored).toEqual(['quiet@conference.example.test']);
  });
});

describe('muc', () => {
  it('joins without the room delayed history where the room has an archive, and maps a refusal to a clear error', async () => {
    const { muc, next, answer, deliver, rooms } = setup();
    const joining = muc.commands!.joinRoom!({ account: OWN, room: ROOM, nick: 'Me', bookmark: false });
    await answer(await next(), ROOM_INFO);
    const presence = await next();
    expect(presence.attrs.to).toBe(`${ROOM}/Me`);
    expect(presence.getChild('x', 'http://jabber.org/protocol/muc')?.getChild('history')?.attrs.maxstanzas).toBe('0');
    deliver(`<presence from='${ROOM}/Me' type='error'><x xmlns='http://jabber.org/protocol/muc'/><error type='auth'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`);
    await expect(joining).rejects.toMatchObject({ appError: { code: 'room-password-required' } });
    // A room never joined and not bookmarked is not listed.
    expect(rooms.at(-1)).toEqual([]);
  });

  it('keeps the occupant list, stores messages with the room stanza-id, ignores stanza-ids by anyone else', async () => {
    const { muc, next, answer, deliver, messages, occupants } = setup();
    const joining = muc.commands!.joinRoom!({ account: OWN, room: ROOM, nick: 'Me', bookmark: false });
    await answer(await next(), ROOM_INFO);
    await next();
    deliver(`<presence from='${ROOM}/Bob'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/></x></presence>`);
    deliver(self('Me'));
    expect(await joining).toMatchObject({ ok: true, value: { status: 'joined', name: 'Team', role: 'participant' } });
    // The catch-up asks the room's archive for its newest page.
    const query = await next();
    expect(query.attrs.to).toBe(ROOM);
    await answer(query, `<fin xmlns='urn:xmpp:mam:2' complete='true'><set xmlns='http://jabber.org/protocol/rsm'/></fin>`);
    await expect.poll(() => occupants.at(-1)?.occupants.map((occupant) => [occupant.nick, occupant.role, occupant.self])).toEqual([['Bob', 'moderator', false], ['Me', 'participant', true]]);

    deliver(`<message type='groupchat' from='${ROOM}/Bob' id='b1'><body>Hi</body><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='s1'/><stanza-id xmlns='urn:xmpp:sid:0' by='evil@example.test' id='forged'/></message>`);
    expect(messages.at(-1)).toMatchObject({ id: 'b1', conversation: ROOM, direction: 'in', from: `${ROOM}/Bob`, body: 'Hi', stanzaId: 's1', stanzaIdBy: ROOM });
    deliver(`<message type='groupchat' from='${ROOM}'><subject>Plans</subject></message>`);
    expect(muc.snapshot!().rooms?.[0]?.subject).toBe('Plans');

    // Kicked: out, with the reason.
    deliver(self('Me', '<status code=\'307\'/>', " type='unavailable'").replace("<item affiliation='member' role='participant'/>", "<item affiliation='member' role='none'><reason>Spam</reason></item>"));
    expect(muc.snapshot!().rooms?.[0]).toMatchObject({ status: 'left', error: { condition: 'kicked', message: expect.stringContaining('Spam') } });
  });

  it('self-pings joined rooms and joins again, silently, a room that dropped us', async () => {
    const { muc, next, answer, fail, deliver } = setup();
    const joining = muc.commands!.joinRoom!({ account: OWN, room: ROOM, nick: 'Me', bookmark: false });
    await answer(await next(), ROOM_INFO);
    await next();
    deliver(self('Me'));
    await joining;
    await answer(await next(), `<fin xmlns='urn:xmpp:mam:2' complete='true'/>`);

    const pinging = muc.selfPing();
    const ping = await next();
    expect(ping.attrs.to).toBe(`${ROOM}/Me`);
    expect(ping.getChild('ping', 'urn:xmpp:ping')).toBeDefined();
    await fail(ping, 'not-acceptable');
    // Joined again: disco#info, then presence to the same nickname.
    await answer(await next(), ROOM_INFO);
    expect((await next()).attrs.to).toBe(`${ROOM}/Me`);
    deliver(self('Me'));
    await pinging;
    expect(muc.snapshot!().rooms?.[0]?.status).toBe('joined');
  });
});
