// XEP-0424 0.3 and older (what slixmpp 1.8 sends): a retraction inside a XEP-0422 fastening is understood like 1.x.
import { describe, expect, it } from 'vitest';
import type { Element } from '@xmpp/xml';
import { interpretMessage } from './conversation-events.ts';
import { createMessaging } from './messages.ts';
import { parseMessage } from '../../xml/message.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';

const own = 'alice@example.test';
const fromBob = (inner: string) => {
  const message = parseMessage(parseStanzaXml(`<message from='bob@example.test/phone' to='alice@example.test/desk' type='chat' id='b7'>${inner}</message>`));
  if (message === null) throw new Error('not a message');
  return message;
};

describe('XEP-0424 0.3 retractions (urn:xmpp:message-retract:0 in an apply-to fastening)', () => {
  it('retract the message the fastening names, and their fallback body is no new message', () => {
    const result = interpretMessage(fromBob(
      "<body>This person attempted to retract a previous message, but your client does not support it.</body>"
      + "<fallback xmlns='urn:xmpp:fallback:0'/><apply-to xmlns='urn:xmpp:fasten:0' id='m1'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>"
      + "<store xmlns='urn:xmpp:hints'/>"), own, 'live', 1);
    expect(result.message).toBeNull();
    expect(result.updates).toEqual([{ kind: 'retraction', conversation: 'bob@example.test', sender: 'bob@example.test', target: 'm1' }]);
  });

  it('a fastening that is not a retraction (or has no id) retracts nothing', () => {
    expect(fromBob("<body>hi</body><apply-to xmlns='urn:xmpp:fasten:0' id='m1'><external xmlns='urn:xmpp:fasten:0' name='body'/></apply-to>").retracts).toBeNull();
    expect(fromBob("<apply-to xmlns='urn:xmpp:fasten:0'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>").retracts).toBeNull();
    // 1.x wins when both are there.
    expect(fromBob("<retract xmlns='urn:xmpp:message-retract:1' id='n1'/><apply-to xmlns='urn:xmpp:fasten:0' id='m1'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>").retracts).toBe('n1');
  });
});

describe('our retractions carry the 0.3 form too (for peers that know only that)', () => {
  it('one stanza: 1.x retract, the 0.3 fastening on the same id, the fallback body; read back as one retraction', async () => {
    const sent: Element[] = [];
    const messaging = createMessaging({
      send: async (element) => void sent.push(element), ownJid: () => `${own}/desk`, ownBareJid: own,
      received: () => {}, updated: () => {}, mayKnowWeAreOnline: () => false,
    });
    await messaging.retract('bob@example.test', 'm9');
    const [stanza] = sent;
    expect(stanza?.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs['id']).toBe('m9');
    const fastening = stanza?.getChild('apply-to', 'urn:xmpp:fasten:0');
    expect(fastening?.attrs['id']).toBe('m9');
    expect(fastening?.getChild('retract', 'urn:xmpp:message-retract:0')).toBeDefined();
    expect(stanza?.getChild('fallback', 'urn:xmpp:fallback:0')?.attrs['for']).toBe('urn:xmpp:message-retract:1');
    // As a carbon of our own would come back: one retraction of m9, no new message.
    const reread = parseMessage(parseStanzaXml(stanza!.toString().replace('<message ', "<message from='alice@example.test/desk' ")));
    expect(reread?.retracts).toBe('m9');
  });
});
