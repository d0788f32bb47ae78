import { describe, expect, it } from 'vitest';
import { interpretMessage } from './conversation-events.ts';
import { createMemoryHistory } from '../../../store/history-adapter.ts';
import { parseMessage } from '../../xml/message.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';

const own = 'alice@example.test';
const parsed = (xml: string) => {
  const message = parseMessage(parseStanzaXml(xml));
  if (message === null) throw new Error('not a message');
  return message;
};
const fromBob = (inner: string, attrs = "id='b1'") => parsed(`<message from='bob@example.test/phone' to='alice@example.test/desk' type='chat' ${attrs}>${inner}</message>`);
const fromMe = (inner: string) => parsed(`<message from='alice@example.test/phone' to='bob@example.test' type='chat' id='a1'>${inner}</message>`);

describe('interpretMessage', () => {
  it('a new incoming message, with the receipt owed and the id to mark displayed', () => {
    const result = interpretMessage(fromBob("<body>hi</body><request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/><origin-id xmlns='urn:xmpp:sid:0' id='o1'/>"), own, 'live', 5);
    expect(result.message).toEqual({ id: 'o1', originId: 'o1', conversation: 'bob@example.test', direction: 'in', from: 'bob@example.test/phone', to: 'alice@example.test/desk', body: 'hi', timestamp: 5 });
    expect(result.receipt).toEqual({ to: 'bob@example.test/phone', id: 'b1' });
    expect(result.markable).toBe('b1');
  });

  it('a message its sender sent again after a lost link (same origin-id, a new archive id) is stored once', () => {
    const history = createMemoryHistory();
    const copy = (stanzaId: string, at: number) => interpretMessage(fromBob("<body>hi</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/>", "id='o1'"), own, 'live', at, stanzaId).message;
    const first = copy('archive-1', 5);
    const again = copy('archive-2', 900);
    if (first === null || again === null) throw new Error('not a message');
    expect(history.add(first)).toBe(true);
    expect(history.add(again)).toBe(false);
    expect(history.conversation('bob@example.test')).toHaveLength(1);
  });

  it('owes no receipt for a copy from a carbon or the archive', () => {
    const message = fromBob("<body>hi</body><request xmlns='urn:xmpp:receipts'/>");
    expect(interpretMessage(message, own, 'carbon', 1).receipt).toBeNull();
    expect(interpretMessage(message, own, 'archive', 1).receipt).toBeNull();
  });

  it('receipts and markers from the peer move our messages forward; a displayed marker covers earlier ones', () => {
    expect(interpretMessage(fromBob("<received xmlns='urn:xmpp:receipts' id='m1'/>"), own, 'live', 1).updates).toEqual([
      { kind: 'state', conversation: 'bob@example.test', id: 'm1', state: 'delivered', upTo: false },
    ]);
    expect(interpretMessage(fromBob("<displayed xmlns='urn:xmpp:chat-markers:0' id='m2'/>"), own, 'live', 1).updates).toEqual([
      { kind: 'state', conversation: 'bob@example.test', id: 'm2', state: 'read', upTo: true },
    ]);
  });

  it('our own displayed marker from another device means the conversation was read there', () => {
    expect(interpretMessage(fromMe("<displayed xmlns='urn:xmpp:chat-markers:0' id='b9'/>"), own, 'carbon', 1).updates).toEqual([
      { kind: 'read-elsewhere', conversation: 'bob@example.test', upTo: 'b9' },
    ]);
  });

  it('a correction updates the message of its own sender only, and is no new message', () => {
    const result = interpretMessage(fromBob("<body>fixed</body><replace xmlns='urn:xmpp:message-correct:0' id='b0'/>"), own, 'live', 1);
    expect(result.message).toBeNull();
    expect(result.updates).toEqual([{ kind: 'correction', conversation: 'bob@example.test', sender: 'bob@example.test', replaces: 'b0', body: 'fixed', id: 'b1' }]);
  });

  it('a retraction names its sender, and its fallback body is not shown as a message', () => {
    const result = interpretMessage(fromBob("<retract xmlns='urn:xmpp:message-retract:1' id='m1'/><body>fallback</body>"), own, 'live', 1);
    expect(result.message).toBeNull();
    expect(result.updates).toEqual([{ kind: 'retraction', conversation: 'bob@example.test', sender: 'bob@example.test', target: 'm1' }]);
  });

  it('typing counts only live; gone reads as inactive', () => {
    expect(interpretMessage(fromBob("<composing xmlns='http://jabber.org/protocol/chatstates'/>"), own, 'live', 1).updates).toEqual([
      { kind: 'chat-state', conversation: 'bob@example.test', state: 'composing' },
    ]);
    expect(interpretMessage(fromBob("<gone xmlns='http://jabber.org/protocol/chatstates'/>"), own, 'live', 1).updates).toEqual([
      { kind: 'chat-state', conversation: 'bob@example.test', state: 'inactive' },
    ]);
    expect(interpretMessage(fromBob("<composing xmlns='http://jabber.org/protocol/chatstates'/>"), own, 'archive', 1).updates).toEqual([]);
  });

  it('our own message from another device is an outgoing message, already sent', () => {
    expect(interpretMessage(fromMe('<body>from my phone</body>'), own, 'carbon', 7).message).toMatchObject({ direction: 'out', conversation: 'bob@example.test', state: 'sent', id: 'a1' });
  });

  it('ignores group chat, messages to ourselves, and copies without any id', () => {
    expect(interpretMessage(parsed("<message from='bob@example.test/x' type='groupchat' id='g'><body>x</body></message>"), own, 'live', 1).message).toBeNull();
    expect(interpretMessage(parsed("<message from='alice@example.test/phone' to='alice@example.test' type='chat' id='s'><body>x</body></message>"), own, 'carbon', 1).message).toBeNull();
    expect(interpretMessage(fromBob('<body>x</body>', ''), own, 'archive', 1).message).toBeNull();
    expect(interpretMessage(fromBob('<body>x</body>', ''), own, 'live', 1).message).not.toBeNull();
  });
});
