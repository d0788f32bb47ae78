import { describe, expect, it } from 'vitest';
import { RecentMap } from './recent-map.ts';

describe('RecentMap', () => {
  it('forgets the entry set least recently once past its limit, and says which', () => {
    const map = new RecentMap<string, number>(2);
    expect(map.set('a', 1)).toBeUndefined();
    expect(map.set('b', 2)).toBeUndefined();
    expect(map.set('a', 3)).toBeUndefined(); // a is the newest now
    expect(map.set('c', 4)).toEqual(['b', 2]);
    expect([...map.entries()]).toEqual([['a', 3], ['c', 4]]);
    map.get('a'); // reading does not count as an update
    expect(map.set('d', 5)).toEqual(['a', 3]);
    expect(map.size).toBe(2);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new RecentMap(0)).toThrow(RangeError);
  });
});
