/**
 * Replies (XEP-0461) with their fallback body (XEP-0428), and reactions (XEP-0444): parsed from a
 * `<message/>` into plain data, and the elements we send for them. Fallback ranges count Unicode code
 * points (XEP-0426), not UTF-16 units.
 */
import { xml, type Element } from '@xmpp/xml';
import type { Jid, ReplyReference } from '../../shared/contract.ts';
import { formatFull, parseJid } from '../../shared/jid.ts';
import { NS } from './namespaces.ts';

/** Ids the sender chooses: as long as the ids of corrections and receipts may be (message.ts). */
export const MAX_REFERENCE_ID_LENGTH = 256;
/** One `<reactions>` holds at most this many emoji; more are dropped (a person does not react with 50). */
export const MAX_REACTIONS_PER_MESSAGE = 20;
/** An emoji with modifiers and joiners (a family, a flag) fits; a sentence does not. */
export const MAX_REACTION_LENGTH = 32;
/** What a reply quotes of the original: enough to recognise it. */
export const MAX_QUOTE_LENGTH = 300;

export interface ParsedReactions {
  /** The message reacted to: its id (one-to-one) or the room's stanza-id (group chat). */
  readonly id: string;
  /** The sender's whole set now (empty: they took every reaction back), duplicates removed, in their order. */
  readonly emojis: readonly string[];
}

const idAttr = (value: string | undefined): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_REFERENCE_ID_LENGTH ? value : null;

/** A reaction worth keeping: one short, non-blank piece of text (shown as text, never as markup). */
export function cleanReaction(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_REACTION_LENGTH) return null;
  // No line breaks or control characters: a reaction is one symbol in one line.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/u.test(trimmed)) return null;
  return trimmed;
}

/** The reactions of a message, distinct and cleaned; duplicates and junk dropped. */
export function cleanReactions(values: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const emoji = cleanReaction(value);
    if (emoji !== null && !seen.has(emoji) && seen.size < MAX_REACTIONS_PER_MESSAGE) seen.add(emoji);
  }
  return [...seen];
}

/** XEP-0444 `<reactions id>`, or null when the message carries none (or names no message). */
export function parseReactions(message: Element): ParsedReactions | null {
  const element = message.getChild('reactions', NS.reactions);
  if (element === undefined) return null;
  const id = idAttr(element.attrs.id);
  if (id === null) return null;
  return { id, emojis: cleanReactions(element.getChildren('reaction').map((reaction) => reaction.text())) };
}

/** A range of the body, in code points: [start, end). */
export interface BodyRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The parts of the body that are fallback for `forNs` (XEP-0428): a `<fallback for>` with `<body start
 * end/>` ranges, or without any range the whole body. Ranges that make no sense are ignored.
 */
export function fallbackRanges(message: Element, forNs: string, bodyLength: number): BodyRange[] {
  const ranges: BodyRange[] = [];
  for (const fallback of message.getChildren('fallback', NS.fallback)) {
    if (fallback.attrs.for !== forNs) continue;
    const bodies = fallback.getChildren('body');
    if (bodies.length === 0) {
      ranges.push({ start: 0, end: bodyLength });
      continue;
    }
    for (const body of bodies) {
      const start = Number(body.attrs.start ?? 0);
      const end = Number(body.attrs.end ?? bodyLength);
      if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= bodyLength) ranges.push({ start, end });
    }
  }
  return ranges;
}

/** The body without the ranges (code points), and the text that was in them. */
export function cutRanges(body: string, ranges: readonly BodyRange[]): { readonly kept: string; readonly cut: string } {
  if (ranges.length === 0) return { kept: body, cut: '' };
  const points = Array.from(body);
  const inRange = (index: number): boolean => ranges.some((range) => index >= range.start && index < range.end);
  let kept = '';
  let cut = '';
  points.forEach((point, index) => {
    if (inRange(index)) cut += point;
    else kept += point;
  });
  return { kept, cut };
}

/** The text a `> ` quote holds: quote marks taken off each line, a trailing blank line dropped. */
export function unquote(fallback: string): string {
  const lines = fallback.replace(/\n+$/u, '').split('\n');
  return lines.map((line) => line.replace(/^> ?/u, '')).join('\n').trim();
}

/** The fallback body of a reply for clients without XEP-0461: the original quoted, line by line. */
export function quoteFallback(quoted: string): string {
  const text = Array.from(quoted.trim()).slice(0, MAX_QUOTE_LENGTH).join('');
  return `${text.split('\n').map((line) => `> ${line}`).join('\n')}\n`;
}

/**
 * XEP-0461 `<reply to id/>` with its quoted fallback. The body returned is what the user sees (the
 * fallback cut off); a reply whose whole body is fallback is a reply with no text of its own.
 */
export function parseReply(message: Element, body: string | null): { readonly replyTo: ReplyReference; readonly body: string | null } | null {
  const element = message.getChild('reply', NS.reply);
  if (element === undefined) return null;
  const id = idAttr(element.attrs.id);
  if (id === null) return null;
  const to = element.attrs.to === undefined ? null : parseJid(element.attrs.to);
  const author: Jid | undefined = to !== null && to.ok ? formatFull(to.jid) : undefined;
  if (body === null) return { replyTo: { id, ...(author !== undefined ? { to: author } : {}) }, body };
  const { kept, cut } = cutRanges(body, fallbackRanges(message, NS.reply, Array.from(body).length));
  const quoted = cut === '' ? '' : unquote(cut);
  return {
    replyTo: { id, ...(author !== undefined ? { to: author } : {}), ...(quoted !== '' ? { quotedBody: quoted } : {}) },
    body: kept.replace(/^\n+/u, ''),
  };
}

/** What goes out for a reply: the body with the quote before it, and the reply and fallback elements. */
export function replyElements(replyTo: ReplyReference, text: string): { readonly body: string; readonly children: readonly Element[] } {
  const quote = replyTo.quotedBody === undefined || replyTo.quotedBody.trim() === '' ? '' : quoteFallback(replyTo.quotedBody);
  const children: Element[] = [xml('reply', { xmlns: NS.reply, id: replyTo.id, ...(replyTo.to !== undefined ? { to: replyTo.to } : {}) })];
  if (quote !== '') {
    children.push(xml('fallback', { xmlns: NS.fallback, for: NS.reply }, xml('body', { start: '0', end: String(Array.from(quote).length) })));
  }
  return { body: `${quote}${text}`, children };
}

/** XEP-0444: our whole set of reactions to the message `id` (empty: we take ours back). */
export function reactionsElement(id: string, emojis: readonly string[]): Element {
  return xml('reactions', { xmlns: NS.reactions, id }, ...emojis.map((emoji) => xml('reaction', {}, emoji)));
}
