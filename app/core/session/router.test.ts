/**
 * Which claim gets a stanza, who else sees it, and what is dropped: the router on scripted stanzas, then
 * wired to the real archive and chat features as the session wires them.
 */
import { xml, type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/contract.ts';
import { createHistorySync } from '../features/archive/history-sync.ts';
import { createMessaging } from '../features/chat/messages.ts';
import { IqRouter } from './iq.ts';
import { NS } from '../xml/namespaces.ts';
import { parseStanzaXml } from '../xml/parse-xml.ts';
import { senderAllowed, StanzaRouter, type SenderRule, type StanzaClaim, type StanzaObserver } from './router.ts';

const OWN = 'alice@example.test';
const NS_MAM = 'urn:xmpp:mam:2';
const NS_CARBONS = 'urn:xmpp:carbons:2';
const NS_EVENT = 'http://jabber.org/protocol/pubsub#event';

function setup(blocked: readonly string[] = []) {
  const seen: string[] = [];
  const iqs: Element[] = [];
  const errors: unknown[] = [];
  const router = new StanzaRouter({ ownBareJid: OWN, iq: (stanza) => void iqs.push(stanza), isBlocked: (from) => blocked.includes(from), onError: (error) => void errors.push(error) });
  /** A claim that records its name and takes the stanza (or declines it). */
  const claim = (name: string, shape: Omit<StanzaClaim, 'handle' | 'from'> & { from?: SenderRule }, takes: boolean | (() => boolean) = true): StanzaClaim => ({
    from: 'anyone',
    ...shape,
    handle: () => {
      seen.push(name);
      return typeof takes === 'function' ? takes() : takes;
    },
  });
  const observer = (name: string, shape: Omit<StanzaObserver, 'observe' | 'from'> & { from?: SenderRule }, observe: () => void = () => {}): StanzaObserver => ({
    from: 'anyone',
    ...shape,
    observe: () => {
      seen.push(name);
      observe();
    },
  });
  return { router, seen, iqs, errors, claim, observer };
}

const chat = (from: string, extra = ''): Element => parseStanzaXml(`<message type='chat' from='${from}'><body>hi</body>${extra}</message>`);
const mamResult = (from: string | null): Element =>
  parseStanzaXml(`<message${from === null ? '' : ` from='${from}'`}><result xmlns='${NS_MAM}' queryid='q' id='a1'/></message>`);
const pepEvent = (node: string): Element =>
  parseStanzaXml(`<message from='bob@example.test' type='headline'><event xmlns='${NS_EVENT}'><items node='${node}'/></event></message>`);

describe('the most specific claim gets the stanza', () => {
  it('prefers a child with a node over a child, and a child over kind-only, whatever the order registered', () => {
    const { router, seen, claim } = setup();
    router.add({ claims: [claim('chat', { kind: 'message' })] });
    router.add({ claims: [claim('any-event', { kind: 'message', child: { name: 'event', ns: NS_EVENT } })] });
    router.add({ claims: [claim('avatar', { kind: 'message', child: { name: 'event', ns: NS_EVENT, node: 'urn:xmpp:avatar:metadata' } })] });
    expect(router.route(pepEvent('urn:xmpp:avatar:metadata'))).toBe('claimed');
    expect(router.route(pepEvent('urn:xmpp:bookmarks:1'))).toBe('claimed');
    expect(router.route(chat('bob@example.test/pc'))).toBe('claimed');
    expect(seen).toEqual(['avatar', 'any-event', 'chat']);
  });

  it('matches the child by namespace as well as by name', () => {
    const { router, seen, claim } = setup();
    router.add({ claims: [claim('chat', { kind: 'message' }), claim('mam', { kind: 'message', child: { name: 'result', ns: NS_MAM } })] });
    router.route(parseStanzaXml(`<message from='bob@example.test/pc'><result xmlns='urn:example:other'/></message>`));
    expect(seen).toEqual(['chat']);
  });

  it('matches types, a message without one being normal; a claim with types beats one without', () => {
    const { router, seen, claim } = setup();
    router.add({ claims: [claim('any', { kind: 'message' }), claim('normal-or-chat', { kind: 'message', types: ['normal', 'chat'] })] });
    router.route(parseStanzaXml(`<message from='bob@example.test/pc'><body>x</body></message>`));
    router.route(parseStanzaXml(`<message type='headline' from='bob@example.test/pc'/>`));
    expect(seen).toEqual(['normal-or-chat', 'any']);
  });

  it('gives equally specific claims the stanza in the order registered', () => {
    const { router, seen, claim } = setup();
    router.add({ claims: [claim('first', { kind: 'message' }, false), claim('second', { kind: 'message' })] });
    router.route(chat('bob@example.test/pc'));
    expect(seen).toEqual(['first', 'second']);
  });

  it('hands a declined stanza to the next most specific claim, and reports one nobody takes', () => {
    const { router, seen, claim } = setup();
    router.add({ claims: [claim('chat', { kind: 'message' }, false), claim('avatar', { kind: 'message', child: { name: 'event', ns: NS_EVENT, node: 'urn:xmpp:avatar:metadata' } }, false)] });
    expect(router.route(pepEvent('urn:xmpp:avatar:metadata'))).toBe('unclaimed');
    expect(seen).toEqual(['avatar', 'chat']);
  });

  it('never hands a presence to a message claim', () => {
    const { router, seen, claim } = setup();
    router.add({ claims: [claim('chat', { kind: 'message' })] });
    expect(router.route(parseStanzaXml(`<presence from='bob@example.test/pc'/>`))).toBe('unclaimed');
    expect(seen).toEqual([]);
  });
});

describe('sender rules', () => {
  const cases: [string, Record<SenderRule, boolean>][] = [
    ['', { anyone: true, 'own-server': true, 'own-bare-jid': false, 'own-account': true }],
    [OWN, { anyone: true, 'own-server': true, 'own-bare-jid': true, 'own-account': true }],
    ['Alice@Example.TEST', { anyone: true, 'own-server': true, 'own-bare-jid': true, 'own-account': true }],
    [`${OWN}/phone`, { anyone: true, 'own-server': false, 'own-bare-jid': false, 'own-account': true }],
    ['example.test', { anyone: true, 'own-server': false, 'own-bare-jid': false, 'own-account': false }],
    ['mallory@evil.test', { anyone: true, 'own-server': false, 'own-bare-jid': false, 'own-account': false }],
    ['alice@evil.test/x', { anyone: true, 'own-server': false, 'own-bare-jid': false, 'own-account': false }],
    ['not a jid@', { anyone: true, 'own-server': false, 'own-bare-jid': false, 'own-account': false }],
  ];
  for (const [from, expected] of cases) {
    it(`from '${from}'`, () => {
      for (const rule of Object.keys(expected) as SenderRule[]) expect([rule, senderAllowed(rule, from, OWN)]).toEqual([rule, expected[rule]]);
    });
  }

  it('drops a stanza whose shape is claimed but whose sender is not allowed: no less specific claim sees it', () => {
    const { router, seen, claim, observer } = setup();
    router.add({
      claims: [claim('chat', { kind: 'message' }), claim('mam', { kind: 'message', child: { name: 'result', ns: NS_MAM }, from: 'own-server' })],
      observers: [observer('watcher', { kind: 'message' })],
    });
    expect(router.route(mamResult('mallory@evil.test'))).toBe('forged');
    expect(router.route(mamResult(`${OWN}/phone`))).toBe('forged');
    expect(seen).toEqual([]);
    expect(router.route(mamResult(null))).toBe('claimed');
    expect(router.route(mamResult(OWN))).toBe('claimed');
    expect(seen).toEqual(['mam', 'watcher', 'mam', 'watcher']);
  });

  it('shows an observer only the senders its rule allows', () => {
    const { router, seen, observer } = setup();
    router.add({ observers: [observer('mine', { kind: 'presence', from: 'own-account' }), observer('all', { kind: 'presence' })] });
    router.route(parseStanzaXml(`<presence from='${OWN}/phone'/>`));
    router.route(parseStanzaXml(`<presence from='bob@example.test/pc'/>`));
    expect(seen).toEqual(['mine', 'all', 'all']);
  });
});

describe('observers', () => {
  it('all see a presence, in the order registered, after the claim that took it', () => {
    const { router, seen, claim, observer } = setup();
    router.add({ observers: [observer('presence', { kind: 'presence' })] });
    router.add({ observers: [observer('avatars', { kind: 'presence' }), observer('unavailable-only', { kind: 'presence', types: ['unavailable'] })] });
    router.add({ claims: [claim('muc', { kind: 'presence', child: { name: 'x', ns: 'http://jabber.org/protocol/muc#user' } })], observers: [observer('caps', { kind: 'presence' })] });
    router.route(parseStanzaXml(`<presence from='bob@example.test/pc'/>`));
    expect(seen).toEqual(['presence', 'avatars', 'caps']);
    seen.length = 0;
    router.route(parseStanzaXml(`<presence type='unavailable' from='room@muc.example.test/bob'><x xmlns='http://jabber.org/protocol/muc#user'/></presence>`));
    expect(seen).toEqual(['muc', 'presence', 'avatars', 'unavailable-only', 'caps']);
  });

  it('keep seeing a stanza when one of them throws, and the router goes on', () => {
    const { router, seen, errors, observer } = setup();
    router.add({ observers: [observer('first', { kind: 'presence' }, () => { throw new Error('broken'); }), observer('second', { kind: 'presence' })] });
    expect(router.route(parseStanzaXml(`<presence from='bob@example.test/pc'/>`))).toBe('unclaimed');
    expect(router.route(parseStanzaXml(`<presence from='carol@example.test/pc'/>`))).toBe('unclaimed');
    expect(seen).toEqual(['first', 'second', 'first', 'second']);
    expect(errors).toHaveLength(2);
  });

  it('do not see a stanza its claim failed on; the next stanza is routed as usual', () => {
    const { router, seen, errors, claim, observer } = setup();
    let fail = true;
    router.add({
      claims: [claim('chat', { kind: 'message' }, () => {
        if (fail) throw new Error('store full');
        return true;
      })],
      observers: [observer('position', { kind: 'message' })],
    });
    expect(router.route(chat('bob@example.test/pc'))).toBe('failed');
    expect(seen).toEqual(['chat']);
    fail = false;
    expect(router.route(chat('bob@example.test/pc'))).toBe('claimed');
    expect(seen).toEqual(['chat', 'chat', 'position']);
    expect(errors).toHaveLength(1);
  });
});

describe('before any claim', () => {
  it('drops messages and presence from a blocked sender, but hands its IQs to the IQ router', () => {
    const { router, seen, iqs, claim, observer } = setup(['mallory@evil.test/x']);
    router.add({ claims: [claim('chat', { kind: 'message' })], observers: [observer('presence', { kind: 'presence' })] });
    expect(router.route(chat('mallory@evil.test/x'))).toBe('blocked');
    expect(router.route(parseStanzaXml(`<presence from='mallory@evil.test/x'/>`))).toBe('blocked');
    expect(router.route(parseStanzaXml(`<iq type='get' id='1' from='mallory@evil.test/x'><ping xmlns='urn:xmpp:ping'/></iq>`))).toBe('iq');
    expect(seen).toEqual([]);
    expect(iqs.map((iq) => iq.attrs.id)).toEqual(['1']);
  });
});

describe('wired to the archive and chat features', () => {
  function wired() {
    const received: ChatMessage[] = [];
    const saved: string[] = [];
    // Our server with an empty archive: every request answered, a catch-up finds nothing.
    const iq: IqRouter = new IqRouter(async (request) => {
      queueMicrotask(() => void iq.receive(xml('iq', { type: 'result', id: request.attrs.id }, xml('fin', { xmlns: NS.mam, complete: 'true' }))));
    }, OWN);
    const messaging = createMessaging({ send: async () => {}, ownJid: () => `${OWN}/desk`, ownBareJid: OWN, received: (message) => void received.push(message), updated: () => {}, mayKnowWeAreOnline: () => false });
    const historySync = createHistorySync({ iq, ownBareJid: OWN, position: { load: () => null, save: (id) => void saved.push(id) }, forwarded: (message, source, timestamp) => messaging.receiveForwarded(message, source, timestamp) });
    const router = new StanzaRouter({ ownBareJid: OWN, iq: () => {}, isBlocked: () => false });
    for (const feature of [historySync, messaging]) router.add(feature);
    return { router, received, saved, historySync };
  }
  const carbon = (from: string): Element =>
    parseStanzaXml(`<message from='${from}' to='${OWN}/desk'><received xmlns='${NS_CARBONS}'><forwarded xmlns='urn:xmpp:forward:0'><message type='chat' from='bob@example.test/pc' to='${OWN}/phone' id='c1'><body>copy</body></message></forwarded></received><body>forged outer body</body></message>`);

  it('takes a carbon from our bare JID as a carbon, and drops one from anyone else instead of showing it as a message', () => {
    const { router, received } = wired();
    expect(router.route(carbon('mallory@evil.test/x'))).toBe('forged');
    expect(router.route(carbon(`${OWN}/phone`))).toBe('forged');
    expect(received).toEqual([]);
    expect(router.route(carbon(OWN))).toBe('claimed');
    expect(received.map((message) => message.body)).toEqual(['copy']);
  });

  it('hands a plain chat message to the conversation and, once caught up, moves the archive position after it', async () => {
    const { router, received, saved, historySync } = wired();
    historySync.newStream();
    await historySync.start(1_000);
    router.route(chat('bob@example.test/pc', `<stanza-id xmlns='urn:xmpp:sid:0' by='${OWN}' id='arch-7'/>`));
    expect(received.map((message) => message.body)).toEqual(['hi']);
    expect(saved).toEqual(['arch-7']);
  });
});
