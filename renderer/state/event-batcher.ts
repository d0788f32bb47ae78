/**
 * Transitions caused by events, applied together: a burst of 10,000 incoming messages (or a presence
 * flood) costs one store update and one render per batch, not one per event. A batch is applied at
 * the next frame, but no sooner than `minIntervalMs` after the previous one: a lone event shows at
 * once, a burst costs a few renders a second instead of one per frame. Order is kept: transitions run
 * in the order their events arrived. Events of one kind that arrive back to back can share one
 * transition (`enqueueMerged`), e.g. messages, so each list is copied once per batch.
 */
import type { JabberState } from './model.ts';
import { useJabberStore } from './store.ts';

export type Transition = (state: JabberState) => JabberState;

/** Runs `run` soon: at the next frame, or after `fallbackMs` where frames stop (a hidden window). */
function nextFrame(run: () => void, fallbackMs: number): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    run();
  };
  globalThis.requestAnimationFrame?.(once);
  setTimeout(once, globalThis.requestAnimationFrame === undefined ? 0 : fallbackMs);
}

export interface EventBatcher {
  enqueue(transition: Transition): void;
  /** Adds `item` to the last queued transition when it is of the same `kind`, else queues `apply` of it and later items. */
  enqueueMerged<T>(kind: string, item: T, apply: (state: JabberState, items: readonly T[]) => JabberState): void;
  /** Applies what is queued now (e.g. before an action that must see it). */
  flush(): void;
}

interface Queued {
  readonly run: Transition;
  readonly kind: string | null;
  readonly items: unknown[];
}

export function createEventBatcher(fallbackMs = 100, minIntervalMs = 100): EventBatcher {
  let queued: Queued[] = [];
  let lastFlush = -Infinity;
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (queued.length === 0) return;
    const transitions = queued;
    queued = [];
    lastFlush = performance.now();
    useJabberStore.setState((state) => transitions.reduce((current, { run }) => run(current), state), true);
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    const wait = lastFlush + minIntervalMs - performance.now();
    if (wait <= 0) nextFrame(flush, fallbackMs);
    else setTimeout(() => nextFrame(flush, fallbackMs), wait);
  };
  return {
    enqueue(transition) {
      queued.push({ run: transition, kind: null, items: [] });
      schedule();
    },
    enqueueMerged<T>(kind: string, item: T, apply: (state: JabberState, items: readonly T[]) => JabberState) {
      const last = queued.at(-1);
      if (last !== undefined && last.kind === kind) last.items.push(item);
      else {
        const items: T[] = [item];
        queued.push({ run: (state) => apply(state, items), kind, items: items as unknown[] });
      }
      schedule();
    },
    flush,
  };
}
