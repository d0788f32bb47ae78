import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../app/shared/contract.ts';
import { buildRows, dayLabel, GROUP_GAP_MS, quotesRetracted, retractedIds } from './rows.ts';

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

describe('replies to retracted messages', () => {
  it('marks a reply whose original is retracted, and draws the row anew when that happens', () => {
    const original = msg('o1', 1_000);
    const reply: ChatMessage = { ...msg('r1', 2_000, 'out', 'me@example.test/desk'), replyTo: { id: 'o1', quotedBody: 'secret' } };
    const first = buildRows([original, reply]);
    expect(first.map((row) => row.quoteRetracted)).toEqual([false, false]);
    const retracted = buildRows([{ ...original, retracted: true, body: '' }, reply], Date.now(), first);
    expect(retracted[1]?.quoteRetracted).toBe(true);
    expect(retracted[1]).not.toBe(first[1]);
    // Unchanged rows stay the same objects.
    expect(buildRows([original, reply], Date.now(), first)[1]).toBe(first[1]);
  });

  it('finds a room reply’s original by its stored id', () => {
    const reply: ChatMessage = { ...msg('r2', 2_000), replyTo: { id: 'stanza-9', messageId: 'o2', quotedBody: 'gone' } };
    expect(quotesRetracted(reply, retractedIds([{ ...msg('o2', 1_000), retracted: true }]))).toBe(true);
    expect(quotesRetracted(reply, retractedIds([msg('o2', 1_000)]))).toBe(false);
  });
});
