import { describe, expect, it } from 'vitest';
import type { ChatMessage, MessagePage } from '../../app/shared/contract.ts';
import { applyPage, windowOf } from './history.ts';
import { initialChats } from './model.ts';
import { applyMessage, selectConversation } from './reducers.ts';
import { message } from './test-data.ts';

const ME = 'me@example.com';
const BOB = 'bob@example.com';
const withBob = { account: ME, peer: BOB };
const stored = (n: number): ChatMessage => message({ conversation: BOB, id: `s${n}`, timestamp: 1000 + n, cursor: `${1000 + n}:${n}` });
const page = (from: number, to: number, older: boolean, newer: boolean): MessagePage => {
  const messages = Array.from({ length: to - from }, (_, i) => stored(from + i));
  return { messages, older: older ? messages[0]!.cursor! : null, newer: newer ? messages.at(-1)!.cursor! : null };
};
const ids = (state: typeof initialChats): string[] => (state.messages[ME]?.[BOB] ?? []).map((m) => m.id);

describe('paging a conversation’s history', () => {
  it('replaces the list with the newest page, keeping live messages after its end, then prepends older pages', () => {
    const live = message({ conversation: BOB, id: 'live', timestamp: 5000 });
    let state = applyMessage(initialChats, { account: ME, message: stored(1) });
    state = applyMessage(state, { account: ME, message: live });
    state = applyPage(state, withBob, page(10, 20, true, false), 'replace');
    expect(ids(state)).toEqual([...Array.from({ length: 10 }, (_, i) => `s${10 + i}`), 'live']);
    expect(windowOf(state, withBob)).toEqual({ older: '1010:10', newer: null });
    state = applyPage(state, withBob, page(0, 11, false, true), 'older');
    expect(ids(state).slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => `s${i}`));
    expect(ids(state)).toHaveLength(21);
    expect(windowOf(state, withBob)).toEqual({ older: null, newer: null });
  });

  it('after a jump, live messages wait until the pages reach the end', () => {
    let state = applyPage(initialChats, withBob, page(0, 10, false, true), 'replace');
    const live = message({ conversation: BOB, id: 'live', timestamp: 9000 });
    const afterLive = applyMessage(state, { account: ME, message: live });
    expect(ids(afterLive)).not.toContain('live');
    state = selectConversation(state, withBob);
    expect(applyMessage(state, { account: ME, message: live })).toBe(state);
    state = applyPage(state, withBob, { ...page(10, 12, true, false), messages: [...page(10, 12, true, false).messages, live] }, 'newer');
    expect(ids(state).slice(-3)).toEqual(['s10', 's11', 'live']);
    expect(windowOf(state, withBob)?.newer).toBeNull();
    const next = message({ conversation: BOB, id: 'next', timestamp: 9999 });
    expect(ids(applyMessage(state, { account: ME, message: next })).at(-1)).toBe('next');
  });
});
