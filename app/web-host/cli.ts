/**
 * `npm run web`: the client in a browser. Serves the built renderer on 127.0.0.1 and prints the URL.
 * Options: --port N, --trust-cert FILE (repeatable: a PEM CA or server certificate to trust, e.g. a
 * company CA or the test server's CA), --info FILE (write {url, port, token} as JSON, for harnesses).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createJabberService } from '../core/service.ts';
import { startWebHost } from './host.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'trust-cert': { type: 'string', multiple: true, default: [] },
    info: { type: 'string' },
  },
});

const here = import.meta.dirname;
const trustedCertificates = (values['trust-cert'] ?? []).map((file) => readFileSync(file, 'utf8'));
const service = createJabberService({ trustedCertificates });
const host = await startWebHost({
  service,
  rendererDir: path.join(here, '..', 'renderer'),
  bridgeFile: path.join(here, 'bridge.js'),
  port: Number(values.port),
});

if (values.info !== undefined) writeFileSync(values.info, JSON.stringify({ url: host.url, port: host.port, token: host.token }));
console.log(`Jabber Desk is running. Open this address in your browser (it holds a secret token; do not share it):\n\n  ${host.url}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await service.dispose();
  await host.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
