/**
 * Message history behind one small interface. In memory for now; the SQLite store (issue: history
 * and sync) replaces the implementation without changing the interface.
 */
import type { ChatMessage, Jid, MessageCursor, MessagePage, SnippetPart } from '../shared/contract.ts';
import { searchTerms, snippetOf, matchesTerms } from './memory-search.ts';

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
  /** A page of one conversation, oldest first, every message with its `cursor`. Throws BadCursorError for a cursor it never gave. */
  page(conversation: Jid, request: HistoryPageRequest): MessagePage;
  /** Full-text search, the most recently stored hits first; never throws on odd input. */
  search(query: string, options: HistorySearchOptions): readonly HistoryHit[];
  clear(): void;
  /** Releases what the history holds open (a database); the in-memory one has nothing to release. */
  close(): void;
}

/** A message is the same when the same sender used the same id: ids are unique per sender only. */
const identity = (message: ChatMessage): string => `${message.direction}\u0000${message.conversation}\u0000${message.id}`;

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;
const DEFAULT_HITS = 50;
const MAX_HITS = 200;

export const clampLimit = (limit: number | undefined, fallback: number, max: number): number =>
  limit === undefined || !Number.isFinite(limit) ? fallback : Math.min(max, Math.max(1, Math.trunc(limit)));

/** Stored messages carry their cursor: `timestamp:seq`, seq counting additions (so order is timestamp, then arrival). */
interface Entry {
  readonly message: ChatMessage & { readonly cursor: MessageCursor };
  readonly timestamp: number;
  readonly seq: number;
}

const compare = (a: { timestamp: number; seq: number }, b: { timestamp: number; seq: number }): number => a.timestamp - b.timestamp || a.seq - b.seq;

function decodeCursor(cursor: MessageCursor): { timestamp: number; seq: number } {
  const match = /^(-?\d{1,16}):(\d{1,16})$/u.exec(cursor);
  if (match === null) throw new BadCursorError(`Not a message cursor: ${cursor}`);
  return { timestamp: Number(match[1]), seq: Number(match[2]) };
}

/** The page of `list` (sorted) that `request` names; shared by the memory history's paging. */
function pageOf(list: readonly Entry[], request: HistoryPageRequest): MessagePage {
  const limit = clampLimit(request.limit, DEFAULT_PAGE, MAX_PAGE);
  let from: number;
  let to: number;
  if (request.before !== undefined) {
    const at = decodeCursor(request.before);
    to = list.findIndex((entry) => compare(entry, at) >= 0);
    if (to === -1) to = list.length;
    from = Math.max(0, to - limit);
  } else if (request.after !== undefined) {
    const at = decodeCursor(request.after);
    from = list.findIndex((entry) => compare(entry, at) > 0);
    if (from === -1) from = list.length;
    to = Math.min(list.length, from + limit);
  } else if (request.around !== undefined) {
    const at = decodeCursor(request.around);
    let middle = list.findIndex((entry) => compare(entry, at) >= 0);
    if (middle === -1) middle = list.length;
    from = Math.max(0, middle - Math.floor(limit / 2));
    to = Math.min(list.length, from + limit);
  } else {
    to = list.length;
    from = Math.max(0, to - limit);
  }
  const messages = list.slice(from, to).map((entry) => entry.message);
  return {
    messages,
    older: from > 0 && from < to ? (messages[0]?.cursor ?? null) : null,
    newer: to < list.length && from < to ? (messages.at(-1)?.cursor ?? null) : null,
  };
}

export function createMemoryHistory(): MessageHistory {
  const byConversation = new Map<Jid, Entry[]>();
  const seen = new Set<string>();
  let seq = 0;
  const messagesOf = (peer: Jid): ChatMessage[] => (byConversation.get(peer) ?? []).map((entry) => entry.message);
  return {
    add(message) {
      const key = identity(message);
      if (seen.has(key)) return false;
      seen.add(key);
      seq += 1;
      const entry: Entry = { message: { ...message, cursor: `${message.timestamp}:${seq}` }, timestamp: message.timestamp, seq };
      const list = byConversation.get(message.conversation) ?? [];
      // Keep timestamp order even when a delayed message arrives late.
      let index = list.length;
      while (index > 0 && (list[index - 1]?.timestamp ?? 0) > message.timestamp) index -= 1;
      list.splice(index, 0, entry);
      byConversation.set(message.conversation, list);
      return true;
    },
    conversation: messagesOf,
    all() {
      return [...byConversation.keys()].flatMap(messagesOf).sort((a, b) => a.timestamp - b.timestamp);
    },
    recent(perConversation) {
      return [...byConversation.keys()].flatMap((peer) => messagesOf(peer).slice(-perConversation)).sort((a, b) => a.timestamp - b.timestamp);
    },
    page(conversation, request) {
      return pageOf(byConversation.get(conversation) ?? [], request);
    },
    search(query, options) {
      const terms = searchTerms(query);
      if (terms.length === 0) return [];
      const limit = clampLimit(options.limit, DEFAULT_HITS, MAX_HITS);
      const entries = options.conversation !== undefined ? (byConversation.get(options.conversation) ?? []) : [...byConversation.values()].flat();
      return entries
        .filter((entry) => matchesTerms(entry.message.body, terms))
        .sort((a, b) => b.seq - a.seq)
        .slice(0, limit)
        .map(({ message }): HistoryHit => ({
          conversation: message.conversation,
          id: message.id,
          cursor: message.cursor,
          timestamp: message.timestamp,
          direction: message.direction,
          from: message.from,
          snippet: snippetOf(message.body, terms),
        }));
    },
    close() {},
    clear() {
      byConversation.clear();
      seen.clear();
    },
  };
}
