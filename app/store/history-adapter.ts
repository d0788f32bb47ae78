/**
 * The message store seen as the core's `MessageHistory` (message-history.ts): on disk per account
 * in the app, in memory for tests and for a service without a profile.
 */
import type { ChatMessage, Jid } from '../shared/contract.ts';
import { BadCursorError, clampLimit, type HistoryPageRequest, type MessageHistory } from './message-history.ts';
import { ACCOUNT_ARCHIVE, type MessageRecord, type MessageStore, type Page } from './message-store.ts';
import { openSqliteStore } from './sqlite-store.ts';

const PAGE = 1000;

/** Just the contract's fields: what crosses to the renderer. */
export const toChatMessage = (record: MessageRecord): ChatMessage => ({
  id: record.id,
  conversation: record.conversation,
  direction: record.direction,
  from: record.from,
  to: record.to,
  body: record.body,
  timestamp: record.timestamp,
  ...(record.direction === 'out' && record.state !== undefined ? { state: record.state } : {}),
  ...(record.edited === true ? { edited: true } : {}),
  ...(record.retracted === true ? { retracted: true } : {}),
  ...(record.replyTo !== undefined ? { replyTo: record.replyTo } : {}),
  ...(record.reactions !== undefined ? { reactions: record.reactions } : {}),
  ...(record.file !== undefined && record.retracted !== true ? { file: record.file } : {}),
  ...(record.moderated !== undefined ? { moderated: record.moderated } : {}),
  ...(record.mentionsMe === true ? { mentionsMe: true } : {}),
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
  // Writes of one turn of the event loop share a transaction, committed right after that turn (or
  // earlier through flush): a burst of incoming messages costs one commit per network read.
  let batchOpen = false;
  const flush = (): void => {
    if (!batchOpen) return;
    batchOpen = false;
    store.commitBatch();
  };
  const write = <T>(work: () => T): T => {
    if (!batchOpen) {
      store.beginBatch();
      batchOpen = true;
      setImmediate(flush);
    }
    return work();
  };
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
  const found = (conversationJid: Jid, sender: Jid, ref: string): ChatMessage | null => {
    const record = store.findMessage(conversationJid, sender, ref);
    return record === undefined ? null : withCursor(record);
  };
  return {
    add: (message) => write(() => store.add(message) === 'added'),
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
    enqueue: (message) => write(() => store.enqueueOutgoing(message) === 'added'),
    pending: () => store.pendingOutgoing().map(withCursor),
    advance: (conversationJid, id, state, upTo) => write(() => store.advanceState(conversationJid, id, state, upTo).map(withCursor)),
    correct(conversationJid, sender, replaces, body, correctionId) {
      return write(() => store.applyCorrection(conversationJid, sender, replaces, body, correctionId)) === 'applied' ? found(conversationJid, sender, correctionId) : null;
    },
    retract(conversationJid, sender, target, moderation) {
      return write(() => store.applyRetraction(conversationJid, sender, target, moderation)) === 'applied' ? found(conversationJid, sender, target) : null;
    },
    find: found,
    findAny(conversationJid, ref) {
      const record = store.findAnyMessage(conversationJid, ref);
      if (record === undefined) return null;
      return { ...withCursor(record), ...(record.stanzaId !== undefined ? { stanzaId: record.stanzaId } : {}), ...(record.originId !== undefined ? { originId: record.originId } : {}) };
    },
    react(conversationJid, reactor, target, emojis, sentAt, reactionId) {
      if (write(() => store.applyReactions(conversationJid, target, reactor, emojis, sentAt, reactionId)) !== 'applied') return null;
      const record = store.findAnyMessage(conversationJid, target);
      return record === undefined ? null : withCursor(record);
    },
    oldestArchiveId: (conversationJid) => store.oldestStanzaId(conversationJid) ?? null,
    archivePosition: () => store.lastArchiveId(ACCOUNT_ARCHIVE) ?? null,
    setArchivePosition: (id) => write(() => store.setLastArchiveId(ACCOUNT_ARCHIVE, id)),
    archivePositionOf: (archive) => store.lastArchiveId(archive) ?? null,
    setArchivePositionOf: (archive, id) => write(() => store.setLastArchiveId(archive, id)),
    page(peer, request) {
      const page = readPage(store, peer, request);
      return { messages: page.messages.map(withCursor), older: page.older, newer: page.newer };
    },
    search: (query, options) =>
      store.search(query, { ...(options.conversation !== undefined ? { conversation: options.conversation } : {}), limit: clampLimit(options.limit, 50, 200) }),
    unread: (conversationJid) => store.unreadCount(conversationJid),
    unreadCounts: () => Object.fromEntries(store.unreadCounts().map(({ jid, unread }) => [jid, unread])),
    markRead(conversationJid, upTo) {
      // The marker names a message of the peer's (XEP-0333): read up to it, or to the newest where it is not stored yet.
      const marked = upTo === undefined ? undefined : store.findMessage(conversationJid, conversationJid, upTo);
      return write(() => store.markRead(conversationJid, marked?.timestamp));
    },
    clear: () => write(() => store.clear()),
    flush,
    close: () => {
      flush();
      store.close();
    },
  };
}

/** A history that lives as long as the process (an in-memory database with the same rules). */
export function createMemoryHistory(): MessageHistory {
  return asMessageHistory(openSqliteStore(':memory:'));
}
