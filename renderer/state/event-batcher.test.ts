import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventBatcher } from './event-batcher.ts';
import { initialState, type JabberState } from './model.ts';
import { useJabberStore } from './store.ts';

afterEach(() => useJabberStore.setState(initialState, true));

describe('event batcher', () => {
  it('applies queued transitions together, in arrival order, merging back-to-back items of one kind into one call', async () => {
    const batcher = createEventBatcher(100, 50);
    const calls: string[][] = [];
    const log = (entry: string) => (state: JabberState): JabberState => ({ ...state, drafts: { ...state.drafts, log: { ...state.drafts['log'], [entry]: entry } } });
    const merged = (state: JabberState, items: readonly string[]): JabberState => {
      calls.push([...items]);
      return items.reduce((current, item) => log(item)(current), state);
    };
    let updates = 0;
    const unsubscribe = useJabberStore.subscribe(() => (updates += 1));
    batcher.enqueue(log('a'));
    batcher.enqueueMerged('message', 'b', merged);
    batcher.enqueueMerged('message', 'c', merged);
    batcher.enqueue(log('d'));
    batcher.enqueueMerged('message', 'e', merged);
    expect(updates).toBe(0);
    await vi.waitFor(() => expect(updates).toBe(1));
    unsubscribe();
    expect(updates).toBe(1);
    expect(calls).toEqual([['b', 'c'], ['e']]);
    expect(Object.keys(useJabberStore.getState().drafts['log'] ?? {})).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('applies a batch no sooner than the minimum interval after the previous one', async () => {
    const batcher = createEventBatcher(100, 80);
    const applied: number[] = [];
    const stamp = (state: JabberState): JabberState => {
      applied.push(performance.now());
      return state;
    };
    batcher.enqueue(stamp);
    await vi.waitFor(() => expect(applied).toHaveLength(1));
    // Held back (a burst costs a few renders a second, not one per frame).
    batcher.enqueue(stamp);
    await vi.waitFor(() => expect(applied).toHaveLength(2), { timeout: 2000 });
    expect(applied[1]! - applied[0]!).toBeGreaterThanOrEqual(75);
  });
});
