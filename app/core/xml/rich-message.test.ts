import { describe, expect, it } from 'vitest';
import { parseMessage } from './message.ts';
import { parseStanzaXml } from './parse-xml.ts';
import { cleanReactions, cutRanges, parseReactions, quoteFallback, reactionsElement, replyElements, unquote } from './rich-message.ts';

const message = (inner: string) => {
  const parsed = parseMessage(parseStanzaXml(`<message from='bob@example.test/phone' to='alice@example.test' type='chat' id='m2'>${inner}</message>`));
  if (parsed === null) throw new Error('not a message');
  return parsed;
};

describe('replies (XEP-0461 with the XEP-0428 fallback)', () => {
  it('parses the reply and cuts its quoted fallback from the body shown', () => {
    const body = '> Are you coming?\nYes, at eight.';
    const parsed = message(
      `<body>${body}</body><reply xmlns='urn:xmpp:reply:0' to='alice@example.test/desk' id='m1'/>` +
        `<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='18'/></fallback>`,
    );
    expect(parsed.body).toBe('Yes, at eight.');
    expect(parsed.replyTo).toEqual({ id: 'm1', to: 'alice@example.test/desk', quotedBody: 'Are you coming?' });
  });

  it('counts the fallback range in code points, not UTF-16 units', () => {
    const body = '> 👍🏽 ok\nfine';
    const end = Array.from('> 👍🏽 ok\n').length; // 8 code points, 10 UTF-16 units
    const parsed = message(`<body>${body}</body><reply xmlns='urn:xmpp:reply:0' id='m1'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='${end}'/></fallback>`);
    expect(parsed.body).toBe('fine');
    expect(parsed.replyTo).toEqual({ id: 'm1', quotedBody: '👍🏽 ok' });
  });

  it('keeps the whole body where the fallback is for something else or its range is nonsense', () => {
    const other = message(`<body>> x\ny</body><reply xmlns='urn:xmpp:reply:0' id='m1'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:other:0'><body start='0' end='4'/></fallback>`);
    expect(other.body).toBe('> x\ny');
    expect(other.replyTo).toEqual({ id: 'm1' });
    const nonsense = message(`<body>hello</body><reply xmlns='urn:xmpp:reply:0' id='m1'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='3' end='99'/></fallback>`);
    expect(nonsense.body).toBe('hello');
  });

  it('a message without a reply, or a reply without an id, is no reply', () => {
    expect(message('<body>hi</body>').replyTo).toBeNull();
    expect(message(`<body>hi</body><reply xmlns='urn:xmpp:reply:0' to='alice@example.test'/>`).replyTo).toBeNull();
  });

  it('builds the reply, its fallback range and the body with the quote first', () => {
    const { body, children } = replyElements({ id: 'm1', to: 'bob@example.test', quotedBody: 'line one\nline two' }, 'answer');
    expect(body).toBe('> line one\n> line two\nanswer');
    expect(children.map(String)).toEqual([
      '<reply xmlns="urn:xmpp:reply:0" id="m1" to="bob@example.test"/>',
      `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="${Array.from('> line one\n> line two\n').length}"/></fallback>`,
    ]);
    // What we send parses back to what we meant.
    const parsed = message(`<body>${body}</body>${children.map(String).join('')}`);
    expect(parsed.body).toBe('answer');
    expect(parsed.replyTo).toEqual({ id: 'm1', to: 'bob@example.test', quotedBody: 'line one\nline two' });
  });

  it('quotes and unquotes', () => {
    expect(quoteFallback('a\nb')).toBe('> a\n> b\n');
    expect(unquote('> a\n> b\n')).toBe('a\nb');
    expect(cutRanges('abcdef', [{ start: 1, end: 3 }])).toEqual({ kept: 'adef', cut: 'bc' });
  });
});

describe('reactions (XEP-0444)', () => {
  it('parses the whole set, duplicates and junk dropped', () => {
    const parsed = parseReactions(parseStanzaXml(
      `<message><reactions xmlns='urn:xmpp:reactions:0' id='m1'><reaction>👍</reaction><reaction>👍</reaction><reaction> </reaction><reaction>❤️</reaction></reactions></message>`,
    ));
    expect(parsed).toEqual({ id: 'm1', emojis: ['👍', '❤️'] });
  });

  it('an empty set takes every reaction back; no id is no reaction', () => {
    expect(parseReactions(parseStanzaXml(`<message><reactions xmlns='urn:xmpp:reactions:0' id='m1'/></message>`))).toEqual({ id: 'm1', emojis: [] });
    expect(parseReactions(parseStanzaXml(`<message><reactions xmlns='urn:xmpp:reactions:0'><reaction>👍</reaction></reactions></message>`))).toBeNull();
  });

  it('bounds what one message can carry', () => {
    expect(cleanReactions(Array.from({ length: 50 }, (_, index) => `e${index}`))).toHaveLength(20);
    expect(cleanReactions(['x'.repeat(33), 'a\nb', '🙏'])).toEqual(['🙏']);
  });

  it('builds the set', () => {
    expect(String(reactionsElement('m1', ['👍', '😂']))).toBe('<reactions xmlns="urn:xmpp:reactions:0" id="m1"><reaction>👍</reaction><reaction>😂</reaction></reactions>');
  });
});
