/** How long ago, in the words the contact list and the conversation header use: "idle for 12 min", "last seen 3 h ago". */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "12 min", "3 h", "2 days"; under a minute: null. */
export function durationWords(ms: number): string | null {
  if (ms < MINUTE) return null;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  const days = Math.floor(ms / DAY);
  return days === 1 ? '1 day' : `${days} days`;
}

/** A contact idle since then: "idle for 12 min" (idle under a minute reads "idle"). */
export function idleText(since: number, now: number): string {
  const words = durationWords(now - since);
  return words === null ? 'idle' : `idle for ${words}`;
}

/** An offline contact last active then: "last seen 3 h ago" ("last seen just now" under a minute). */
export function lastSeenText(since: number, now: number): string {
  const words = durationWords(now - since);
  return words === null ? 'last seen just now' : `last seen ${words} ago`;
}
