import { describe, expect, it } from 'vitest';
import { idleText, lastSeenText } from './activity.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const MIN = 60_000;

describe('activity words', () => {
  it('says how long a contact has been idle', () => {
    expect(idleText(NOW - 12 * MIN - 30_000, NOW)).toBe('idle for 12 min');
    expect(idleText(NOW - 20_000, NOW)).toBe('idle');
    expect(idleText(NOW - 3 * 60 * MIN, NOW)).toBe('idle for 3 h');
    expect(idleText(NOW - 26 * 60 * MIN, NOW)).toBe('idle for 1 day');
  });

  it('says when an offline contact was last seen', () => {
    expect(lastSeenText(NOW - 3 * 60 * MIN - 5 * MIN, NOW)).toBe('last seen 3 h ago');
    expect(lastSeenText(NOW - 5_000, NOW)).toBe('last seen just now');
    expect(lastSeenText(NOW - 3 * 24 * 60 * MIN, NOW)).toBe('last seen 3 days ago');
  });
});
