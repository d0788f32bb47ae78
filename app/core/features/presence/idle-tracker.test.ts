import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AutoAwaySettings } from '../../../shared/contract.ts';
import { createIdleTracker, RECONSIDER_EVERY_MS, type IdleState } from './idle-tracker.ts';

afterEach(() => vi.useRealTimers());

function setup(settings: AutoAwaySettings = { enabled: true, awayAfterMinutes: 5, xaAfterMinutes: 30 }) {
  let clock = 1_000_000;
  const changes: (IdleState | null)[] = [];
  let current = settings;
  const tracker = createIdleTracker({ settings: () => current, changed: (state) => changes.push(state), now: () => clock, reconsiderEveryMs: 0 });
  return {
    tracker,
    changes,
    advance: (ms: number) => (clock += ms),
    now: () => clock,
    setSettings: (next: AutoAwaySettings) => (current = next),
  };
}

describe('idle tracker', () => {
  it('goes away after 5 idle minutes, extended away after 30 (same since), and back on activity', () => {
    const { tracker, changes, advance, now } = setup();
    advance(4 * 60_000);
    tracker.report(240, 'system');
    expect(changes).toEqual([]);
    advance(60_000);
    tracker.report(300, 'system');
    const since = now() - 300_000;
    expect(changes).toEqual([{ level: 'away', since }]);
    advance(25 * 60_000);
    tracker.report(1800, 'system');
    expect(changes.at(-1)).toEqual({ level: 'xa', since });
    tracker.report(1800, 'system');
    expect(changes).toHaveLength(2);
    tracker.report(0, 'system');
    expect(changes.at(-1)).toBeNull();
    expect(tracker.state()).toBeNull();
  });

  it('counts seconds since the last activity between reports', () => {
    const { tracker, advance } = setup();
    tracker.report(10, 'activity');
    advance(5_000);
    expect(tracker.idleSeconds()).toBe(15);
  });

  it('ignores page activity while the system reports its own idle time', () => {
    const { tracker, changes, advance } = setup();
    tracker.report(600, 'system');
    expect(changes.at(-1)?.level).toBe('away');
    tracker.report(0, 'activity');
    expect(changes).toHaveLength(1);
    advance(3 * 60_000);
    tracker.report(0, 'activity');
    expect(changes.at(-1)).toBeNull();
  });

  it('follows the settings: disabled means never away; changed thresholds apply at once', () => {
    const { tracker, changes, setSettings } = setup({ enabled: false, awayAfterMinutes: 5, xaAfterMinutes: 30 });
    tracker.report(3600, 'system');
    expect(changes).toEqual([]);
    setSettings({ enabled: true, awayAfterMinutes: 5, xaAfterMinutes: 30 });
    tracker.reconsider();
    expect(changes.at(-1)?.level).toBe('xa');
    setSettings({ enabled: true, awayAfterMinutes: 90, xaAfterMinutes: 120 });
    tracker.reconsider();
    expect(changes.at(-1)).toBeNull();
  });

  it('goes away on time without further reports (a page in the background stops reporting)', () => {
    vi.useFakeTimers();
    const changes: (IdleState | null)[] = [];
    const tracker = createIdleTracker({ settings: () => ({ enabled: true, awayAfterMinutes: 5, xaAfterMinutes: 30 }), changed: (state) => changes.push(state) });
    tracker.report(0, 'activity');
    vi.advanceTimersByTime(5 * 60_000 + RECONSIDER_EVERY_MS);
    expect(changes.map((state) => state?.level)).toEqual(['away']);
    tracker.stop();
    vi.advanceTimersByTime(60 * 60_000);
    expect(changes).toHaveLength(1);
  });
});
