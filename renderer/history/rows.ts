/**
 * The rows a conversation log shows: one per message, with a day separator before the first message
 * of each day and "grouped" set on a message that follows one from the same sender a moment before
 * (its sender line is then not repeated, as Conversations, Dino and Gajim do).
 */
import type { ChatMessage } from '../../app/shared/contract.ts';
import { currentLanguage, t } from '../i18n/i18n.ts';
import { dateTimeFormat } from '../text/intl.ts';
import { locale } from '../text/time.ts';

/** A message more than this long after the previous one from the same sender starts a new group. */
export const GROUP_GAP_MS = 5 * 60_000;

export interface LogRow {
  /** Unique per conversation: direction and id (ids are unique per sender only). */
  readonly key: string;
  readonly message: ChatMessage;
  /** The day this message starts, as people read it ("Today", "Monday, 30 November 2026"); null when not the first of its day. */
  readonly day: string | null;
  /** Same sender as the previous message, shortly after it, on the same day. */
  readonly grouped: boolean;
  /** It replies to a message (loaded here) that has since been retracted: the quote shows none of its words. */
  readonly quoteRetracted: boolean;
}

export const messageKey = (message: Pick<ChatMessage, 'direction' | 'id'>): string => `${message.direction}:${message.id}`;

const dayStart = (timestamp: number): number => {
  const date = new Date(timestamp);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
};

/** Day starts of messages already seen: rows are rebuilt on every new message, dates are costly. */
const dayOfMessage = new WeakMap<ChatMessage, number>();
function messageDay(message: ChatMessage): number {
  let day = dayOfMessage.get(message);
  if (day === undefined) {
    day = dayStart(message.timestamp);
    dayOfMessage.set(message, day);
  }
  return day;
}

const longDay = (): Intl.DateTimeFormat => dateTimeFormat(locale(currentLanguage()), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** "Today", "Yesterday", or the full date. */
export function dayLabel(timestamp: number, now: number = Date.now()): string {
  const day = dayStart(timestamp);
  const today = dayStart(now);
  if (day === today) return t('Today');
  // Yesterday's start is today's start minus one calendar day (not 24 h: days change length with DST).
  const date = new Date(today);
  if (day === new Date(date.getFullYear(), date.getMonth(), date.getDate() - 1).getTime()) return t('Yesterday');
  return longDay().format(new Date(timestamp));
}

const senderOf = (message: ChatMessage): string => {
  const slash = message.from.indexOf('/');
  return `${message.direction}\u0000${slash === -1 ? message.from : message.from.slice(0, slash)}`;
};

/**
 * `earlierRows`: the rows of an earlier build; an unchanged row is reused (same object), so the views
 * drawing rows that did not change are not drawn again when a message arrives.
 */
/** The ids of the retracted messages among these: a reply to one of them no longer quotes it. */
export function retractedIds(messages: readonly ChatMessage[]): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const message of messages) if (message.retracted === true) ids.add(message.id);
  return ids;
}

/** Whether a message replies to one of `retracted` (in a room the reply names the original's stored id too). */
export function quotesRetracted(message: ChatMessage, retracted: ReadonlySet<string>): boolean {
  const replyTo = message.replyTo;
  return replyTo !== undefined && retracted.has(replyTo.messageId ?? replyTo.id);
}

export function buildRows(messages: readonly ChatMessage[], now: number = Date.now(), earlierRows: readonly LogRow[] = []): LogRow[] {
  const retracted = retractedIds(messages);
  const earlier = new Map<ChatMessage, LogRow>();
  for (const row of earlierRows) earlier.set(row.message, row);
  const rows: LogRow[] = [];
  let previous: ChatMessage | undefined;
  for (const message of messages) {
    const newDay = previous === undefined || messageDay(previous) !== messageDay(message);
    const grouped =
      previous !== undefined && !newDay && senderOf(previous) === senderOf(message) && message.timestamp - previous.timestamp <= GROUP_GAP_MS;
    const day = newDay ? dayLabel(message.timestamp, now) : null;
    const before = earlier.get(message);
    const quoteRetracted = quotesRetracted(message, retracted);
    rows.push(
      before !== undefined && before.day === day && before.grouped === grouped && before.quoteRetracted === quoteRetracted
        ? before
        : { key: messageKey(message), message, day, grouped, quoteRetracted },
    );
    previous = message;
  }
  return rows;
}
