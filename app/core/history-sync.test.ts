import { describe, expect, it } from 'vitest';
import { parseCarbon } from './parsers/forwarded.ts';
import { parseStanzaXml } from './parsers/parse-xml.ts';
import { toChatMessage } from './history-sync.ts';

const own = 'alice@example.test';
const carbon = (inner: string) =>
  parseCarbon(parseStanzaXml(`<message from='${own}'><sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>${inner}</forwarded></sent></message>`), own);

describe('toChatMessage', () => {
  it('files our own message under the conversation with its recipient, preferring the origin-id', () => {
    const forwarded = carbon(`<message xmlns='jabber:client' from='alice@example.test/phone' to='Bob@example.test/x' type='chat' id='i1'><body>hi</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>`);
    expect(forwarded && toChatMessage(forwarded, own, 5)).toEqual({
      id: 'o1', conversation: 'bob@example.test', direction: 'out', from: 'alice@example.test/phone', to: 'Bob@example.test/x', body: 'hi', timestamp: 5,
    });
  });

  it('skips messages without a body, without an id, or to ourselves', () => {
    const noBody = carbon(`<message xmlns='jabber:client' from='alice@example.test/phone' to='bob@example.test' type='chat' id='i1'/>`);
    const noId = carbon(`<message xmlns='jabber:client' from='alice@example.test/phone' to='bob@example.test' type='chat'><body>x</body></message>`);
    const toSelf = carbon(`<message xmlns='jabber:client' from='alice@example.test/phone' to='alice@example.test' type='chat' id='i2'><body>x</body></message>`);
    for (const forwarded of [noBody, noId, toSelf]) expect(forwarded && toChatMessage(forwarded, own, 0)).toBeNull();
  });
});
