/**
 * The store seen as the core's `MessageHistory` (message-history.ts), so the core can move from the
 * in-memory history to the database by changing the line that creates it.
 */
import type { ChatMessage, Jid } from '../shared/contract.ts';
import type { MessageHistory } from './message-history.ts';
import type { MessageRecord, MessageStore } from './message-store.ts';

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
        .flatMap((summary) => store.latest(summary.jid, perConversation).messages.map(toChatMessage))
        .sort((a, b) => a.timestamp - b.timestamp),
    clear: () => store.clear(),
    close: () => store.close(),
  };
}
