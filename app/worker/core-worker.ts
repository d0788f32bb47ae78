/**
 * The core worker's entry point (built by scripts/build.mjs into dist/worker/core-worker.js): TLS, SCRAM,
 * XML and SQLite run here, off the thread that serves the window (Electron main) or the WebSocket.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveCore } from './core-serve.ts';
import type { CoreWorkerData } from './protocol.ts';

if (parentPort === null) throw new Error('core-worker.ts runs as a worker thread only');
serveCore(parentPort, workerData as CoreWorkerData);
