/**
 * The host process of bench/event-loop.bench.ts: the web host (page server, WebSocket, contract
 * dispatcher) with the core either in this process (`in-process`, as before) or in the core worker
 * (`worker`, as the app runs now). It measures its own event-loop delay when the bench asks (Node IPC).
 * Run by the bench only: node bench/event-loop-host.ts <in-process|worker> <ca file> <profile dir>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createJabberService, type JabberService } from '../app/core/service.ts';
import { prepareTrust } from '../app/core/stream/tls-trust.ts';
import { startWebHost } from '../app/web-host/host.ts';
import { openProfileStores } from '../app/worker/profile-stores.ts';
import { createWorkerService } from '../app/worker/worker-service.ts';
import { createMemorySecretStore } from '../app/store/secret-store.ts';

export type HostRequest = { readonly measure: 'start' } | { readonly measure: 'stop' };
export type HostReport = { readonly ready: { readonly port: number; readonly token: string } } | { readonly delay: { readonly p50: number; readonly p99: number; readonly max: number } };

const [mode, caFile, profile] = process.argv.slice(2);
if ((mode !== 'in-process' && mode !== 'worker') || caFile === undefined || profile === undefined || process.send === undefined) {
  throw new Error('usage: node bench/event-loop-host.ts <in-process|worker> <ca file> <profile dir> (forked, with IPC)');
}
const send = process.send.bind(process);
const root = path.resolve(import.meta.dirname, '..');
const trustedCertificates = [readFileSync(caFile, 'utf8')];
const secretStore = createMemorySecretStore();

let service: JabberService;
if (mode === 'worker') {
  service = createWorkerService({ workerFile: path.join(root, 'dist/worker/core-worker.js'), options: { trustedCertificates }, profile, secretStore });
} else {
  service = createJabberService({ trustedCertificates }, { ...(await openProfileStores(profile)), secretStore });
  prepareTrust(trustedCertificates);
}
const host = await startWebHost({ service, rendererDir: path.join(root, 'dist/renderer'), bridgeFile: path.join(root, 'dist/web-host/bridge.js') });

let histogram: ReturnType<typeof monitorEventLoopDelay> | null = null;
const ms = (nanoseconds: number): number => nanoseconds / 1e6;
process.on('message', (request: HostRequest) => {
  if (request.measure === 'start') {
    histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
  } else if (histogram !== null) {
    histogram.disable();
    send({ delay: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) } } satisfies HostReport);
    histogram = null;
  }
});
process.on('disconnect', () => {
  void service.dispose().then(() => host.close()).then(() => process.exit(0));
});
send({ ready: { port: host.port, token: host.token } } satisfies HostReport);
