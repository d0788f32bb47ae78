/** `<presence/>` stanzas (RFC 6121 §4) into plain data. */
import type { Element } from '@xmpp/xml';
import type { Jid, PresenceShow } from '../../shared/contract.ts';
import { formatBare, parseJid } from '../../shared/jid.ts';
import { parseIdleSince } from './last-activity.ts';
import { NS } from './namespaces.ts';

export type PresenceType = 'available' | 'unavailable' | 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed' | 'probe' | 'error';

export interface ParsedPresence {
  readonly type: PresenceType;
  readonly from: Jid;
  readonly bareFrom: Jid;
  readonly resource: string;
  readonly show: PresenceShow;
  readonly status: string;
  readonly priority: number;
  /** XEP-0172 nickname (sent with subscription requests); empty when none. */
  readonly nickname: string;
  /** XEP-0319 (or XEP-0256): idle since then, in milliseconds since the epoch; absent when not said. */
  readonly idleSince?: number;
}

const TYPES = new Set<string>(['unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe', 'error']);
const SHOWS: Record<string, PresenceShow> = { away: 'away', chat: 'online', dnd: 'dnd', xa: 'xa' };
const MAX_STATUS_LENGTH = 1024;
const MAX_NICKNAME_LENGTH = 256;

function parsePriority(text: string | null): number {
  const value = Number.parseInt(text ?? '', 10);
  if (!Number.isFinite(value)) return 0;
  return Math.max(-128, Math.min(127, value));
}

/** Picks the status text; one without xml:lang (or the first) when several languages are given. */
function pickStatus(presence: Element): string {
  const statuses = presence.getChildren('status');
  const chosen = statuses.find((status) => status.attrs['xml:lang'] === undefined) ?? statuses[0];
  return (chosen?.text() ?? '').trim().slice(0, MAX_STATUS_LENGTH);
}

/** Returns null when the stanza has no valid sender. */
export function parsePresence(presence: Element, now: number = Date.now()): ParsedPresence | null {
  const parsed = parseJid(presence.attrs.from ?? '');
  if (!parsed.ok) return null;
  const rawType = presence.attrs.type;
  if (rawType !== undefined && !TYPES.has(rawType)) return null;
  const type = (rawType ?? 'available') as PresenceType;
  const show = type === 'available' ? (SHOWS[presence.getChildText('show')?.trim() ?? ''] ?? 'online') : 'offline';
  const idleSince = type === 'available' ? parseIdleSince(presence, now) : undefined;
  return {
    type,
    from: presence.attrs.from ?? '',
    bareFrom: formatBare(parsed.jid),
    resource: parsed.jid.resource,
    show,
    status: pickStatus(presence),
    priority: parsePriority(presence.getChildText('priority')),
    nickname: (presence.getChild('nick', NS.nick)?.text() ?? '').trim().slice(0, MAX_NICKNAME_LENGTH),
    ...(idleSince !== undefined ? { idleSince } : {}),
  };
}
