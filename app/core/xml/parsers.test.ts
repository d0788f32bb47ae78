import { describe, expect, it } from 'vitest';
import { parseMessage } from './message.ts';
import { parseStanzaXml } from './parse-xml.ts';
import { parsePresence } from './presence.ts';
import { parseRosterQuery } from './roster.ts';
import { parseStanzaError, parseStreamError } from './stanza-error.ts';

describe('parseRosterQuery', () => {
  it('reads items with names, groups, subscription and pending state, and skips invalid JIDs', () => {
    const iq = parseStanzaXml(`<iq type='result' id='r1'><query xmlns='jabber:iq:roster' ver='v7'>
      <item jid='Bob@Example.test' name=' Bob ' subscription='both'><group>Sales</group><group>Sales</group><group> </group></item>
      <item jid='carol@example.test' subscription='none' ask='subscribe'/>
      <item jid='not a jid@@' name='Broken'/>
      <item jid='dave@example.test' subscription='bogus'/>
    </query></iq>`);
    const parsed = parseRosterQuery(iq);
    expect(parsed?.version).toBe('v7');
    expect(parsed?.items).toEqual([
      { jid: 'bob@example.test', name: 'Bob', groups: ['Sales'], subscription: 'both', pendingOut: false },
      { jid: 'carol@example.test', name: '', groups: [], subscription: 'none', pendingOut: true },
      { jid: 'dave@example.test', name: '', groups: [], subscription: 'none', pendingOut: false },
    ]);
  });

  it('returns null without a roster query', () => {
    expect(parseRosterQuery(parseStanzaXml(`<iq type='result' id='x'/>`))).toBeNull();
  });
});

describe('parsePresence', () => {
  it('reads show, status, priority and the resource', () => {
    const presence = parsePresence(
      parseStanzaXml(`<presence from='bob@example.test/phone'><show>dnd</show><status xml:lang='de'>Besprechung</status><status>In a meeting</status><priority>200</priority></presence>`),
    );
    expect(presence).toEqual({
      type: 'available', from: 'bob@example.test/phone', bareFrom: 'bob@example.test', resource: 'phone',
      show: 'dnd', status: 'In a meeting', priority: 127, nickname: '',
    });
  });

  it('reads a subscription request with its nickname (XEP-0172) and text', () => {
    const presence = parsePresence(
      parseStanzaXml(`<presence from='dave@example.test' type='subscribe'><nick xmlns='http://jabber.org/protocol/nick'> Dave D. </nick><status>Hi, it is Dave from Sales</status></presence>`),
    );
    expect(presence).toMatchObject({ type: 'subscribe', bareFrom: 'dave@example.test', resource: '', nickname: 'Dave D.', status: 'Hi, it is Dave from Sales' });
  });

  it('folds chat into online and treats an unknown show as online', () => {
    expect(parsePresence(parseStanzaXml(`<presence from='a@b.c/r'><show>chat</show></presence>`))?.show).toBe('online');
    expect(parsePresence(parseStanzaXml(`<presence from='a@b.c/r'><show>sleeping</show></presence>`))?.show).toBe('online');
  });

  it('reads unavailable as offline and rejects unknown types and missing senders', () => {
    expect(parsePresence(parseStanzaXml(`<presence from='a@b.c/r' type='unavailable'/>`))?.show).toBe('offline');
    expect(parsePresence(parseStanzaXml(`<presence from='a@b.c/r' type='weird'/>`))).toBeNull();
    expect(parsePresence(parseStanzaXml(`<presence/>`))).toBeNull();
  });
});

describe('parseMessage', () => {
  it('reads a chat message with its ids', () => {
    const message = parseMessage(
      parseStanzaXml(`<message type='chat' id='m1' from='Bob@example.test/phone' to='alice@example.test'><body>Hi &lt;b&gt;</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>`),
    );
    expect(message).toMatchObject({ type: 'chat', id: 'm1', originId: 'o1', from: 'bob@example.test/phone', bareFrom: 'bob@example.test', body: 'Hi <b>' });
  });

  it('defaults the type to normal and has a null body when there is none', () => {
    const message = parseMessage(parseStanzaXml(`<message from='bob@example.test'><active xmlns='http://jabber.org/protocol/chatstates'/></message>`));
    expect(message).toMatchObject({ type: 'normal', body: null, id: null });
  });

  it('rejects a message without a valid sender', () => {
    expect(parseMessage(parseStanzaXml(`<message><body>x</body></message>`))).toBeNull();
  });
});

describe('errors', () => {
  it('reads a stanza error condition and text', () => {
    const stanza = parseStanzaXml(`<message type='error' from='x@y.z'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Nope</text></error></message>`);
    expect(parseStanzaError(stanza)).toEqual({ type: 'cancel', condition: 'service-unavailable', text: 'Nope' });
  });

  it('reads a stream error condition', () => {
    const element = parseStanzaXml(`<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>`);
    expect(parseStreamError(element).condition).toBe('host-unknown');
  });
});
