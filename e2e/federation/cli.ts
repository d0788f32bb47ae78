// Starts the federation lab for humans and keeps it running until SIGINT/SIGTERM:
//
//   npm exec -- node e2e/federation/cli.ts start [--rogue] [--keep-dir]
//
// Prints the servers (domain, address, ports, run directory), the lab's CA file and DNS server.

import { parseArgs } from 'node:util';
import { startFederationLab } from './lab.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { rogue: { type: 'boolean' }, 'keep-dir': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help || positionals[0] !== 'start') {
  console.error('usage: node e2e/federation/cli.ts start [--rogue] [--keep-dir]');
  process.exit(values.help ? 0 : 2);
}
const lab = await startFederationLab({ rogue: values.rogue === true, keepDir: values['keep-dir'] === true });
const describe = (name: string, s: { domain: string; host: string; c2sPort: number; s2sPort?: number; websocketUrl?: string; dir: string }) =>
  console.log(`${name}: ${s.domain} on ${s.host}, c2s ${s.c2sPort} (STARTTLS), s2s ${s.s2sPort ?? '-'}, ${s.websocketUrl ?? ''}\n  run dir ${s.dir}`);
describe('Prosody', lab.prosody);
describe('ejabberd', lab.ejabberd);
if (lab.rogue) describe('Prosody, self-signed', lab.rogue);
console.log(`CA: ${lab.caCertFile}\nDNS: ${lab.dnsServer}\nAccounts alice, bob, carol on each (passwords alice-secret-1 ...). Ctrl-C stops the lab.`);
let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  void lab.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
