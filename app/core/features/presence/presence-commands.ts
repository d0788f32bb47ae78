/**
 * The presence slice of the service: profile-wide presence preferences (recent status messages,
 * automatic away), the user's idleness shared by every account, and invisibility.
 */
import { phrase } from '../../../shared/phrase.ts';
import type { AccountId, AutoAwaySettings, InvisibilityState, PresenceCommands, PresencePreferences, Result } from '../../../shared/contract.ts';
import { fail, ok } from '../../../shared/result.ts';
import {
  checkAutoAway, DEFAULT_PRESENCE_PREFERENCES, MAX_AUTO_AWAY_MINUTES, MAX_RECENT_STATUSES, type PresencePreferencesStore,
} from '../../../store/presence-preferences-store.ts';
import type { AccountRuntime } from '../../accounts/accounts-runtime.ts';
import { isRecord, parseAccountId } from '../../accounts/accounts-input.ts';
import { createIdleTracker } from './idle-tracker.ts';
import type { IdleSource } from '../../session/session.ts';

/** The newest first, each once, a handful at most. */
export function rememberStatus(recent: readonly string[], status: string): string[] {
  const text = status.trim();
  if (text.length === 0) return [...recent];
  return [text, ...recent.filter((known) => known !== text)].slice(0, MAX_RECENT_STATUSES);
}

/** A week: more idle than that is "idle", whatever the number. */
const MAX_IDLE_SECONDS = 7 * 24 * 3600;

/** getLastActivity is the last-activity feature's, on its account's session (last-activity.ts). */
export type PresenceSliceCommands = Omit<PresenceCommands, 'getLastActivity'>;

export interface PresenceSlice {
  readonly commands: PresenceSliceCommands;
  /** What every account's session reads its idleness from. */
  readonly idle: IdleSource;
  /** A status message the user set: offered again later. */
  remember(status: string): Promise<void>;
  dispose(): void;
}

export function createPresenceSlice(deps: {
  store: PresencePreferencesStore;
  runtimes: () => Iterable<AccountRuntime>;
  /** The configured accounts, in order. */
  accounts: () => readonly AccountId[];
  /** The runtime of a configured account, or the error to answer with. */
  configured: (account: AccountId) => Result<AccountRuntime>;
  /** The service is ready (accounts loaded). */
  ready: () => Promise<void>;
  changed: (preferences: PresencePreferences) => void;
  log: (message: string) => void;
}): PresenceSlice {
  let preferences: PresencePreferences = DEFAULT_PRESENCE_PREFERENCES;
  const tracker = createIdleTracker({
    settings: () => preferences.autoAway,
    changed: (state) => {
      for (const runtime of deps.runtimes()) runtime.setIdle(state);
    },
  });
  const loaded = deps.store.load().then(
    (stored) => {
      preferences = stored;
      tracker.reconsider();
    },
    (error: unknown) => deps.log(`Could not read the presence settings: ${error instanceof Error ? error.message : String(error)}`),
  );

  async function update(next: PresencePreferences): Promise<PresencePreferences> {
    preferences = next;
    deps.changed(next);
    await deps.store.save(next).catch((error: unknown) => deps.log(`Could not save the presence settings: ${error instanceof Error ? error.message : String(error)}`));
    return next;
  }

  const commands: PresenceSliceCommands = {
    async getPresencePreferences() {
      await loaded;
      return ok(preferences);
    },
    async setAutoAway(request: unknown) {
      await loaded;
      const settings: AutoAwaySettings | null = checkAutoAway(request);
      if (settings === null) {
        return fail('invalid-argument', phrase('Automatic away needs whole minutes from 1 to {{max}}, extended away later than away.', { max: MAX_AUTO_AWAY_MINUTES }));
      }
      const next = await update({ ...preferences, autoAway: settings });
      tracker.reconsider();
      return ok(next);
    },
    async forgetRecentStatus(request: unknown) {
      await loaded;
      if (!isRecord(request) || typeof request.status !== 'string') return fail('invalid-argument', 'Say which status message to forget.');
      const status = request.status.trim();
      return ok(await update({ ...preferences, recentStatuses: preferences.recentStatuses.filter((known) => known !== status) }));
    },
    async reportIdle(request: unknown) {
      if (!isRecord(request) || typeof request.idleSeconds !== 'number' || !Number.isFinite(request.idleSeconds) || request.idleSeconds < 0) {
        return fail('invalid-argument', 'Report idle time as a number of seconds (0 or more).');
      }
      if (request.source !== 'system' && request.source !== 'activity') return fail('invalid-argument', 'Say where the idle time comes from: system or activity.');
      await loaded;
      tracker.report(Math.min(request.idleSeconds, MAX_IDLE_SECONDS), request.source);
      return ok(null);
    },
    async setInvisible(request: unknown) {
      await deps.ready();
      if (!isRecord(request) || typeof request.invisible !== 'boolean') return fail('invalid-argument', 'Say whether to be invisible (true or false).');
      const account = parseAccountId(request.account);
      if (!account.ok) return account;
      const runtime = deps.configured(account.value);
      return runtime.ok ? runtime.value.setInvisible(request.invisible) : runtime;
    },
    async getInvisibility() {
      await deps.ready();
      const states: InvisibilityState[] = [];
      for (const account of deps.accounts()) {
        const runtime = deps.configured(account);
        if (runtime.ok) states.push({ account, ...runtime.value.invisibility() });
      }
      return ok(states);
    },
  };

  return {
    commands,
    idle: { state: () => tracker.state(), idleSeconds: () => tracker.idleSeconds() },
    dispose: () => tracker.stop(),
    async remember(status) {
      await loaded;
      const recent = rememberStatus(preferences.recentStatuses, status);
      if (recent.join('\n') !== preferences.recentStatuses.join('\n')) await update({ ...preferences, recentStatuses: recent });
    },
  };
}
