/**
 * What a one-to-one message means for a conversation, whichever way it reached us (live, as a carbon
 * of another of our devices, or from our archive): a new message, and/or updates to messages already
 * there — delivery receipts and chat markers, corrections, retractions, typing — plus the receipt we
 * owe. Pure: the session sends, the account runtime stores and tells the UI.
 */
import type { ChatMessage, ChatState, DeliveryState, Jid } from '../../../shared/contract.ts';
import { toBareJid } from '../../../shared/jid.ts';
import type { ParsedMessage } from '../../xml/message.ts';

export type ConversationUpdate =
  /** One of our messages moved forward; `upTo`: and every earlier one of ours in the conversation. */
  | { readonly kind: 'state'; readonly conversation: Jid; readonly id: string; readonly state: DeliveryState; readonly upTo: boolean }
  /** `sender` (bare) replaced the body of their message `replaces`. */
  | { readonly kind: 'correction'; readonly conversation: Jid; readonly sender: Jid; readonly replaces: string; readonly body: string; readonly id: string }
  /** `sender` (bare) retracted their message `target`. */
  | { readonly kind: 'retraction'; readonly conversation: Jid; readonly sender: Jid; readonly target: string; readonly moderation?: ChatMessage['moderated'] }
  | { readonly kind: 'chat-state'; readonly conversation: Jid; readonly state: ChatState }
  /** Another of our devices showed the conversation up to its newest message. */
  | { readonly kind: 'read-elsewhere'; readonly conversation: Jid; readonly upTo: string }
  /**
   * XEP-0444: `sender`'s whole set of reactions to the message `target` is now `emojis` (empty: none), as of
   * `timestamp` (an older set, e.g. replayed by the archive, does not replace a newer one); `id`: the reaction message's.
   */
  | { readonly kind: 'reactions'; readonly conversation: Jid; readonly sender: Jid; readonly target: string; readonly emojis: readonly string[]; readonly timestamp: number; readonly id: string | null };

export type MessageSource = 'live' | 'carbon' | 'archive';

/** A message as the core stores it: with the id our own archive gave it (XEP-0359), when known. */
export type CoreMessage = ChatMessage & { readonly stanzaId?: string; readonly originId?: string };

export interface Interpretation {
  readonly message: CoreMessage | null;
  readonly updates: readonly ConversationUpdate[];
  /** A live message asked for a receipt: send one to this full JID for this id (if the sender may know). */
  readonly receipt: { readonly to: Jid; readonly id: string } | null;
  /** The message accepts chat markers: the id to name in a later displayed marker. */
  readonly markable: string | null;
}

const NOTHING: Interpretation = { message: null, updates: [], receipt: null, markable: null };

/**
 * `parsed` is a one-to-one (`chat` or `normal`) message already known to be authentic for `source`:
 * a carbon or archive result only from our own account, a live message never from ourselves.
 */
export function interpretMessage(parsed: ParsedMessage, ownBareJid: Jid, source: MessageSource, timestamp: number, stanzaId: string | null = null): Interpretation {
  if (parsed.type !== 'chat' && parsed.type !== 'normal') return NOTHING;
  const outgoing = parsed.bareFrom === ownBareJid;
  const peer = outgoing ? toBareJid(parsed.to) : parsed.bareFrom;
  if (peer === null || peer === ownBareJid) return NOTHING;
  const sender = parsed.bareFrom;
  const updates: ConversationUpdate[] = [];

  // Receipts and markers from the peer move our messages forward; ours (from another device) say we read.
  if (!outgoing) {
    if (parsed.receiptFor !== null) updates.push({ kind: 'state', conversation: peer, id: parsed.receiptFor, state: 'delivered', upTo: false });
    if (parsed.receivedMarkerFor !== null) updates.push({ kind: 'state', conversation: peer, id: parsed.receivedMarkerFor, state: 'delivered', upTo: false });
    if (parsed.displayedMarkerFor !== null) updates.push({ kind: 'state', conversation: peer, id: parsed.displayedMarkerFor, state: 'read', upTo: true });
    // Typing is only news while it happens.
    if (parsed.chatState !== null && source === 'live') updates.push({ kind: 'chat-state', conversation: peer, state: parsed.chatState });
  } else if (parsed.displayedMarkerFor !== null) {
    updates.push({ kind: 'read-elsewhere', conversation: peer, upTo: parsed.displayedMarkerFor });
  }

  if (parsed.reactions !== null) {
    // A reaction is not a message: it changes the one it names (its body, if any, is a fallback for old clients).
    const { id: target, emojis } = parsed.reactions;
    updates.push({ kind: 'reactions', conversation: peer, sender, target, emojis, timestamp, id: parsed.originId ?? parsed.id });
    return { message: null, updates, receipt: null, markable: null };
  }

  if (parsed.retracts !== null) {
    updates.push({ kind: 'retraction', conversation: peer, sender, target: parsed.retracts });
    // The body of a retraction is a fallback text for old clients, not a message.
    return { message: null, updates, receipt: null, markable: null };
  }

  const body = parsed.body;
  if (body === null || body.length === 0) return { message: null, updates, receipt: null, markable: null };
  const id = parsed.originId ?? parsed.id;

  if (parsed.replaces !== null) {
    // A correction needs its own id to be recognised again (carbon and archive copies of it).
    updates.push({ kind: 'correction', conversation: peer, sender, replaces: parsed.replaces, body, id: id ?? `${parsed.replaces}:${body.length}:${timestamp}` });
    return { message: null, updates, receipt: null, markable: null };
  }

  // Without an id a copy from elsewhere could not be recognised again; live messages get one.
  if (id === null && source !== 'live') return { message: null, updates, receipt: null, markable: null };
  const messageId = id ?? `live-${timestamp}-${Math.random().toString(36).slice(2)}`;
  const message: CoreMessage = {
    id: messageId,
    conversation: peer,
    direction: outgoing ? 'out' : 'in',
    from: parsed.from,
    to: parsed.to,
    body,
    timestamp,
    ...(outgoing ? { state: 'sent' as const } : {}),
    ...(stanzaId !== null ? { stanzaId } : {}),
    // The sender's own id (XEP-0359): a copy it sent again after a lost link is recognised by it, although
    // the archive gave that copy an id of its own.
    ...(parsed.originId !== null ? { originId: parsed.originId } : {}),
    ...(parsed.replyTo !== null ? { replyTo: parsed.replyTo } : {}),
    // A file (XEP-0066/0446), parsed at the edge (xml/file.ts).
    ...(parsed.file !== undefined ? { file: parsed.file } : {}),
  };
  // Receipts and markers name the stanza id the sender chose (XEP-0184 §5, XEP-0333 §4).
  const senderId = parsed.id ?? messageId;
  const receipt = !outgoing && source === 'live' && parsed.receiptRequested && parsed.id !== null ? { to: parsed.from, id: parsed.id } : null;
  return { message, updates, receipt, markable: !outgoing && parsed.markable ? senderId : null };
}
