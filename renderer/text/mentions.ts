/**
 * Mentions in group chat: a message names our nickname as a word (case ignored). Pure functions, used
 * by the room's log (highlight), the Rooms list (mention counts) and notifications (a room set to
 * "mentions" notifies only these).
 */
import type { ChatMessage } from '../../app/shared/contract.ts';

/** Whether the text names `nick` as a word (a mention). */
export function mentions(text: string, nick: string): boolean {
  if (nick === '') return false;
  const escaped = nick.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}($|[^\\p{L}\\p{N}_])`, 'iu').test(text);
}

/** An incoming room message that mentions us (never our own, nor one retracted). */
export const mentionsMe = (message: ChatMessage, nick: string): boolean =>
  message.direction === 'in' && message.retracted !== true && (message.mentionsMe === true || mentions(message.body, nick));

/** How many of the room's `unread` newest incoming messages (of those loaded) mention us. */
export function unreadMentions(messages: readonly ChatMessage[], unread: number, nick: string): number {
  if (unread <= 0 || nick === '') return 0;
  let seen = 0;
  let count = 0;
  for (let index = messages.length - 1; index >= 0 && seen < unread; index -= 1) {
    const message = messages[index];
    if (message === undefined || message.direction !== 'in') continue;
    seen += 1;
    if (mentionsMe(message, nick)) count += 1;
  }
  return count;
}
