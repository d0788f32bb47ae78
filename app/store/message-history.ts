/**
 * What the core needs from message history, behind one small interface: storing messages once,
 * the outbox, delivery states, corrections and retractions, and what a fresh UI shows. The
 * implementation is the message store (history-adapter.ts): on disk per account, or in memory.
 */
import type { ChatMessage, DeliveryState, Jid, MessageCursor, MessagePage, SnippetPart } from '../shared/contract.ts';

/** Which page of a conversation: the newest, or older/newer than a position, or around one. */
export interface HistoryPageRequest {
  readonly before?: MessageCursor;
  readonly after?: MessageCursor;
  readonly around?: MessageCursor;
  /** 1…500; the history clamps it (default 50). */
  readonly limit?: number;
}

/** A search hit within one account's history. */
export interface HistoryHit {
  readonly conversation: Jid;
  readonly id: string;
  readonly cursor: MessageCursor;
  readonly timestamp: number;
  readonly direction: ChatMessage['direction'];
  readonly from: Jid;
  readonly snippet: readonly SnippetPart[];
}

export interface HistorySearchOptions {
  readonly conversation?: Jid;
  readonly limit?: number;
}

/** Thrown by `page` for a cursor that is not a position in the history. */
export class BadCursorError extends Error {}

export interface MessageHistory {
  /** Stores the message; returns false (and stores nothing) when the same message is already stored. */
  add(message: ChatMessage): boolean;
  conversation(peer: Jid): readonly ChatMessage[];
  all(): readonly ChatMessage[];
  /** The newest `perConversation` messages of every conversation, oldest first: what a fresh UI shows. */
  recent(perConversation: number): readonly ChatMessage[];

  /** Stores an outgoing message as `pending` (the outbox); false when it is already stored. */
  enqueue(message: ChatMessage): boolean;
  /** Own messages still `pending`, in the order they were written: after a restart they are sent again. */
  pending(): readonly ChatMessage[];
  /** Moves our message `id` (with `upTo`, and every earlier one that left us) forward; returns what changed. */
  advance(conversation: Jid, id: string, state: DeliveryState, upTo: boolean): readonly ChatMessage[];
  /** `sender`'s message `replaces` gets `body` (the old one kept as a version); the updated message, or null. */
  correct(conversation: Jid, sender: Jid, replaces: string, body: string, correctionId: string): ChatMessage | null;
  /** `sender`'s message `target` is retracted (its text erased); the tombstone, or null when there is nothing of theirs to retract. */
  retract(conversation: Jid, sender: Jid, target: string, moderation?: ChatMessage['moderated']): ChatMessage | null;
  /** `sender`'s message that `ref` names, if stored. */
  find(conversation: Jid, sender: Jid, ref: string): ChatMessage | null;
  /** Anyone's message of the conversation that `ref` names (id, origin-id, stanza-id), with the ids a reply or reaction names it by. */
  findAny(conversation: Jid, ref: string): (ChatMessage & { readonly stanzaId?: string; readonly originId?: string }) | null;
  /**
   * XEP-0444: `reactor`'s whole set of reactions to the message `target` becomes `emojis`, unless they sent a
   * newer set already; the message with its reactions now, or null when nothing changed (or it is not stored).
   */
  react(conversation: Jid, reactor: Jid, target: string, emojis: readonly string[], sentAt: number, reactionId: string | null): ChatMessage | null;

  /** The archive id (XEP-0359) of the oldest message of the conversation that has one: paging back into the archive starts there. */
  oldestArchiveId(conversation: Jid): string | null;
  /** The newest id seen in the account's archive (XEP-0313), to catch up from after a restart. */
  archivePosition(): string | null;
  setArchivePosition(id: string): void;
  /** The newest id seen in another archive (a group chat room's, by its bare JID), to catch up from on the next join. */
  archivePositionOf(archive: Jid): string | null;
  setArchivePositionOf(archive: Jid, id: string): void;

  /** A page of one conversation, oldest first, every message with its `cursor`. Throws BadCursorError for a cursor it never gave. */
  page(conversation: Jid, request: HistoryPageRequest): MessagePage;
  /** Full-text search, the most recently stored hits first; never throws on odd input. */
  search(query: string, options: HistorySearchOptions): readonly HistoryHit[];
  /** Incoming messages of `conversation` not read yet. */
  unread(conversation: Jid): number;
  /** Every conversation with unread messages, and how many. */
  unreadCounts(): Readonly<Record<Jid, number>>;
  /**
   * Read up to its newest message, or up to the message `upTo` names (a displayed marker of another of
   * our devices) where that one is stored; returns what is left unread.
   */
  markRead(conversation: Jid, upTo?: string): number;
  clear(): void;
  /** Makes every write so far durable now (writes are otherwise committed together, right after the current turn). */
  flush(): void;
  /** Releases what the history holds open (a database). */
  close(): void;
}

export const clampLimit = (limit: number | undefined, fallback: number, max: number): number =>
  limit === undefined || !Number.isFinite(limit) ? fallback : Math.min(max, Math.max(1, Math.trunc(limit)));
