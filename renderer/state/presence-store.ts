/**
 * The presence slice of the renderer: profile-wide presence preferences (recent status messages,
 * automatic away) and the last activity asked of offline contacts. Its own small store, fed by the
 * onPresencePreferences event and by the answers to getLastActivity.
 */
import { create } from 'zustand';
import type { AccountId, AutoAwaySettings, InvisibilityState, JabberApi, Jid, LastActivity, PresencePreferences, Result, Unsubscribe } from '../../app/shared/contract.ts';
import { getApi } from '../api.ts';
import { call } from './actions.ts';
import type { ConversationRef } from './model.ts';

export interface PresenceState {
  /** Null until the core has answered. */
  readonly preferences: PresencePreferences | null;
  /** Per `account jid`: what the contact's server said about their last activity. */
  readonly lastActivity: Readonly<Record<string, LastActivity>>;
  /** Per account: whether its server offers invisibility (XEP-0186) and whether it is invisible. */
  readonly invisibility: Readonly<Record<AccountId, InvisibilityState>>;
}

export const usePresenceStore = create<PresenceState>()(() => ({ preferences: null, lastActivity: {}, invisibility: {} }));

const key = (account: AccountId, jid: Jid): string => `${account} ${jid}`;

export const useRecentStatuses = (): readonly string[] => usePresenceStore((state) => state.preferences?.recentStatuses ?? NO_STATUSES);
const NO_STATUSES: readonly string[] = [];
export const useAutoAway = (): AutoAwaySettings | null => usePresenceStore((state) => state.preferences?.autoAway ?? null);
export const lastActivityOf = (lastActivity: PresenceState['lastActivity'], account: AccountId, jid: Jid): LastActivity | undefined => lastActivity[key(account, jid)];
export const useLastActivity = (ref: ConversationRef): LastActivity | undefined => usePresenceStore((state) => lastActivityOf(state.lastActivity, ref.account, ref.peer));

const applyPreferences = (preferences: PresencePreferences): void => usePresenceStore.setState({ preferences });
const applyInvisibility = (state: InvisibilityState): void =>
  usePresenceStore.setState((current) => ({ invisibility: { ...current.invisibility, [state.account]: state } }));

export const useInvisibility = (account: AccountId): InvisibilityState | undefined => usePresenceStore((state) => state.invisibility[account]);

export function setInvisible(account: AccountId, invisible: boolean): Promise<Result<null>> {
  return call(() => getApi().setInvisible({ account, invisible }));
}

export async function setAutoAway(settings: AutoAwaySettings): Promise<Result<PresencePreferences>> {
  const result = await call(() => getApi().setAutoAway(settings));
  if (result.ok) applyPreferences(result.value);
  return result;
}

export async function forgetRecentStatus(status: string): Promise<void> {
  const result = await call(() => getApi().forgetRecentStatus({ status }));
  if (result.ok) applyPreferences(result.value);
}

/** Asks when an offline contact was last seen; a failure (server without XEP-0012, refused) just shows nothing. */
export async function fetchLastActivity(ref: ConversationRef): Promise<void> {
  const result = await call(() => getApi().getLastActivity({ account: ref.account, jid: ref.peer }));
  if (!result.ok) return;
  usePresenceStore.setState((state) => ({ lastActivity: { ...state.lastActivity, [key(ref.account, ref.peer)]: result.value } }));
}

/** Page activity this recent counts as "active now": a report goes out at once when the user comes back. */
const RETURN_AFTER_MS = 30_000;
export const ACTIVITY_REPORT_INTERVAL_MS = 15_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Subscribes to the presence preferences and reports page activity (keyboard, pointer) as idle time.
 * In Electron the system's idle time outranks these reports in the core; in browser mode they are all there is.
 */
export function bindPresence(api: JabberApi, now: () => number = Date.now): Unsubscribe {
  const unsubscribes = [api.onPresencePreferences(applyPreferences), api.onInvisibility(applyInvisibility)];
  void call(() => api.getPresencePreferences()).then((result) => {
    if (result.ok) applyPreferences(result.value);
  });
  void call(() => api.getInvisibility()).then((result) => {
    if (result.ok) for (const state of result.value) applyInvisibility(state);
  });
  let lastActivity = now();
  const report = (): void => void call(() => api.reportIdle({ idleSeconds: Math.floor((now() - lastActivity) / 1000), source: 'activity' }));
  // A page in the background sees no input: it says nothing (the core's clock carries on), so that the
  // page in use, in another tab, is not contradicted.
  const reportIfVisible = (): void => {
    if (globalThis.document?.visibilityState !== 'hidden') report();
  };
  const onActivity = (): void => {
    const wasIdle = now() - lastActivity >= RETURN_AFTER_MS;
    lastActivity = now();
    if (wasIdle) report();
  };
  for (const name of ACTIVITY_EVENTS) globalThis.addEventListener?.(name, onActivity, { passive: true, capture: true });
  const timer = setInterval(reportIfVisible, ACTIVITY_REPORT_INTERVAL_MS);
  report();
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
    clearInterval(timer);
    for (const name of ACTIVITY_EVENTS) globalThis.removeEventListener?.(name, onActivity, { capture: true });
  };
}
