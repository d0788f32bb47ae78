/** How long ago, in the words the contact list and the conversation header use: "idle for 12 min", "last seen 3 h ago". */
import { t } from '../i18n/i18n.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A contact idle since then: "idle for 12 min" (idle under a minute reads "idle"). */
export function idleText(since: number, now: number): string {
  const ms = now - since;
  if (ms < MINUTE) return t('idle');
  if (ms < HOUR) return t('idle for {{count}} min', { count: Math.floor(ms / MINUTE) });
  if (ms < DAY) return t('idle for {{count}} h', { count: Math.floor(ms / HOUR) });
  return t('idle for {{count}} days', { count: Math.floor(ms / DAY) });
}

/** An offline contact last active then: "last seen 3 h ago" ("last seen just now" under a minute). */
export function lastSeenText(since: number, now: number): string {
  const ms = now - since;
  if (ms < MINUTE) return t('last seen just now');
  if (ms < HOUR) return t('last seen {{count}} min ago', { count: Math.floor(ms / MINUTE) });
  if (ms < DAY) return t('last seen {{count}} h ago', { count: Math.floor(ms / HOUR) });
  return t('last seen {{count}} days ago', { count: Math.floor(ms / DAY) });
}
