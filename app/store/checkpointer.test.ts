import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type CheckpointResult } from './checkpointer.ts';
import { tempDir } from './message-test-support.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('background checkpoints', () => {
  it('copies the WAL back into the database on its own thread', async () => {
    const db = new DatabaseSync(dir.file());
    db.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x TEXT)');
    const results: CheckpointResult[] = [];
    const checkpointer = startCheckpointer(dir.file(), { busyTimeoutMs: 1000, onResult: (result) => results.push(result) });
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    db.exec('BEGIN');
    for (let i = 0; i < 2000; i += 1) insert.run('x'.repeat(200));
    db.exec('COMMIT');
    checkpointer.nudge();
    checkpointer.nudge(); // coalesced: one more run after the current one at most
    await checkpointer.idle();
    const last = results[results.length - 1];
    expect(last?.busy).toBe(0);
    expect(last?.log).toBeGreaterThan(50);
    expect(last?.checkpointed).toBe(last?.log);
    expect(results.length).toBeLessThanOrEqual(2);
    checkpointer.close();
    checkpointer.nudge(); // ignored after close
    await checkpointer.idle();
    db.close();
  });
});
