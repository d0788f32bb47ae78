import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAutoAway, createJsonPresencePreferencesStore, DEFAULT_PRESENCE_PREFERENCES } from './presence-preferences-store.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function file(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'presence-prefs-'));
  dirs.push(dir);
  return path.join(dir, 'presence.json');
}

describe('presence preferences file', () => {
  it('keeps recent statuses and automatic away in a file only its owner can read', async () => {
    const where = await file();
    const preferences = { recentStatuses: ['In a meeting', 'Lunch'], autoAway: { enabled: false, awayAfterMinutes: 10, xaAfterMinutes: 60 } };
    await createJsonPresencePreferencesStore(where).save(preferences);
    expect((await stat(where)).mode & 0o777).toBe(0o600);
    expect(await createJsonPresencePreferencesStore(where).load()).toEqual(preferences);
  });

  it('falls back to the defaults (away after 5 minutes, extended away after 30) for a missing or damaged file', async () => {
    const where = await file();
    expect(await createJsonPresencePreferencesStore(where).load()).toEqual(DEFAULT_PRESENCE_PREFERENCES);
    expect(DEFAULT_PRESENCE_PREFERENCES.autoAway).toEqual({ enabled: true, awayAfterMinutes: 5, xaAfterMinutes: 30 });
    await writeFile(where, '{ not json');
    expect(await createJsonPresencePreferencesStore(where).load()).toEqual(DEFAULT_PRESENCE_PREFERENCES);
    await writeFile(where, JSON.stringify({ recentStatuses: ['ok', 3, ''], autoAway: { enabled: true, awayAfterMinutes: 30, xaAfterMinutes: 5 } }));
    expect(await createJsonPresencePreferencesStore(where).load()).toEqual({ recentStatuses: ['ok'], autoAway: DEFAULT_PRESENCE_PREFERENCES.autoAway });
  });

  it('accepts only whole minutes, extended away after away', () => {
    expect(checkAutoAway({ enabled: true, awayAfterMinutes: 5, xaAfterMinutes: 30 })).not.toBeNull();
    expect(checkAutoAway({ enabled: true, awayAfterMinutes: 0, xaAfterMinutes: 30 })).toBeNull();
    expect(checkAutoAway({ enabled: true, awayAfterMinutes: 5.5, xaAfterMinutes: 30 })).toBeNull();
    expect(checkAutoAway({ enabled: true, awayAfterMinutes: 30, xaAfterMinutes: 30 })).toBeNull();
    expect(checkAutoAway({ enabled: 'yes', awayAfterMinutes: 5, xaAfterMinutes: 30 })).toBeNull();
  });
});
