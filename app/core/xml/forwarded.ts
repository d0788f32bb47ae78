/**
 * Messages that arrive wrapped: carbons (XEP-0280) and archive results (XEP-0313), with their
 * delayed-delivery time (XEP-0203) and the archive's stanza-id (XEP-0359). Only our own account may
 * wrap messages for us: a carbon or archive result from anyone else is a forgery and is dropped.
 */
import type { Element } from '@xmpp/xml';
import type { Jid } from '../../shared/contract.ts';
import { formatBare, parseJid } from '../../shared/jid.ts';
import { parseMessage, type ParsedMessage } from './message.ts';
import { NS } from './namespaces.ts';

export interface ForwardedMessage {
  readonly message: ParsedMessage;
  /** When the message was originally sent (XEP-0203), or null when the wrapper does not say. */
  readonly sentAt: number | null;
  /** The message element itself, for what `message` does not hold (a room's occupant-id, a moderation). */
  readonly element?: Element;
}

export interface Carbon extends ForwardedMessage {
  /** `sent`: one of our other devices sent it; `received`: it reached another of our devices. */
  readonly kind: 'sent' | 'received';
}

export interface ArchiveResult extends ForwardedMessage {
  /** The archive's id for the message (the stanza-id it assigned). */
  readonly archiveId: string;
  readonly queryId: string;
}

/** XEP-0203 `<delay stamp/>` as milliseconds since the epoch, or null when absent or unreadable. */
export function parseDelay(element: Element): number | null {
  const stamp = element.getChild('delay', NS.delay)?.attrs.stamp;
  if (stamp === undefined) return null;
  const time = Date.parse(stamp);
  return Number.isFinite(time) ? time : null;
}

/** XEP-0359: the stanza-id that `by` (an archive: our account or a MUC) assigned, if that entity assigned one. */
export function parseStanzaId(message: Element, by: Jid): string | null {
  const match = message.getChildren('stanza-id', NS.stanzaId).find((element) => element.attrs.by !== undefined && toBare(element.attrs.by) === by);
  return match?.attrs.id ?? null;
}

function toBare(jid: string): string | null {
  const parsed = parseJid(jid);
  return parsed.ok ? formatBare(parsed.jid) : null;
}

/** True when `from` is exactly our bare JID (no resource), the only sender allowed to wrap messages for us. */
export function isFromOwnAccount(stanza: Element, ownBareJid: Jid): boolean {
  const from = stanza.attrs.from;
  if (from === undefined) return false;
  const parsed = parseJid(from);
  return parsed.ok && parsed.jid.resource === '' && formatBare(parsed.jid) === ownBareJid;
}

function unwrap(forwarded: Element | undefined): ForwardedMessage | null {
  const inner = forwarded?.getChild('message', NS.client) ?? forwarded?.getChild('message');
  if (forwarded === undefined || inner === undefined) return null;
  const message = parseMessage(inner);
  if (message === null) return null;
  return { message, sentAt: parseDelay(forwarded) ?? parseDelay(inner), element: inner };
}

/** A carbon, or null when the stanza is none — or a forged one (not from our own bare JID). */
export function parseCarbon(stanza: Element, ownBareJid: Jid): Carbon | null {
  for (const kind of ['sent', 'received'] as const) {
    const wrapper = stanza.getChild(kind, NS.carbons);
    if (wrapper === undefined) continue;
    if (!isFromOwnAccount(stanza, ownBareJid)) return null;
    const forwarded = unwrap(wrapper.getChild('forwarded', NS.forward));
    return forwarded === null ? null : { kind, ...forwarded };
  }
  return null;
}

/** Whether the stanza is a carbon wrapper at all (forged or not): such stanzas are never plain messages. */
export function isCarbonWrapper(stanza: Element): boolean {
  return stanza.getChild('sent', NS.carbons) !== undefined || stanza.getChild('received', NS.carbons) !== undefined;
}

/** An archive result for one of our queries, or null when it is none — or not from our own archive. */
export function parseArchiveResult(stanza: Element, ownBareJid: Jid): ArchiveResult | null {
  const result = stanza.getChild('result', NS.mam);
  if (result === undefined) return null;
  // Our own archive answers from our bare JID, or without a 'from' (RFC 6120: from the account).
  if (stanza.attrs.from !== undefined && !isFromOwnAccount(stanza, ownBareJid)) return null;
  const archiveId = result.attrs.id;
  const queryId = result.attrs.queryid;
  if (archiveId === undefined || queryId === undefined) return null;
  const forwarded = unwrap(result.getChild('forwarded', NS.forward));
  return forwarded === null ? null : { archiveId, queryId, ...forwarded };
}
