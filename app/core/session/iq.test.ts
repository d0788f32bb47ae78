/**
 * Who may answer our requests and who may push to us: the checks themselves, on scripted stanzas
 * (the real Prosody stamps `from` itself, so a forged reply from our own server cannot be sent through it).
 */
import type { Element } from '@xmpp/xml';
import { xml } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { createBlocking } from '../features/blocking/blocking.ts';
import { ContactBook } from '../features/roster/contact-book.ts';
import { IqRouter, isFromOwnAccount } from './iq.ts';
import { parseStanzaXml } from '../xml/parse-xml.ts';
import { createRoster } from '../features/roster/roster.ts';

const OWN = 'alice@example.test';

function router() {
  const sent: Element[] = [];
  const iq = new IqRouter(async (element) => void sent.push(element), OWN);
  return { iq, sent };
}

/** Sends a request to `to` and tries each reply `from` in turn; resolves with the first one accepted. */
async function firstAccepted(to: string | null, froms: (string | undefined)[]): Promise<string | undefined | 'none'> {
  const { iq, sent } = router();
  let accepted: string | undefined | 'none' = 'none';
  const request = iq.request('get', xml('ping', { xmlns: 'urn:xmpp:ping' }), to, 1_000).then((reply) => {
    accepted = reply.attrs.from as string | undefined;
  }, () => {});
  const id = sent[0]?.attrs.id as string;
  for (const from of froms) {
    await iq.receive(xml('iq', { type: 'result', id, ...(from === undefined ? {} : { from }) }));
    await Promise.resolve();
    if (accepted !== 'none') break;
  }
  iq.dispose();
  await request;
  return accepted;
}

describe('replies to our requests', () => {
  it('to our server (no `to`): only without `from` or from our bare JID, never another device of ours, our domain or a stranger', async () => {
    expect(await firstAccepted(null, [`${OWN}/other`, 'example.test', 'mallory@example.test', undefined])).toBeUndefined();
    expect(await firstAccepted(null, [`${OWN}/other`, OWN])).toBe(OWN);
  });

  it('to our bare JID: the same as to our server', async () => {
    expect(await firstAccepted(OWN, [`${OWN}/phone`, 'example.test', OWN])).toBe(OWN);
    expect(await firstAccepted(OWN, [`${OWN}/phone`, undefined])).toBeUndefined();
  });

  it('to our domain: only from the domain', async () => {
    expect(await firstAccepted('example.test', [undefined, OWN, `${OWN}/phone`, 'evil.example', 'example.test'])).toBe('example.test');
  });

  it("to a contact's bare JID: from it or one of its resources; to a full JID: from that JID only", async () => {
    expect(await firstAccepted('bob@example.test', [undefined, OWN, 'bob@example.test/desk'])).toBe('bob@example.test/desk');
    expect(await firstAccepted('bob@example.test/desk', ['bob@example.test', 'bob@example.test/phone', 'bob@example.test/desk'])).toBe('bob@example.test/desk');
  });

  it('says what counts as our own account', () => {
    expect(isFromOwnAccount('', OWN)).toBe(true);
    expect(isFromOwnAccount(OWN, OWN)).toBe(true);
    expect(isFromOwnAccount(`${OWN}/other`, OWN)).toBe(false);
    expect(isFromOwnAccount('example.test', OWN)).toBe(false);
  });
});

describe('pushes', () => {
  const bob = `<item jid='bob@example.test' name='Bob' subscription='both'/>`;

  it('a roster push is applied from our server only; from another device of ours or a stranger it changes nothing and gets service-unavailable', async () => {
    const { iq, sent } = router();
    const book = new ContactBook();
    const contacts: string[] = [];
    createRoster({ iq, book, ownBareJid: OWN, events: { roster: () => {}, contact: (contact) => contacts.push(contact.jid), removed: () => {} } });
    for (const [id, from] of [['1', `${OWN}/other`], ['2', 'mallory@example.test'], ['3', 'example.test']] as const) {
      await iq.receive(parseStanzaXml(`<iq type='set' id='${id}' from='${from}'><query xmlns='jabber:iq:roster'>${bob}</query></iq>`));
      expect(sent.at(-1)?.attrs).toMatchObject({ type: 'error', id, to: from });
      expect(sent.at(-1)?.toString()).toContain('service-unavailable');
    }
    expect(book.has('bob@example.test')).toBe(false);
    expect(contacts).toEqual([]);
    await iq.receive(parseStanzaXml(`<iq type='set' id='4' from='${OWN}'><query xmlns='jabber:iq:roster'>${bob}</query></iq>`));
    await iq.receive(parseStanzaXml(`<iq type='set' id='5'><query xmlns='jabber:iq:roster'><item jid='carol@example.test'/></query></iq>`));
    expect(sent.slice(-2).map((reply) => reply.attrs.type)).toEqual(['result', 'result']);
    expect(contacts).toEqual(['bob@example.test', 'carol@example.test']);
  });

  it('a blocklist push from another device of ours changes nothing and gets service-unavailable', async () => {
    const { iq, sent } = router();
    const blocking = createBlocking({ iq, ownBareJid: OWN, emit: () => {}, timeoutMs: 1_000 });
    await iq.receive(parseStanzaXml(`<iq type='set' id='1' from='${OWN}/other'><block xmlns='urn:xmpp:blocking'><item jid='bob@example.test'/></block></iq>`));
    expect(sent.at(-1)?.attrs).toMatchObject({ type: 'error', id: '1' });
    expect(sent.at(-1)?.toString()).toContain('service-unavailable');
    expect(blocking.list()).toEqual([]);
  });
});
