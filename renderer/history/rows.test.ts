import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../app/shared/contract.ts';
import { buildRows, dayLabel, GROUP_GAP_MS } from './rows.ts';

const at = (y: number, m: number, d: number, h = 12, min = 0): number => new Date(y, m - 1, d, h, min).getTime();
const msg = (id: string, timestamp: number, direction: ChatMessage['direction'] = 'in', from = 'bob@example.test/phone'): ChatMessage => ({
  id, conversation: 'bob@example.test', direction, from: direction === 'out' ? 'alice@example.test/desk' : from, to: 'x', body: id, timestamp,
});

describe('conversation rows', () => {
  const now = at(2026, 12, 1, 15);

  it('puts a day separator before the first message of each day', () => {
    const rows = buildRows([msg('a', at(2026, 11, 20, 9)), msg('b', at(2026, 11, 20, 18)), msg('c', at(2026, 11, 30, 8)), msg('d', at(2026, 12, 1, 10))], now);
    expect(rows.map((row) => row.day)).toEqual([dayLabel(at(2026, 11, 20), now), null, 'Yesterday', 'Today']);
    expect(rows[0]!.day).toContain('2026');
    expect(rows[0]!.day).not.toBe(rows[2]!.day);
  });

  it('groups consecutive messages from the same sender a short while apart', () => {
    const t = at(2026, 12, 1, 10);
    const rows = buildRows(
      [
        msg('a', t),
        msg('b', t + 1000, 'in', 'bob@example.test/laptop'), // another device of the same person
        msg('c', t + 2000, 'out'),
        msg('d', t + 3000, 'out'),
        msg('e', t + 3000 + GROUP_GAP_MS + 1, 'out'),
        msg('f', t + 3000 + GROUP_GAP_MS + 2, 'in'),
      ],
      now,
    );
    expect(rows.map((row) => row.grouped)).toEqual([false, true, false, true, false, false]);
    expect(rows.map((row) => row.key)).toEqual(['in:a', 'in:b', 'out:c', 'out:d', 'out:e', 'in:f']);
  });

  it('does not group across midnight', () => {
    const rows = buildRows([msg('a', at(2026, 11, 30, 23, 59)), msg('b', at(2026, 12, 1, 0, 1))], now);
    expect(rows.map((row) => [row.day, row.grouped])).toEqual([['Yesterday', false], ['Today', false]]);
  });

  it('reuses the rows that did not change', () => {
    const t = at(2026, 12, 1, 10);
    const first = buildRows([msg('a', t), msg('b', t + 1000)], now);
    const second = buildRows([...first.map((row) => row.message), msg('c', t + 2000)], now, first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    // A message inserted before another changes that one's grouping: a new row.
    const third = buildRows([first[0]!.message, msg('x', t + 500, 'out'), first[1]!.message], now, first);
    expect(third[2]).not.toBe(first[1]);
    expect(third[2]!.grouped).toBe(false);
  });
});
