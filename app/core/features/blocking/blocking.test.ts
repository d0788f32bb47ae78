import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { JabberEventPayloads } from '../../../shared/contract.ts';
import { createBlocking } from './blocking.ts';
import { IqRouter } from '../../session/iq.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';

const OWN = 'me@example.test';

function setup() {
  const sent: Element[] = [];
  const payloads: JabberEventPayloads['onBlocklist'][] = [];
  const blockedContacts: string[] = [];
  const iq = new IqRouter(async (element) => void sent.push(element), OWN);
  const blocking = createBlocking({
    iq,
    ownBareJid: OWN,
    timeoutMs: 1_000,
    // The contract's own event, as the UI will receive it.
    emit: (event, payload) => {
      if (event === 'onBlocklist') payloads.push(payload as JabberEventPayloads['onBlocklist']);
    },
    blockedContact: (jid) => blockedContacts.push(jid),
  });
  const lists = () => payloads.map((payload) => payload.blocked);
  return { iq, blocking, sent, payloads, lists, blockedContacts };
}

/** Answers the next IQ the module sends with this reply (after it is sent). */
async function answerNext(iq: IqRouter, sent: Element[], reply: (id: string) => string): Promise<void> {
  await expect.poll(() => sent.length).toBeGreaterThan(0);
  const request = sent.shift()!;
  await iq.receive(parseStanzaXml(reply(String(request.attrs.id))));
}

describe('blocking', () => {
  it('follows pushes from our own account only, and matches by JID, bare JID and domain', async () => {
    const { iq, blocking, sent, lists } = setup();
    await iq.receive(parseStanzaXml(`<iq type='set' id='1'><block xmlns='urn:xmpp:blocking'><item jid='Spam@Example.org'/><item jid='evil.example'/></block></iq>`));
    expect(lists().at(-1)).toEqual(['spam@example.org', 'evil.example']);
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

  it('answers the contract commands blockContact and unblockContact, emitting onBlocklist as the contract names it', async () => {
    const { iq, blocking, sent, payloads, blockedContacts } = setup();
    const commands = blocking.commands!;
    const fetched = blocking.fetch(1_000);
    await answerNext(iq, sent, (id) => `<iq type='result' id='${id}'><blocklist xmlns='urn:xmpp:blocking'/></iq>`);
    await fetched;
    expect(payloads.at(-1)).toEqual({ account: OWN, blocked: [], supported: true });

    const blocked = commands.blockContact!({ account: OWN, jid: 'Spam@Example.org/phone' });
    await answerNext(iq, sent, (id) => `<iq type='result' id='${id}'/>`);
    expect(await blocked).toEqual({ ok: true, value: null });
    // The JID is checked and made bare by the feature; the other features hear of it.
    expect(payloads.at(-1)).toEqual({ account: OWN, blocked: ['spam@example.org'], supported: true });
    expect(blockedContacts).toEqual(['spam@example.org']);
    expect(blocking.snapshot!()).toEqual({ blocked: ['spam@example.org'], blockingSupported: true });

    expect(await commands.blockContact!({ account: OWN, jid: 'not a jid@' })).toMatchObject({ ok: false, error: { code: 'invalid-jid' } });
    await expect(commands.blockContact!({ account: OWN, jid: 'example.test' })).rejects.toMatchObject({ appError: { code: 'invalid-argument' } });
    expect(sent).toEqual([]);

    const unblocked = commands.unblockContact!({ account: OWN, jid: 'spam@example.org' });
    await answerNext(iq, sent, (id) => `<iq type='result' id='${id}'/>`);
    expect(await unblocked).toEqual({ ok: true, value: null });
    expect(payloads.at(-1)).toEqual({ account: OWN, blocked: [], supported: true });
  });

  it('on sign-out forgets the list and says so once; a list never known says nothing', async () => {
    const { iq, blocking } = setup();
    expect(blocking.signedOut!()).toEqual([]);
    await iq.receive(parseStanzaXml(`<iq type='set' id='1'><block xmlns='urn:xmpp:blocking'><item jid='spam@example.org'/></block></iq>`));
    expect(blocking.signedOut!()).toEqual([{ event: 'onBlocklist', payload: { account: OWN, blocked: [], supported: false } }]);
    expect(blocking.snapshot!()).toEqual({ blocked: [], blockingSupported: false });
    expect(blocking.signedOut!()).toEqual([]);
  });
});
