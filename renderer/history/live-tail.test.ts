import { describe, expect, it } from 'vitest';
import { message } from '../state/test-data.ts';
import { REVEAL_STEP, revealedStart, TAIL_KEEP, TAIL_MAX, tailStart, trimmedStart } from './live-tail.ts';
import { messageKey } from './rows.ts';

const list = (n: number) => Array.from({ length: n }, () => message({ conversation: 'bob@example.test' }));

describe('live tail', () => {
  it('hides the oldest shown messages only while following, and only past the limit', () => {
    expect(trimmedStart(TAIL_MAX, 0, true)).toBe(0);
    expect(trimmedStart(TAIL_MAX + 1, 0, true)).toBe(TAIL_MAX + 1 - TAIL_KEEP);
    expect(trimmedStart(10_000, 9_700, true)).toBe(9_700);
    expect(trimmedStart(10_000, 9_500, true)).toBe(10_000 - TAIL_KEEP);
    // A reader scrolled up keeps everything below what they read.
    expect(trimmedStart(10_000, 0, false)).toBe(0);
  });

  it('reveals hidden messages a page at a time, down to the first', () => {
    expect(revealedStart(350)).toBe(350 - REVEAL_STEP);
    expect(revealedStart(REVEAL_STEP - 1)).toBe(0);
  });

  it('finds the first shown message again after messages were added before it, or starts over when it is gone', () => {
    const messages = list(1000);
    const key = messageKey(messages[600]!);
    expect(tailStart(messages, key, 600)).toBe(600);
    // An older page prepended: found near the old index, or by a full scan when far off.
    expect(tailStart([...list(50), ...messages], key, 600)).toBe(650);
    expect(tailStart([...list(900), ...messages], key, 600)).toBe(1500);
    // Another stretch of history replaced the list.
    expect(tailStart(list(100), key, 600)).toBe(0);
    expect(tailStart(messages, null, 600)).toBe(0);
  });
});
