import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportIdleRequest } from '../app/shared/contract.ts';
import { IDLE_REPORT_INTERVAL_MS, reportSystemIdle } from './idle.ts';

afterEach(() => vi.useRealTimers());

/** A stand-in for Electron's powerMonitor (no Electron binary on the build machines): idle seconds and lock events. */
function fakePowerMonitor() {
  const handlers = new Map<string, () => void>();
  let idle = 0;
  return {
    monitor: {
      getSystemIdleTime: () => idle,
      on: (event: string, handler: () => void) => handlers.set(event, handler),
      off: (event: string) => handlers.delete(event),
    },
    setIdle: (seconds: number) => (idle = seconds),
    emit: (event: string) => handlers.get(event)?.(),
    listening: () => handlers.size,
  };
}

describe('system idle reports', () => {
  it('reports the system idle time at once and every interval, as idle as can be while the screen is locked', () => {
    vi.useFakeTimers();
    const power = fakePowerMonitor();
    const reports: ReportIdleRequest[] = [];
    const stop = reportSystemIdle(power.monitor as never, { reportIdle: async (request) => (reports.push(request), { ok: true, value: null }) });
    expect(reports).toEqual([{ idleSeconds: 0, source: 'system' }]);
    power.setIdle(42);
    vi.advanceTimersByTime(IDLE_REPORT_INTERVAL_MS);
    expect(reports.at(-1)).toEqual({ idleSeconds: 42, source: 'system' });
    power.emit('lock-screen');
    power.setIdle(1);
    vi.advanceTimersByTime(IDLE_REPORT_INTERVAL_MS);
    expect(reports.at(-1)?.idleSeconds).toBe(Number.MAX_SAFE_INTEGER);
    power.emit('unlock-screen');
    expect(reports.at(-1)).toEqual({ idleSeconds: 1, source: 'system' });
    stop();
    const count = reports.length;
    vi.advanceTimersByTime(5 * IDLE_REPORT_INTERVAL_MS);
    expect(reports).toHaveLength(count);
    expect(power.listening()).toBe(0);
  });
});
