/**
 * XEP-0186 on a scripted exchange: no server here offers it (Prosody 0.12 and prosody-modules of
 * Feb 2023 have no such module; ejabberd 23.01 neither), so the server side is played by the test.
 */
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { createInvisibility } from './invisibility.ts';
import { IqRouter } from '../../session/iq.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';

/** A server that answers each IQ as the script says. */
function scriptedServer(answer: (iq: Element) => string) {
  const sent: Element[] = [];
  const changes: Array<[boolean, boolean]> = [];
  const iq: IqRouter = new IqRouter(async (element) => {
    sent.push(element);
    const reply = answer(element).replaceAll('ID', element.attrs.id ?? '');
    queueMicrotask(() => void iq.receive(parseStanzaXml(reply)));
  }, 'alice@example.test');
  const invisibility = createInvisibility({
    iq,
    domain: 'example.test',
    account: 'alice@example.test',
    emit: (event, payload) => {
      if (event === 'onInvisibility' && 'supported' in payload && 'invisible' in payload) changes.push([payload.supported, payload.invisible]);
    },
  });
  return { sent, changes, invisibility };
}

const DISCO_WITH = `<iq type='result' id='ID' from='example.test'><query xmlns='http://jabber.org/protocol/disco#info'><identity category='server' type='im'/><feature var='urn:xmpp:invisible:0'/></query></iq>`;
const DISCO_WITHOUT = `<iq type='result' id='ID' from='example.test'><query xmlns='http://jabber.org/protocol/disco#info'><identity category='server' type='im'/><feature var='urn:xmpp:blocking'/></query></iq>`;
const RESULT = `<iq type='result' id='ID'/>`;

describe('invisibility (XEP-0186)', () => {
  it('asks the server, goes invisible and visible with the commands, and reports each change', async () => {
    const { sent, changes, invisibility } = scriptedServer((iq) => (iq.getChild('query') ? DISCO_WITH : RESULT));
    expect(await invisibility.discover(1000)).toBe(true);
    expect(sent[0]?.attrs).toMatchObject({ type: 'get', to: 'example.test' });
    expect(changes).toEqual([[true, false]]);

    await invisibility.set(true, 1000);
    const command = sent.at(-1);
    expect(command?.attrs.type).toBe('set');
    expect(command?.attrs.to).toBeUndefined();
    expect(command?.getChild('invisible', 'urn:xmpp:invisible:0')).toBeDefined();
    expect(invisibility.invisible()).toBe(true);

    await invisibility.set(false, 1000);
    expect(sent.at(-1)?.getChild('visible', 'urn:xmpp:invisible:0')).toBeDefined();
    expect(changes).toEqual([[true, false], [true, true], [true, false]]);
  });

  it('refuses when the server does not advertise it, and sends no command', async () => {
    const { sent, invisibility } = scriptedServer(() => DISCO_WITHOUT);
    expect(await invisibility.discover(1000)).toBe(false);
    await expect(invisibility.set(true, 1000)).rejects.toMatchObject({ appError: { code: 'invalid-argument' } });
    expect(sent).toHaveLength(1);
  });

  it('a server error keeps the user visible', async () => {
    const { invisibility } = scriptedServer((iq) =>
      iq.getChild('query') ? DISCO_WITH : `<iq type='error' id='ID'><error type='cancel'><not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    await invisibility.discover(1000);
    await expect(invisibility.set(true, 1000)).rejects.toBeDefined();
    expect(invisibility.invisible()).toBe(false);
  });

  it('goes invisible again on a new stream before presence, or visible if the server no longer offers it', async () => {
    let offers = true;
    const { sent, changes, invisibility } = scriptedServer((iq) => (iq.getChild('query') ? (offers ? DISCO_WITH : DISCO_WITHOUT) : RESULT));
    await invisibility.discover(1000);
    await invisibility.set(true, 1000);
    expect(sent.at(-1)?.getChild('invisible', 'urn:xmpp:invisible:0')?.attrs.probe).toBeUndefined();
    await invisibility.restore(1000);
    // Before initial presence: the server is asked to probe our contacts, or we would never see them.
    expect(sent.at(-1)?.getChild('invisible', 'urn:xmpp:invisible:0')?.attrs.probe).toBe('true');
    offers = false;
    await invisibility.restore(1000);
    expect(sent.at(-1)?.getChild('query')).toBeDefined();
    expect(invisibility.invisible()).toBe(false);
    expect(changes.at(-1)).toEqual([false, false]);
  });
});
