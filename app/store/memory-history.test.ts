import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../shared/contract.ts';
import { createMemoryHistory } from './history-adapter.ts';

const message = (id: string, timestamp: number, direction: ChatMessage['direction'] = 'in'): ChatMessage => ({
  id, conversation: 'bob@example.test', direction, timestamp, body: id,
  ...(direction === 'in' ? { from: 'bob@example.test/phone', to: 'alice@example.test/desk' } : { from: 'alice@example.test/desk', to: 'bob@example.test' }),
});

describe('memory history', () => {
  it('stores a message once', () => {
    const history = createMemoryHistory();
    expect(history.add(message('a', 1))).toBe(true);
    expect(history.add(message('a', 1))).toBe(false);
    expect(history.conversation('bob@example.test')).toHaveLength(1);
  });

  it('keeps the same id from the other direction apart', () => {
    const history = createMemoryHistory();
    history.add(message('a', 1, 'in'));
    expect(history.add(message('a', 2, 'out'))).toBe(true);
  });

  it('orders by timestamp when a late message arrives', () => {
    const history = createMemoryHistory();
    history.add(message('b', 20));
    history.add(message('a', 10));
    expect(history.conversation('bob@example.test').map((m) => m.id)).toEqual(['a', 'b']);
  });
});
