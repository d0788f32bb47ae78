/**
 * WAL checkpoints on a worker thread. In WAL mode every commit appends to the -wal file, and a
 * checkpoint copies those pages back into the database and syncs it to disk. Left to SQLite, the
 * checkpoint runs inside whichever commit crosses the threshold, on the thread that writes: on a
 * large history that doubles the cost of storing a burst and makes some commits take 200 ms.
 * Here a second connection, on its own thread, runs PASSIVE checkpoints (they never block the
 * writer) after commits, so the thread that stores messages only appends to the WAL.
 */
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  /** Something was committed: checkpoint soon (at most one checkpoint runs at a time). */
  nudge(): void;
  /** Resolves after the checkpoints asked for so far have run (tests, benchmarks). */
  idle(): Promise<void>;
  close(): void;
}

export interface CheckpointResult {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

// CommonJS source evaluated in the worker: no file to locate at run time, nothing for the bundler to do.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.path, { timeout: workerData.busyTimeoutMs });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ ok: true, result: checkpoint.get() });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error) });
  }
});
`;

export function startCheckpointer(path: string, options: { readonly busyTimeoutMs: number; readonly onResult?: (result: CheckpointResult) => void }): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, busyTimeoutMs: options.busyTimeoutMs } });
  worker.unref(); // never keeps the process alive
  let running = false;
  let again = false;
  let stopped = false;
  let waiters: (() => void)[] = [];

  const settle = (): void => {
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  const run = (): void => {
    running = true;
    worker.postMessage('checkpoint');
  };
  worker.on('message', (message: { ok: boolean; result?: Record<string, unknown> }) => {
    running = false;
    if (message.ok && message.result !== undefined && options.onResult !== undefined) {
      options.onResult({ busy: Number(message.result['busy']), log: Number(message.result['log']), checkpointed: Number(message.result['checkpointed']) });
    }
    if (again && !stopped) {
      again = false;
      run();
    } else {
      settle();
    }
  });
  // If the worker dies, SQLite's own automatic checkpoints (kept as a fallback) take over.
  const stop = (): void => {
    stopped = true;
    running = false;
    settle();
  };
  worker.on('error', stop);
  worker.on('exit', stop);

  return {
    nudge() {
      if (stopped) return;
      if (running) again = true;
      else run();
    },
    idle() {
      if (!running || stopped) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      if (stopped) return;
      stopped = true;
      worker.postMessage('close');
      settle();
    },
  };
}
