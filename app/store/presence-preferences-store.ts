/**
 * Presence settings for the whole profile: the status messages set lately and automatic away.
 * A JSON file written atomically for its owner only (status messages can be personal), or memory for tests.
 */
import type { AutoAwaySettings, PresencePreferences } from '../shared/contract.ts';
import { readFileIfExists, WriteChain, writeFileAtomic } from './atomic-file.ts';

export interface PresencePreferencesStore {
  load(): Promise<PresencePreferences>;
  save(preferences: PresencePreferences): Promise<void>;
}

/** How many recent status messages are kept (and offered). */
export const MAX_RECENT_STATUSES = 8;
export const MAX_AUTO_AWAY_MINUTES = 1440;
/** Away after 5 idle minutes, extended away after 30, as Gajim and Pidgin do by default. */
export const DEFAULT_AUTO_AWAY: AutoAwaySettings = { enabled: true, awayAfterMinutes: 5, xaAfterMinutes: 30 };
export const DEFAULT_PRESENCE_PREFERENCES: PresencePreferences = { recentStatuses: [], autoAway: DEFAULT_AUTO_AWAY };

const isMinutes = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_AUTO_AWAY_MINUTES;

/** Valid settings, or null. */
export function checkAutoAway(value: unknown): AutoAwaySettings | null {
  if (typeof value !== 'object' || value === null) return null;
  const { enabled, awayAfterMinutes, xaAfterMinutes } = value as Record<string, unknown>;
  if (typeof enabled !== 'boolean' || !isMinutes(awayAfterMinutes) || !isMinutes(xaAfterMinutes) || xaAfterMinutes <= awayAfterMinutes) return null;
  return { enabled, awayAfterMinutes, xaAfterMinutes };
}

/** What a file holds, each part falling back to its default when missing or damaged. */
export function parsePresencePreferences(text: string): PresencePreferences {
  try {
    const value = JSON.parse(text) as { recentStatuses?: unknown; autoAway?: unknown };
    const recent = Array.isArray(value.recentStatuses)
      ? value.recentStatuses.filter((status): status is string => typeof status === 'string' && status.trim().length > 0).slice(0, MAX_RECENT_STATUSES)
      : [];
    return { recentStatuses: recent, autoAway: checkAutoAway(value.autoAway) ?? DEFAULT_AUTO_AWAY };
  } catch {
    return DEFAULT_PRESENCE_PREFERENCES;
  }
}

export function createJsonPresencePreferencesStore(file: string): PresencePreferencesStore {
  const writes = new WriteChain();
  return {
    async load() {
      const text = await readFileIfExists(file);
      return text === null ? DEFAULT_PRESENCE_PREFERENCES : parsePresencePreferences(text);
    },
    save(preferences) {
      const content = `${JSON.stringify({ version: 1, recentStatuses: preferences.recentStatuses, autoAway: preferences.autoAway }, null, 2)}\n`;
      return writes.run(() => writeFileAtomic(file, content));
    },
  };
}

export function createMemoryPresencePreferencesStore(initial: PresencePreferences = DEFAULT_PRESENCE_PREFERENCES): PresencePreferencesStore {
  let stored = initial;
  return {
    async load() {
      return stored;
    },
    async save(preferences) {
      stored = preferences;
    },
  };
}
