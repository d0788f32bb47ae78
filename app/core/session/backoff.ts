/** Reconnection delays: exponential with full jitter, capped (so a server restart is not stampeded). */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60_000 };

/** The delay before attempt `attempt` (1-based): the first retry is quick, later ones spread out. */
export function reconnectDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  // Full jitter, but never below a tenth of the ceiling so retries do not spin.
  return Math.round(ceiling * (0.1 + 0.9 * random()));
}

/** A sleep that `wake()` ends early (network back, machine woke up, user asked). */
export class WakeableSleep {
  #wake: (() => void) | null = null;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.#wake === done) this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  wake(): boolean {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
    return wake !== null;
  }
}
