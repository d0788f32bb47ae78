import { describe, expect, it } from 'vitest';
import { reconnectDelay, WakeableSleep } from './backoff.ts';

describe('reconnectDelay', () => {
  it('grows exponentially up to the cap, with jitter inside the bounds', () => {
    const options = { baseMs: 1000, maxMs: 60_000 };
    expect(reconnectDelay(1, options, () => 1)).toBe(1000);
    expect(reconnectDelay(3, options, () => 1)).toBe(4000);
    expect(reconnectDelay(20, options, () => 1)).toBe(60_000);
    expect(reconnectDelay(3, options, () => 0)).toBe(400);
  });
});

describe('WakeableSleep', () => {
  it('ends early when woken', async () => {
    const sleep = new WakeableSleep();
    const started = Date.now();
    const pending = sleep.sleep(60_000);
    expect(sleep.wake()).toBe(true);
    await pending;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sleep.wake()).toBe(false);
  });
});
