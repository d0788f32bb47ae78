import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../shared/contract.ts';
import { asMessageHistory } from './history-adapter.ts';
import type { MessageHistory } from './message-history.ts';
import type { MessageStore } from './message-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { BOB, CAROL, tempDir } from './message-test-support.ts';

const message = (id: string, timestamp: number, direction: ChatMessage['direction'] = 'in', conversation = BOB): ChatMessage => ({
  id, conversation, direction, from: direction === 'in' ? `${conversation}/phone` : 'alice@example.test/desktop', to: 'alice@example.test', body: id, timestamp,
});

let dir: ReturnType<typeof tempDir>;
let store: MessageStore;
let history: MessageHistory;
beforeEach(() => {
  dir = tempDir();
  store = openSqliteStore(dir.file());
  history = asMessageHistory(store);
});
afterEach(() => {
  store.close();
  dir.remove();
});

// The same cases as the memory history's tests (message-history.test.ts), against the database.
describe('the store as a MessageHistory', () => {
  it('stores a message once', () => {
    expect(history.add(message('a', 1))).toBe(true);
    expect(history.add(message('a', 1))).toBe(false);
    expect(history.conversation(BOB)).toHaveLength(1);
  });

  it('keeps the same id from the other direction apart', () => {
    history.add(message('a', 1, 'in'));
    expect(history.add(message('a', 2, 'out'))).toBe(true);
  });

  it('orders by timestamp when a late message arrives', () => {
    history.add(message('b', 20));
    history.add(message('a', 10));
    expect(history.conversation(BOB).map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('returns plain contract messages, all conversations in time order, more than a page of them', () => {
    const many = Array.from({ length: 2500 }, (_, i) => message(`m${i}`, 100 + i));
    store.addMany(many);
    history.add(message('c', 150, 'in', CAROL));
    expect(history.conversation(BOB)).toEqual(many);
    const all = history.all();
    expect(all).toHaveLength(2501);
    expect(all[51]).toEqual(message('c', 150, 'in', CAROL));
    history.clear();
    expect(history.all()).toEqual([]);
  });
});
