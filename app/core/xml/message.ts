/** `<message/>` stanzas (RFC 6121 §5) into plain data. */
import type { Element } from '@xmpp/xml';
import type { ChatState, Jid, MessageFile, ReplyReference } from '../../shared/contract.ts';
import { formatBare, formatFull, parseJid } from '../../shared/jid.ts';
import { NS } from './namespaces.ts';
import { parseMessageFile } from './file.ts';
import { parseReactions, parseReply, type ParsedReactions } from './rich-message.ts';

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
  /** XEP-0184: the sender asks for a delivery receipt. */
  readonly receiptRequested: boolean;
  /** XEP-0184: this is a receipt for our message with this id. */
  readonly receiptFor: string | null;
  /** XEP-0333: the sender accepts chat markers for this message. */
  readonly markable: boolean;
  /** XEP-0333 markers for the message with this id (`displayed` also covers everything before it). */
  readonly receivedMarkerFor: string | null;
  readonly displayedMarkerFor: string | null;
  /** XEP-0085; `gone` is folded into `inactive`. */
  readonly chatState: ChatState | null;
  /** XEP-0308: this body replaces the message with this id. */
  readonly replaces: string | null;
  /**
   * XEP-0424: the sender retracts the message with this id: `<retract xmlns='urn:xmpp:message-retract:1' id/>`, or
   * as XEP-0424 0.3 and older put it (slixmpp 1.8 sends that), `<apply-to xmlns='urn:xmpp:fasten:0' id>` holding
   * `<retract xmlns='urn:xmpp:message-retract:0'/>`.
   */
  readonly retracts: string | null;
  /** XEP-0461: a reply to this message (its quoted fallback already cut from `body`). */
  readonly replyTo: ReplyReference | null;
  /** XEP-0444: the sender's whole set of reactions to a message. */
  readonly reactions: ParsedReactions | null;
  /** XEP-0066 / XEP-0446: the file the message carries (absent: none). */
  readonly file?: MessageFile;
}

const CHAT_STATES: Readonly<Record<string, ChatState>> = { active: 'active', composing: 'composing', paused: 'paused', inactive: 'inactive', gone: 'inactive' };

function chatStateOf(message: Element): ChatState | null {
  for (const child of message.children) {
    if (typeof child === 'string' || child.attrs.xmlns !== NS.chatStates) continue;
    const state = CHAT_STATES[child.name];
    if (state !== undefined) return state;
  }
  return null;
}

/** The `id` attribute of a child, when the child is there and the id is not empty. */
function idOf(message: Element, name: string, xmlns: string): string | null {
  const id = message.getChild(name, xmlns)?.attrs.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 256 ? id : null;
}

/** XEP-0424 (1.x, else the fastening of 0.3 and older): the id of the retracted message. */
function retractedId(message: Element): string | null {
  const current = idOf(message, 'retract', NS.retract);
  if (current !== null) return current;
  const fastening = message.getChild('apply-to', NS.fasten);
  if (fastening?.getChild('retract', NS.retractLegacy) === undefined) return null;
  return idOf(message, 'apply-to', NS.fasten);
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
  const cutBody = body === null ? null : body.slice(0, MAX_BODY_LENGTH);
  const reply = parseReply(message, cutBody);
  const file = parseMessageFile(message);
  return {
    ...(file !== null ? { file } : {}),
    type: TYPES.has(rawType) ? (rawType as MessageType) : 'normal',
    id: message.attrs.id ?? null,
    originId,
    from: formatFull(from.jid),
    bareFrom: formatBare(from.jid),
    to: message.attrs.to ?? '',
    body: reply === null ? cutBody : reply.body,
    thread: message.getChildText('thread'),
    receiptRequested: message.getChild('request', NS.receipts) !== undefined,
    receiptFor: idOf(message, 'received', NS.receipts),
    markable: message.getChild('markable', NS.markers) !== undefined,
    receivedMarkerFor: idOf(message, 'received', NS.markers),
    displayedMarkerFor: idOf(message, 'displayed', NS.markers),
    chatState: chatStateOf(message),
    replaces: idOf(message, 'replace', NS.correction),
    retracts: retractedId(message),
    replyTo: reply?.replyTo ?? null,
    reactions: parseReactions(message),
  };
}
