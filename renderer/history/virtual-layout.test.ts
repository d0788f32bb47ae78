import { describe, expect, it } from 'vitest';
import { anchorAt, computeLayout, rowAt, scrollTopFor, totalHeight, visibleRange } from './virtual-layout.ts';

const keys = (n: number, prefix = 'k'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('virtual layout', () => {
  it('adds up heights and finds the row at a position', () => {
    const layout = computeLayout(keys(4), (i) => [10, 20, 30, 40][i]!);
    expect([...layout.offsets]).toEqual([0, 10, 30, 60, 100]);
    expect(totalHeight(layout)).toBe(100);
    expect([rowAt(layout, 0), rowAt(layout, 9.5), rowAt(layout, 10), rowAt(layout, 59), rowAt(layout, 60), rowAt(layout, 500)]).toEqual([0, 0, 1, 2, 3, 3]);
  });

  it('renders only the rows a viewport needs, plus the overscan', () => {
    const layout = computeLayout(keys(10_000), () => 50);
    expect(visibleRange(layout, 100_000, 500, 0)).toEqual({ start: 2000, end: 2011 });
    expect(visibleRange(layout, 100_000, 500, 100)).toEqual({ start: 1998, end: 2013 });
    expect(visibleRange(layout, 0, 500, 100)).toEqual({ start: 0, end: 13 });
    expect(visibleRange(computeLayout([], () => 50), 0, 500, 100)).toEqual({ start: 0, end: 0 });
  });

  it('keeps the row the reader looked at in place when older rows are prepended', () => {
    const before = keys(100);
    const first = computeLayout(before, () => 50);
    const anchor = anchorAt(first, before, 1025)!;
    expect(anchor).toEqual({ key: 'k20', offset: -25 });
    const after = [...keys(30, 'old'), ...before];
    const second = computeLayout(after, (_, key) => (key.startsWith('old') ? 80 : 50));
    expect(scrollTopFor(second, (key) => after.indexOf(key), anchor)).toBe(30 * 80 + 1025);
    expect(scrollTopFor(second, () => -1, anchor)).toBeNull();
  });
});
