/**
 * Which id a reply (XEP-0461) or a reaction (XEP-0444) names its message by, by the kind of
 * conversation: in a group chat the id the room stamped (XEP-0359 stanza-id `by` the room), elsewhere
 * the sender's origin-id or else the message's id. Pure: rooms (features/muc) can use it too.
 */
import type { ChatMessage, Jid, ReplyReference } from '../../../shared/contract.ts';
import { MAX_QUOTE_LENGTH } from '../../xml/rich-message.ts';

export type ConversationKind = 'chat' | 'groupchat';

/** A stored message with the ids the history knows it by. */
export type ReferencedMessage = ChatMessage & { readonly stanzaId?: string; readonly stanzaIdBy?: Jid; readonly originId?: string };

/**
 * The id to name `message` by; null when it has none that others can resolve (a group chat message without
 * the room's stanza-id cannot be replied or reacted to, XEP-0444 §5.2).
 */
export function messageReference(message: ReferencedMessage, kind: ConversationKind): string | null {
  if (kind === 'groupchat') return message.stanzaId !== undefined && (message.stanzaIdBy === undefined || message.stanzaIdBy === message.conversation) ? message.stanzaId : null;
  return message.originId ?? message.id;
}

/** What a reply to `original` names: its id, its author (in a room the occupant JID), and a quote of it. */
export function replyReference(original: ReferencedMessage, kind: ConversationKind): ReplyReference | null {
  const id = messageReference(original, kind);
  if (id === null) return null;
  const quoted = Array.from(original.body).slice(0, MAX_QUOTE_LENGTH).join('');
  return { id, to: original.from, ...(quoted.trim() !== '' ? { quotedBody: quoted } : {}) };
}
