/**
 * The live tail of a conversation log: while the reader follows the newest messages, the log lays
 * out only the newest few hundred of those held in memory, so a burst of thousands of incoming
 * messages costs the same per frame at the end as at the start (rows, keys and layout are rebuilt
 * from what is shown on every change). Scrolling up reveals the hidden ones a page at a time, before
 * any older page is asked of the store.
 */
import type { ChatMessage } from '../../app/shared/contract.ts';
import { messageKey } from './rows.ts';

/** Past this many shown messages while following, the oldest shown are hidden... */
export const TAIL_MAX = 400;
/** ...down to this many. */
export const TAIL_KEEP = 200;
/** Hidden messages revealed at a time when the reader scrolls up to the top of the tail. */
export const REVEAL_STEP = 100;

/**
 * Where the shown part starts: the index of the message with `key` (looked for at `hint` first, the
 * index it had last time, then near it), 0 when it is gone (another stretch of history replaced the list).
 */
export function tailStart(messages: readonly ChatMessage[], key: string | null, hint: number): number {
  if (key === null) return 0;
  const at = (index: number): boolean => index >= 0 && index < messages.length && messageKey(messages[index]!) === key;
  if (at(hint)) return hint;
  // Messages inserted or revealed before it move it by a page or so; a full scan is the last resort.
  for (let distance = 1; distance <= REVEAL_STEP * 2; distance += 1) {
    if (at(hint + distance)) return hint + distance;
    if (at(hint - distance)) return hint - distance;
  }
  const index = messages.findIndex((message) => messageKey(message) === key);
  return index < 0 ? 0 : index;
}

/** The start after new messages arrived: the oldest shown are hidden when a follower has too many. */
export function trimmedStart(length: number, start: number, following: boolean): number {
  return following && length - start > TAIL_MAX ? length - TAIL_KEEP : start;
}

/** The start after the reader scrolled to the top of what is shown. */
export const revealedStart = (start: number): number => Math.max(0, start - REVEAL_STEP);
