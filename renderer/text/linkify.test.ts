import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from './linkify.ts';

describe('linkify', () => {
  it('leaves plain text alone', () => {
    expect(linkify('just words')).toEqual([{ kind: 'text', text: 'just words' }]);
    expect(linkify('')).toEqual([]);
  });

  it('turns http and https URLs into links between text', () => {
    expect(linkify('see https://example.com/a?b=1#c and http://example.org')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://example.org', href: 'http://example.org/' },
    ]);
  });

  it('never links javascript:, data: or other schemes', () => {
    for (const text of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://example.com']) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
    expect(linkify('javascript:alert("https://example.com")').filter((s) => s.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://example.com', href: 'https://example.com/' },
    ]);
    expect(safeHref('javascript:alert(1)')).toBeNull();
  });

  it('links valid xmpp: links (opened in the app, with a confirmation) and leaves invalid ones as text', () => {
    expect(linkify('join xmpp:room@muc.example.com?join, or write to xmpp:juliet@example.com.')).toEqual([
      { kind: 'text', text: 'join ' },
      { kind: 'link', text: 'xmpp:room@muc.example.com?join', href: 'xmpp:room@muc.example.com?join' },
      { kind: 'text', text: ', or write to ' },
      { kind: 'link', text: 'xmpp:juliet@example.com', href: 'xmpp:juliet@example.com' },
      { kind: 'text', text: '.' },
    ]);
    expect(linkify('xmpp:@broken and axmpp:juliet@example.com')).toEqual([{ kind: 'text', text: 'xmpp:@broken and axmpp:juliet@example.com' }]);
    expect(safeHref('XMPP:juliet@example.com?message;body=hi')).toBe('XMPP:juliet@example.com?message;body=hi');
    expect(linkify('urn:xmpp:ping and https://x.example/xmpp:juliet@example.com').filter((s) => s.kind === 'link').map((s) => s.text)).toEqual(['https://x.example/xmpp:juliet@example.com']);
  });

  it('does not start a link inside a word', () => {
    expect(linkify('xhttps://example.com')).toEqual([{ kind: 'text', text: 'xhttps://example.com' }]);
  });

  it('leaves sentence punctuation and unmatched brackets outside the link', () => {
    expect(linkify('Go to https://example.com.')).toEqual([
      { kind: 'text', text: 'Go to ' },
      { kind: 'link', text: 'https://example.com', href: 'https://example.com/' },
      { kind: 'text', text: '.' },
    ]);
    expect(linkify('(https://example.com/x)')[1]).toEqual({ kind: 'link', text: 'https://example.com/x', href: 'https://example.com/x' });
    expect(linkify('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({ kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
  });

  it('stops at angle brackets and quotes, which cannot smuggle markup', () => {
    expect(linkify('<https://example.com/"onmouseover=x>')).toEqual([
      { kind: 'text', text: '<' },
      { kind: 'link', text: 'https://example.com/', href: 'https://example.com/' },
      { kind: 'text', text: '"onmouseover=x>' },
    ]);
  });

  it('keeps text that only looks like a URL as text', () => {
    expect(linkify('http:// nothing')).toEqual([{ kind: 'text', text: 'http:// nothing' }]);
  });

  it('keeps every character of the input, in order', () => {
    const text = 'a https://x.org/1, b (http://y.org) c\nhttps://z.org/p?q.';
    expect(linkify(text).map((s) => s.text).join('')).toBe(text);
  });
});

describe('links of issue 12: mailto and homographs', () => {
  it('links mailto: addresses, and only well-formed ones', () => {
    expect(linkify('write to mailto:alice@example.com today')).toEqual([
      { kind: 'text', text: 'write to ' }, { kind: 'link', text: 'mailto:alice@example.com', href: 'mailto:alice@example.com' }, { kind: 'text', text: ' today' },
    ]);
    expect(linkify('mailto:nobody')).toEqual([{ kind: 'text', text: 'mailto:nobody' }]);
  });

  it('shows a non-ASCII host in punycode, the address that opens', () => {
    expect(linkify('see https://аpple.com/login')).toEqual([
      { kind: 'text', text: 'see ' }, { kind: 'link', text: 'https://xn--pple-43d.com/login', href: 'https://xn--pple-43d.com/login' },
    ]);
    expect(linkify('https://example.com/päth')[0]).toMatchObject({ text: 'https://example.com/päth' });
  });
});
