/**
 * "idle for 12 min" (XEP-0319 in the contact's presence) or "last seen 3 h ago" (XEP-0012, asked of
 * an offline contact's server when their conversation opens, by its container), kept current by one
 * shared clock.
 */
import { useSyncExternalStore } from 'react';
import type { Contact, LastActivity } from '../../app/shared/contract.ts';
import { idleText, lastSeenText } from '../text/activity.ts';
import { useT } from '../i18n/use-t.ts';

const TICK_MS = 30_000;
let clockNow = Date.now();
const clockListeners = new Set<() => void>();
let clockTimer: ReturnType<typeof setInterval> | null = null;

function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  if (clockTimer === null) {
    // The first subscriber after a pause: the time read before may be old (React reads it again after subscribing).
    clockNow = Date.now();
    clockTimer = setInterval(() => {
      clockNow = Date.now();
      for (const notify of clockListeners) notify();
    }, TICK_MS);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0 && clockTimer !== null) {
      clearInterval(clockTimer);
      clockTimer = null;
    }
  };
}

const noSubscription = (): (() => void) => () => {};

/**
 * The time, to the half minute: one interval for every component that shows a duration. A component
 * with nothing to show (`needed` false) does not tick, so a long contact list is not redrawn for nothing.
 */
export function useClock(needed = true): number {
  return useSyncExternalStore(needed ? subscribeClock : noSubscription, () => clockNow);
}

/** What to say about the contact's activity, or null when nothing is known. */
export function activityText(contact: Contact | undefined, lastActivity: LastActivity | undefined, now: number): string | null {
  if (contact === undefined) return null;
  const { show, idleSince } = contact.presence;
  if (show !== 'offline') return idleSince === undefined ? null : idleText(idleSince, Math.max(now, idleSince));
  if (lastActivity?.since == null) return null;
  return lastSeenText(lastActivity.since, Math.max(now, lastActivity.since));
}

/** The activity text of a contact, refreshed as time passes. */
export function useActivityText(contact: Contact | undefined, lastActivity: LastActivity | undefined): string | null {
  const now = useClock(contact?.presence.idleSince !== undefined || lastActivity?.since != null);
  return activityText(contact, lastActivity, now);
}

/** For the conversation header. */
export function ContactActivity({ contact, lastActivity }: { contact: Contact | undefined; lastActivity: LastActivity | undefined }) {
  useT();
  const text = useActivityText(contact, lastActivity);
  return text === null ? null : <span className="contact-activity">{` · ${text}`}</span>;
}
