import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { createBlocking } from './blocking.ts';
import { IqRouter } from '../../session/iq.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';

function setup() {
  const sent: Element[] = [];
  const lists: (readonly string[])[] = [];
  const iq = new IqRouter(async (element) => void sent.push(element), 'me@example.test');
  const blocking = createBlocking({ iq, ownBareJid: 'me@example.test', events: { blocklist: (blocked) => lists.push(blocked) } });
  return { iq, blocking, sent, lists };
}

describe('blocking', () => {
  it('follows pushes from our own account only, and matches by JID, bare JID and domain', async () => {
    const { iq, blocking, sent, lists } = setup();
    await iq.receive(parseStanzaXml(`<iq type='set' id='1'><block xmlns='urn:xmpp:blocking'><item jid='Spam@Example.org'/><item jid='evil.example'/></block></iq>`));
    expect(lists.at(-1)).toEqual(['spam@example.org', 'evil.example']);
    expect(blocking.isBlocked('spam@example.org/phone')).toBe(true);
    expect(blocking.isBlocked('anyone@evil.example/x')).toBe(true);
    expect(blocking.isBlocked('friend@example.org')).toBe(false);

    await iq.receive(parseStanzaXml(`<iq type='set' id='2' from='mallory@example.org'><unblock xmlns='urn:xmpp:blocking'/></iq>`));
    expect(sent.at(-1)?.attrs.type).toBe('error');
    expect(blocking.list()).toHaveLength(2);

    await iq.receive(parseStanzaXml(`<iq type='set' id='3' from='me@example.test'><unblock xmlns='urn:xmpp:blocking'><item jid='evil.example'/></unblock></iq>`));
    expect(blocking.list()).toEqual(['spam@example.org']);
    await iq.receive(parseStanzaXml(`<iq type='set' id='4'><unblock xmlns='urn:xmpp:blocking'/></iq>`));
    expect(blocking.list()).toEqual([]);
  });

  it('refuses to block before the server has said it can', async () => {
    const { blocking } = setup();
    await expect(blocking.block('spam@example.org', 1_000)).rejects.toMatchObject({ appError: { code: 'invalid-argument' } });
  });
});
