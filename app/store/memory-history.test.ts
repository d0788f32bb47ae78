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

describe('files of messages (migration 4)', () => {
  it('keeps a message\'s file, finds it by id, and forgets it when the message is retracted', () => {
    const history = createMemoryHistory();
    const file = { url: 'https://up.example/f.png', name: 'f.png', size: 12, mediaType: 'image/png', hashes: [{ algo: 'sha-256', value: 'AAAA' }] };
    history.add({ ...message('f', 1), body: file.url, file });
    expect(history.conversation('bob@example.test')[0]?.file).toEqual(file);
    expect(history.find('bob@example.test', 'bob@example.test', 'f')?.file).toEqual(file);
    expect(history.retract('bob@example.test', 'bob@example.test', 'f')?.file).toBeUndefined();
    expect(history.conversation('bob@example.test')[0]?.file).toBeUndefined();
  });
});
