/**
 * The system's idle time (no keyboard or pointer input anywhere), reported to the core for automatic
 * away and last-activity answers. Kept thin: the core decides what idleness means.
 */
import type { PowerMonitor } from 'electron';
import type { JabberService } from '../app/core/service-types.ts';

/** Often enough that "away" comes within a quarter of a minute of the threshold, and back as soon. */
export const IDLE_REPORT_INTERVAL_MS = 15_000;

export function reportSystemIdle(powerMonitor: Pick<PowerMonitor, 'getSystemIdleTime' | 'on' | 'off'>, service: Pick<JabberService, 'reportIdle'>): () => void {
  // A locked screen means the user is away, whatever the input counters say.
  let locked = false;
  const poll = (): void => void service.reportIdle({ idleSeconds: locked ? Number.MAX_SAFE_INTEGER : powerMonitor.getSystemIdleTime(), source: 'system' });
  const onLock = (): void => {
    locked = true;
    poll();
  };
  const onUnlock = (): void => {
    locked = false;
    poll();
  };
  const timer = setInterval(poll, IDLE_REPORT_INTERVAL_MS);
  powerMonitor.on('lock-screen', onLock);
  powerMonitor.on('unlock-screen', onUnlock);
  poll();
  return () => {
    clearInterval(timer);
    powerMonitor.off('lock-screen', onLock);
    powerMonitor.off('unlock-screen', onUnlock);
  };
}
