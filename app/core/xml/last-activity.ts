/**
 * Last activity into plain numbers: XEP-0319 `<idle since=…/>` and XEP-0256 `<query seconds=…/>` in
 * presence, and XEP-0012 `jabber:iq:last` answers.
 */
import type { Element } from '@xmpp/xml';
import { NS } from './namespaces.ts';

/** More than a century: not a duration anybody means. */
const MAX_SECONDS = 100 * 365 * 24 * 3600;
const MAX_STATUS_LENGTH = 1024;

function parseSeconds(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,10}$/u.test(text.trim())) return null;
  const seconds = Number(text.trim());
  return seconds <= MAX_SECONDS ? seconds : null;
}

/** XEP-0082 date-time with a time zone (`Z` or an offset), as XEP-0319 requires. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/u;

/** When the sender became idle (milliseconds since the epoch, never later than now); undefined when not said or not readable. */
export function parseIdleSince(presence: Element, now: number): number | undefined {
  const since = presence.getChild('idle', NS.idle)?.attrs.since;
  if (typeof since === 'string' && DATE_TIME.test(since.trim())) {
    const time = Date.parse(since.trim());
    if (Number.isFinite(time)) return Math.min(time, now);
  }
  // XEP-0256 (older clients): idle for that many seconds when the presence was sent.
  const seconds = parseSeconds(presence.getChild('query', NS.lastActivity)?.attrs.seconds);
  return seconds === null ? undefined : now - seconds * 1000;
}

export interface LastActivityAnswer {
  readonly seconds: number;
  /** Status text of an offline account's last unavailable presence; empty when none. */
  readonly status: string;
}

/** The payload of a XEP-0012 result, or null when it has none or its seconds are not a number. */
export function parseLastActivityResult(iq: Element): LastActivityAnswer | null {
  const query = iq.getChild('query', NS.lastActivity);
  if (query === undefined) return null;
  const seconds = parseSeconds(query.attrs.seconds);
  if (seconds === null) return null;
  return { seconds, status: query.text().trim().slice(0, MAX_STATUS_LENGTH) };
}
