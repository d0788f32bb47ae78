/** `<message/>` stanzas (RFC 6121 §5) into plain data. */
import type { Element } from '@xmpp/xml';
import type { Jid } from '../../shared/contract.ts';
import { formatBare, formatFull, parseJid } from '../../shared/jid.ts';
import { NS } from './namespaces.ts';

export type MessageType = 'chat' | 'normal' | 'groupchat' | 'headline' | 'error';

export interface ParsedMessage {
  readonly type: MessageType;
  readonly id: string | null;
  readonly originId: string | null;
  readonly from: Jid;
  readonly bareFrom: Jid;
  readonly to: Jid;
  /** null when the message carries no body (chat states, receipts…). */
  readonly body: string | null;
  readonly thread: string | null;
}

const TYPES = new Set<string>(['chat', 'normal', 'groupchat', 'headline', 'error']);
/** Guards memory and layout against absurd payloads; a longer body is cut, never dropped. */
export const MAX_BODY_LENGTH = 100_000;

/** Returns null when the stanza has no valid sender. */
export function parseMessage(message: Element): ParsedMessage | null {
  const from = parseJid(message.attrs.from ?? '');
  if (!from.ok) return null;
  const rawType = message.attrs.type ?? 'normal';
  const body = message.getChildText('body');
  const originId = message.getChild('origin-id', NS.stanzaId)?.attrs.id ?? null;
  return {
    type: TYPES.has(rawType) ? (rawType as MessageType) : 'normal',
    id: message.attrs.id ?? null,
    originId,
    from: formatFull(from.jid),
    bareFrom: formatBare(from.jid),
    to: message.attrs.to ?? '',
    body: body === null ? null : body.slice(0, MAX_BODY_LENGTH),
    thread: message.getChildText('thread'),
  };
}
