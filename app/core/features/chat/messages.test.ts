/** What messaging keeps for displayed markers (XEP-0333), and how much of it. */
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { createMessaging, MAX_MARKABLE_ID_LENGTH, MAX_UNMARKED_CONVERSATIONS } from './messages.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';

const OWN = 'alice@example.test';

function setup() {
  const sent: Element[] = [];
  const messaging = createMessaging({
    send: async (element) => void sent.push(element),
    ownJid: () => `${OWN}/desk`,
    ownBareJid: OWN,
    received: () => {},
    updated: () => {},
    mayKnowWeAreOnline: () => false,
  });
  const markable = (from: string, id: string): void => messaging.receive(parseStanzaXml(
    `<message type='chat' from='${from}/x' to='${OWN}/desk' id='${id}'><body>hi</body><markable xmlns='urn:xmpp:chat-markers:0'/></message>`,
  ));
  /** The id the displayed marker sent for this conversation names, or null when none was sent. */
  const marked = async (conversation: string): Promise<string | null> => {
    const before = sent.length;
    await messaging.markDisplayed(conversation);
    return sent.length === before ? null : (sent.at(-1)?.getChild('displayed')?.attrs.id as string);
  };
  return { markable, marked };
}

describe('displayed markers kept', () => {
  it('keeps one id per conversation, the newest, and marks it once', async () => {
    const { markable, marked } = setup();
    markable('bob@example.test', 'm1');
    markable('bob@example.test', 'm2');
    expect(await marked('bob@example.test')).toBe('m2');
    expect(await marked('bob@example.test')).toBeNull();
  });

  it(`does not keep an id longer than ${MAX_MARKABLE_ID_LENGTH} characters; the one before it stays markable`, async () => {
    const { markable, marked } = setup();
    markable('bob@example.test', 'short');
    markable('bob@example.test', 'x'.repeat(MAX_MARKABLE_ID_LENGTH + 1));
    expect(await marked('bob@example.test')).toBe('short');
    markable('carol@example.test', 'y'.repeat(MAX_MARKABLE_ID_LENGTH));
    expect(await marked('carol@example.test')).toBe('y'.repeat(MAX_MARKABLE_ID_LENGTH));
  });

  it(`keeps ${MAX_UNMARKED_CONVERSATIONS} conversations: past that, the one whose markable message came least recently is forgotten`, async () => {
    const { markable, marked } = setup();
    for (let i = 0; i < MAX_UNMARKED_CONVERSATIONS; i++) markable(`s${i}@evil.example`, `id-${i}`);
    markable('s0@evil.example', 'id-0-again'); // s1 is now the stalest
    markable('bob@example.test', 'from-bob');
    expect(await marked('s1@evil.example')).toBeNull();
    expect(await marked('s0@evil.example')).toBe('id-0-again');
    expect(await marked('s2@evil.example')).toBe('id-2');
    expect(await marked('bob@example.test')).toBe('from-bob');
  });
});
