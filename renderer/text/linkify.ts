/**
 * Splits plain message text into text and link segments. Only absolute http(s) URLs and valid xmpp:
 * links (RFC 5122; opened in the app after a confirmation) become links; everything else
 * (javascript:, data:, file:, bare domains…) stays text. The result is data:
 * the view renders it as React text nodes and <a> elements, never as HTML.
 */

import { parseXmppUri } from '../../app/shared/xmpp-uri.ts';

export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

const CANDIDATE = /(?:https?:\/\/|xmpp:|mailto:)[^\s<>"]+/giu;
const WORD_CHAR = /[\p{L}\p{N}_+.-]/u;
const TRAILING_PUNCTUATION = /[.,;:!?'*_~]$/u;
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

const count = (text: string, char: string): number => text.split(char).length - 1;

/** Drops punctuation that ends a sentence rather than the URL, and closing brackets without an opener. */
function trimTrailing(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1) ?? '';
    const opener = CLOSERS[last];
    if (TRAILING_PUNCTUATION.test(url)) url = url.slice(0, -1);
    else if (opener !== undefined && count(url, last) > count(url, opener)) url = url.slice(0, -1);
    else return url;
  }
}

/** The link target for `text`, or null when it is not a usable http(s) URL or a valid xmpp: link. */
export function safeHref(text: string): string | null {
  if (/^xmpp:/iu.test(text)) return parseXmppUri(text).ok ? text : null;
  if (/^mailto:/iu.test(text)) return /^mailto:[^\s@/?#]+@[^\s@/?#]+\.[^\s@/?#]+$/iu.test(text) ? text : null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname.length === 0) return null;
  return url.href;
}

/**
 * What a link shows: as typed, except that a web address whose host is not plain ASCII (an internationalized
 * name, which may imitate another: "аpple.com" with a Cyrillic "а") shows its host in punycode, as the URL
 * parser encodes it (`xn--pple-43d.com`), so that the address one sees is the one that opens.
 */
export function displayedLink(text: string, href: string): string {
  if (!/^https?:/iu.test(href)) return text;
  const host = new URL(href).hostname;
  return host.split('.').some((label) => label.startsWith('xn--')) ? href : text;
}

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let plain = '';
  let cursor = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const before = start > 0 ? text[start - 1]! : '';
    if (before !== '' && WORD_CHAR.test(before)) continue; // e.g. "xhttp://…" is not a URL start
    if ((before === ':' || before === '/') && /^xmpp:/iu.test(match[0])) continue; // "urn:xmpp:ping" names a namespace, not an address
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate);
    if (href === null) continue;
    plain += text.slice(cursor, start);
    if (plain !== '') segments.push({ kind: 'text', text: plain });
    plain = '';
    segments.push({ kind: 'link', text: displayedLink(candidate, href), href });
    cursor = start + candidate.length;
  }
  plain += text.slice(cursor);
  if (plain !== '') segments.push({ kind: 'text', text: plain });
  return segments;
}
