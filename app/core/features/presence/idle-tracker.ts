/**
 * When the user was last active, from idle reports (the system's idle time in Electron, page activity in
 * browser mode), and what automatic away makes of it: nothing, "away" or "extended away".
 */
import type { AutoAwaySettings } from '../../../shared/contract.ts';

export type IdleLevel = 'away' | 'xa';

export interface IdleState {
  readonly level: IdleLevel;
  /** The user's last activity, in milliseconds since the epoch (goes out as XEP-0319 `since`). */
  readonly since: number;
}

export interface IdleTracker {
  report(idleSeconds: number, source: 'system' | 'activity'): void;
  /** The automatic-away settings changed: decide again from what is known. */
  reconsider(): void;
  /** Whole seconds since the user's last activity (XEP-0012 answers). */
  idleSeconds(): number;
  state(): IdleState | null;
  stop(): void;
}

/** A system report this recent outranks page activity (Electron reports every few seconds). */
export const SYSTEM_REPORT_VALID_MS = 2 * 60_000;
/**
 * Between reports the idle time keeps growing: decide again this often. A page hidden in the background
 * (browser mode) stops reporting, and the user still goes away on time.
 */
export const RECONSIDER_EVERY_MS = 20_000;

export function idleLevel(idleMs: number, settings: AutoAwaySettings): IdleLevel | null {
  if (!settings.enabled) return null;
  if (idleMs >= settings.xaAfterMinutes * 60_000) return 'xa';
  if (idleMs >= settings.awayAfterMinutes * 60_000) return 'away';
  return null;
}

export function createIdleTracker(deps: {
  settings: () => AutoAwaySettings;
  changed: (state: IdleState | null) => void;
  now?: () => number;
  /** Default RECONSIDER_EVERY_MS; 0: only on reports (tests). */
  reconsiderEveryMs?: number;
}): IdleTracker {
  const now = deps.now ?? Date.now;
  // Starting the app counts as activity.
  let lastActiveAt = now();
  let lastSystemReportAt = -Infinity;
  let state: IdleState | null = null;

  function decide(): void {
    const level = idleLevel(now() - lastActiveAt, deps.settings());
    if (level === (state?.level ?? null)) return;
    // Going from away to extended away keeps the moment the user left.
    state = level === null ? null : { level, since: state?.since ?? lastActiveAt };
    deps.changed(state);
  }

  const every = deps.reconsiderEveryMs ?? RECONSIDER_EVERY_MS;
  const timer = every > 0 ? setInterval(decide, every) : null;
  timer?.unref?.();

  return {
    stop() {
      if (timer !== null) clearInterval(timer);
    },
    report(idleSeconds, source) {
      const at = now();
      if (source === 'system') lastSystemReportAt = at;
      else if (at - lastSystemReportAt < SYSTEM_REPORT_VALID_MS) return;
      lastActiveAt = at - Math.max(0, idleSeconds) * 1000;
      decide();
    },
    reconsider: decide,
    idleSeconds: () => Math.max(0, Math.floor((now() - lastActiveAt) / 1000)),
    state: () => state,
  };
}
