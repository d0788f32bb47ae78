import { describe, expect, it } from 'vitest';
import { parseArchiveResult, parseCarbon, parseDelay, parseStanzaId } from './forwarded.ts';
import { parseStanzaXml } from './parse-xml.ts';

const own = 'alice@example.test';

describe('carbons', () => {
  it('reads a sent carbon from our own bare JID', () => {
    const carbon = parseCarbon(
      parseStanzaXml(`<message from='alice@example.test' to='alice@example.test/desk' type='chat'>
        <sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>
          <message xmlns='jabber:client' from='alice@example.test/phone' to='bob@example.test' type='chat' id='m1'><body>from my phone</body></message>
        </forwarded></sent></message>`),
      own,
    );
    expect(carbon).toMatchObject({ kind: 'sent', message: { body: 'from my phone', bareFrom: own, to: 'bob@example.test', id: 'm1' } });
  });

  it('drops a forged carbon from another JID, or from a full JID of ours', () => {
    for (const from of ['mallory@evil.test', 'alice@example.test/phone']) {
      const forged = parseStanzaXml(`<message from='${from}' to='alice@example.test/desk'>
        <received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>
          <message xmlns='jabber:client' from='bob@example.test/x' to='alice@example.test' type='chat'><body>fake</body></message>
        </forwarded></received></message>`);
      expect(parseCarbon(forged, own)).toBeNull();
    }
  });
});

describe('archive results', () => {
  const result = (from: string) =>
    parseStanzaXml(`<message${from ? ` from='${from}'` : ''} to='alice@example.test/desk'>
      <result xmlns='urn:xmpp:mam:2' queryid='q1' id='arch-7'><forwarded xmlns='urn:xmpp:forward:0'>
        <delay xmlns='urn:xmpp:delay' stamp='2026-11-20T10:00:00Z'/>
        <message xmlns='jabber:client' from='bob@example.test/x' to='alice@example.test' type='chat' id='b1'><body>old news</body></message>
      </forwarded></result></message>`);

  it('reads an archived message with its archive id and original time', () => {
    expect(parseArchiveResult(result('alice@example.test'), own)).toMatchObject({
      archiveId: 'arch-7', queryId: 'q1', sentAt: Date.parse('2026-11-20T10:00:00Z'), message: { body: 'old news', bareFrom: 'bob@example.test' },
    });
    expect(parseArchiveResult(result(''), own)?.archiveId).toBe('arch-7');
  });

  it('drops a result that does not come from our own archive', () => {
    expect(parseArchiveResult(result('bob@example.test'), own)).toBeNull();
  });
});

describe('ids and times', () => {
  it('reads the stanza-id assigned by a given archive only', () => {
    const message = parseStanzaXml(`<message from='bob@example.test/x'><body>x</body>
      <stanza-id xmlns='urn:xmpp:sid:0' by='mallory@evil.test' id='fake'/><stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.test' id='real'/></message>`);
    expect(parseStanzaId(message, own)).toBe('real');
    expect(parseStanzaId(message, 'other@example.test')).toBeNull();
  });

  it('reads a delay stamp and ignores an unreadable one', () => {
    expect(parseDelay(parseStanzaXml(`<message><delay xmlns='urn:xmpp:delay' stamp='2026-01-02T03:04:05.500Z'/></message>`))).toBe(Date.parse('2026-01-02T03:04:05.500Z'));
    expect(parseDelay(parseStanzaXml(`<message><delay xmlns='urn:xmpp:delay' stamp='yesterday'/></message>`))).toBeNull();
  });
});
