/**
 * Test fixture: the real core worker, except that a `reconnectNow` call ends the thread the way a
 * crash would (exit code 7), so the host's crash handling can be tested with everything else real.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveCore } from './core-serve.ts';
import type { CoreWorkerData, HostToWorker } from './protocol.ts';

if (parentPort === null) throw new Error('a worker thread only');
parentPort.on('message', (message: HostToWorker) => {
  if (message.kind === 'call' && message.command === 'reconnectNow') process.exit(7);
});
serveCore(parentPort, workerData as CoreWorkerData);
