/**
 * Transitions caused by events, applied together once per frame: a burst of 10,000 incoming messages
 * (or a presence flood) costs one store update and one render per frame, not one per event. Order is
 * kept: transitions run in the order their events arrived.
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
  /** Applies what is queued now (e.g. before an action that must see it). */
  flush(): void;
}

export function createEventBatcher(fallbackMs = 100): EventBatcher {
  let queued: Transition[] = [];
  const flush = (): void => {
    if (queued.length === 0) return;
    const transitions = queued;
    queued = [];
    useJabberStore.setState((state) => transitions.reduce((current, transition) => transition(current), state), true);
  };
  return {
    enqueue(transition) {
      queued.push(transition);
      if (queued.length === 1) nextFrame(flush, fallbackMs);
    },
    flush,
  };
}
