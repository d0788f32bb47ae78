/**
 * The store seen as the core's `MessageHistory` (message-history.ts), so the core can move from the
 * in-memory history to the database by changing the line that creates it.
 */
import type { ChatMessage, Jid } from '../shared/contract.ts';
import { BadCursorError, clampLimit, type HistoryPageRequest, type MessageHistory } from './message-history.ts';
import type { MessageRecord, MessageStore, Page } from './message-store.ts';

const PAGE = 1000;

/** Just the contract's fields: what the memory history returns, and what crosses to the renderer. */
const toChatMessage = (record: MessageRecord): ChatMessage => ({
  id: record.id,
  conversation: record.conversation,
  direction: record.direction,
  from: record.from,
  to: record.to,
  body: record.body,
  timestamp: record.timestamp,
});

/** A contract message with its position, for pages and snapshots (the UI pages on from it). */
const withCursor = (record: MessageRecord): ChatMessage => ({ ...toChatMessage(record), cursor: record.cursor });

function readPage(store: MessageStore, peer: Jid, request: HistoryPageRequest): Page {
  const limit = clampLimit(request.limit, 50, 500);
  try {
    if (request.around !== undefined) return store.around(peer, request.around, limit);
    return store.page(peer, { ...(request.before !== undefined ? { before: request.before } : {}), ...(request.after !== undefined ? { after: request.after } : {}), limit });
  } catch (error) {
    // The store rejects a cursor it never gave with a RangeError.
    if (error instanceof RangeError) throw new BadCursorError(error.message);
    throw error;
  }
}

export function asMessageHistory(store: MessageStore): MessageHistory {
  const conversation = (peer: Jid): ChatMessage[] => {
    const pages: MessageRecord[][] = [];
    let page = store.latest(peer, PAGE);
    pages.push([...page.messages]);
    while (page.older !== null) {
      page = store.page(peer, { before: page.older, limit: PAGE });
      pages.push([...page.messages]);
    }
    return pages.reverse().flat().map(toChatMessage);
  };
  return {
    add: (message) => store.add(message) === 'added',
    conversation,
    all: () =>
      store
        .conversations()
        .flatMap((summary) => conversation(summary.jid))
        .sort((a, b) => a.timestamp - b.timestamp),
    recent: (perConversation) =>
      store
        .conversations()
        .flatMap((summary) => store.latest(summary.jid, perConversation).messages.map(withCursor))
        .sort((a, b) => a.timestamp - b.timestamp),
    page(peer, request) {
      const page = readPage(store, peer, request);
      return { messages: page.messages.map(withCursor), older: page.older, newer: page.newer };
    },
    search: (query, options) =>
      store.search(query, { ...(options.conversation !== undefined ? { conversation: options.conversation } : {}), limit: clampLimit(options.limit, 50, 200) }),
    clear: () => store.clear(),
    close: () => store.close(),
  };
}
