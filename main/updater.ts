/**
 * Updates (issue 11 item 9): electron-updater with a generic provider. The feed is electron-builder's `publish`
 * (app-update.yml in the package) unless the organisation's policy names its own server or channel; updates are
 * off in development, off while the policy file is invalid, and off when the policy says so.
 */
import type { PolicyState } from '../app/shared/policy.ts';

export type UpdatePlan =
  | { readonly check: false; readonly reason: string }
  | { readonly check: true; readonly url?: string; readonly channel?: string };

export function planUpdates({ isPackaged, policy }: { readonly isPackaged: boolean; readonly policy: PolicyState }): UpdatePlan {
  if (!isPackaged) return { check: false, reason: 'development build' };
  if (policy.state === 'invalid') return { check: false, reason: 'the policy file cannot be used' };
  const updates = policy.state === 'active' ? policy.policy.updates : undefined;
  if (updates?.enabled === false) return { check: false, reason: 'turned off by your organisation' };
  return { check: true, ...(updates?.url !== undefined ? { url: updates.url } : {}), ...(updates?.channel !== undefined ? { channel: updates.channel } : {}) };
}

/** The part of electron-updater's AppUpdater used here (tests pass a stand-in). */
export interface Updater {
  setFeedURL(options: { readonly provider: 'generic'; readonly url: string; readonly channel?: string }): void;
  channel: string | null;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

/** Applies the plan: sets the feed the policy names, then checks once now and every `everyMs`. */
export function startUpdates(updater: Updater, plan: UpdatePlan, log: (message: string) => void, everyMs = 6 * 60 * 60 * 1000): () => void {
  if (!plan.check) {
    log(`Updates are off: ${plan.reason}.`);
    return () => {};
  }
  if (plan.url !== undefined) updater.setFeedURL({ provider: 'generic', url: plan.url, ...(plan.channel !== undefined ? { channel: plan.channel } : {}) });
  else if (plan.channel !== undefined) updater.channel = plan.channel;
  const check = (): void => {
    updater.checkForUpdatesAndNotify().catch((error: unknown) => log(`Could not check for updates: ${error instanceof Error ? error.message : String(error)}`));
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
