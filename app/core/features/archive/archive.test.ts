import { describe, expect, it } from 'vitest';
import { archiveQueryElement, ArchiveCollector } from './archive.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';

describe('archive queries', () => {
  it('builds a MAM query filtered by JID, paged after an id', () => {
    const xmlText = archiveQueryElement('q1', { with: 'bob@example.test', after: 'a9', max: 50 }).toString();
    expect(xmlText).toContain(`<query xmlns="urn:xmpp:mam:2" queryid="q1">`);
    expect(xmlText).toContain(`<field var="with"><value>bob@example.test</value></field>`);
    expect(xmlText).toContain(`<set xmlns="http://jabber.org/protocol/rsm"><max>50</max><after>a9</after></set>`);
  });

  it('asks for the newest page with an empty <before/>', () => {
    expect(archiveQueryElement('q2', { before: true, max: 20 }).toString()).toContain('<before/>');
  });

  it('collects results for its own query only, and swallows forged ones', () => {
    const collector = new ArchiveCollector('alice@example.test');
    const results = collector.start('q1');
    const wrap = (from: string, queryid: string) =>
      parseStanzaXml(`<message from='${from}'><result xmlns='urn:xmpp:mam:2' queryid='${queryid}' id='x1'><forwarded xmlns='urn:xmpp:forward:0'>
        <message xmlns='jabber:client' from='bob@example.test/r' to='alice@example.test' type='chat'><body>hi</body></message></forwarded></result></message>`);
    expect(collector.receive(wrap('alice@example.test', 'q1'))).toBe(true);
    expect(collector.receive(wrap('mallory@evil.test', 'q1'))).toBe(true);
    expect(collector.receive(wrap('alice@example.test', 'other'))).toBe(true);
    expect(results.map((r) => r.archiveId)).toEqual(['x1']);
    expect(collector.receive(parseStanzaXml(`<message from='bob@example.test/r'><body>plain</body></message>`))).toBe(false);
  });
});
