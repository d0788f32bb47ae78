/**
 * Message history behind one small interface. In memory for now; the SQLite store (issue: history
 * and sync) replaces the implementation without changing the interface.
 */
import type { ChatMessage, Jid } from '../shared/contract.ts';

export interface MessageHistory {
  /** Stores the message; returns false (and stores nothing) when the same message is already stored. */
  add(message: ChatMessage): boolean;
  conversation(peer: Jid): readonly ChatMessage[];
  all(): readonly ChatMessage[];
  /** The newest `perConversation` messages of every conversation, oldest first: what a fresh UI shows. */
  recent(perConversation: number): readonly ChatMessage[];
  clear(): void;
  /** Releases what the history holds open (a database); the in-memory one has nothing to release. */
  close(): void;
}

/** A message is the same when the same sender used the same id: ids are unique per sender only. */
const identity = (message: ChatMessage): string => `${message.direction}\u0000${message.conversation}\u0000${message.id}`;

export function createMemoryHistory(): MessageHistory {
  const byConversation = new Map<Jid, ChatMessage[]>();
  const seen = new Set<string>();
  return {
    add(message) {
      const key = identity(message);
      if (seen.has(key)) return false;
      seen.add(key);
      const list = byConversation.get(message.conversation) ?? [];
      // Keep timestamp order even when a delayed message arrives late.
      let index = list.length;
      while (index > 0 && (list[index - 1]?.timestamp ?? 0) > message.timestamp) index -= 1;
      list.splice(index, 0, message);
      byConversation.set(message.conversation, list);
      return true;
    },
    conversation(peer) {
      return byConversation.get(peer) ?? [];
    },
    all() {
      return [...byConversation.values()].flat().sort((a, b) => a.timestamp - b.timestamp);
    },
    recent(perConversation) {
      return [...byConversation.values()].flatMap((list) => list.slice(-perConversation)).sort((a, b) => a.timestamp - b.timestamp);
    },
    close() {},
    clear() {
      byConversation.clear();
      seen.clear();
    },
  };
}
