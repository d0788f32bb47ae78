import { describe, expect, it } from 'vitest';
import { createWriteQueue } from './write-queue.ts';

describe('write queue', () => {
  it('groups everything pushed in one turn of the event loop into one write', async () => {
    const writes: number[][] = [];
    const queue = createWriteQueue((batch: readonly number[]) => {
      writes.push([...batch]);
      return batch.map((n) => n * 2);
    });
    const results = Promise.all([1, 2, 3].map((n) => queue.push(n)));
    await Promise.resolve();
    void queue.push(4); // pushed from a microtask of the same turn
    expect(await results).toEqual([2, 4, 6]);
    expect(writes).toEqual([[1, 2, 3, 4]]);
  });

  it('writes a large burst in chunks, yielding between them', async () => {
    const sizes: number[] = [];
    const queue = createWriteQueue(
      (batch: readonly number[]) => {
        sizes.push(batch.length);
        return batch;
      },
      { maxBatch: 400 },
    );
    const all = Promise.all(Array.from({ length: 1000 }, (_, i) => queue.push(i)));
    let writesSeenByOthers = -1;
    setImmediate(() => (writesSeenByOthers = sizes.length)); // other work gets a turn between chunks
    const results = await all;
    expect(results).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(sizes).toEqual([400, 400, 200]);
    expect(writesSeenByOthers).toBe(1);
    expect(queue.size).toBe(0);
  });

  it('rejects only the batch whose write failed', async () => {
    let calls = 0;
    const queue = createWriteQueue((batch: readonly string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('disk full');
      return batch.map(() => 'ok');
    });
    const failed = Promise.allSettled([queue.push('a'), queue.push('b')]);
    expect((await failed).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(queue.push('c')).resolves.toBe('ok');
  });

  it('flush writes synchronously', async () => {
    const written: string[] = [];
    const queue = createWriteQueue((batch: readonly string[]) => {
      written.push(...batch);
      return batch;
    });
    const pending = queue.push('x');
    expect(queue.size).toBe(1);
    queue.flush();
    expect(written).toEqual(['x']);
    expect(queue.size).toBe(0);
    await expect(pending).resolves.toBe('x');
  });
});
