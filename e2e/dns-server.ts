/**
 * A real DNS server for tests (Debian's dnsmasq) on 127.0.0.1, serving only the records a test
 * gives it: SRV records and host addresses. It forwards nothing and reads no system files.
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promises as dns } from 'node:dns';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SrvEntry {
  readonly service: string; // e.g. _xmpps-client._tcp.example.test
  readonly target: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

export interface DnsRecords {
  readonly srv?: readonly SrvEntry[];
  /** host name → IPv4 address */
  readonly a?: Readonly<Record<string, string>>;
  /**
   * Domains answered from these records alone: a name under them that has none gets NXDOMAIN (or an empty
   * answer) instead of REFUSED, which some resolvers (Erlang's inet_res, so ejabberd) take as a failure of the
   * whole look-up. E.g. `['test']`. Default: none.
   */
  readonly localDomains?: readonly string[];
}

export interface DnsServer {
  /** `127.0.0.1:PORT` (or the address it was given), for a resolver's server list. */
  readonly address: string;
  stop(): Promise<void>;
}

async function freeUdpishPort(): Promise<number> {
  // A free TCP port is almost always free for UDP as well; dnsmasq binds both.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `port`: listen there (e.g. to bring back a DNS server a test stopped, at the address its resolver knows);
 * default a free one.
 */
export async function startDnsServer(records: DnsRecords, options: { readonly port?: number; readonly address?: string } = {}): Promise<DnsServer> {
  if (options.port !== undefined) return startOn(options.port, records, options.address);
  // A port found free over TCP may be taken over UDP (or by then): dnsmasq then exits, and another port is tried.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOn(await freeUdpishPort(), records);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt >= 5) throw error;
    }
  }
}

class PortTaken extends Error {}

/** `listenAddress`: a loopback address other than 127.0.0.1 (e.g. 127.0.0.5, to serve port 53 for a resolv.conf). */
async function startOn(port: number, records: DnsRecords, listenAddress = '127.0.0.1'): Promise<DnsServer> {
  const probeName = `probe-${randomUUID()}.invalid`;
  const args = [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    '--no-resolv',
    '--no-hosts',
    '--no-poll',
    '--bind-interfaces',
    `--listen-address=${listenAddress}`,
    `--port=${port}`,
    '--pid-file=',
    '--log-facility=-',
    ...(records.srv ?? []).map((r) => `--srv-host=${r.service},${r.target},${r.port},${r.priority},${r.weight}`),
    ...Object.entries(records.a ?? {}).map(([host, ip]) => `--host-record=${host},${ip}`),
    ...(records.localDomains ?? []).map((domain) => `--local=/${domain}/`),
    // A name only this instance knows: the readiness probe must be answered by it, not by another
    // dnsmasq of a test running beside this one that happens to hold the same port.
    `--host-record=${probeName},127.0.0.2`,
  ];
  const binary = existsSync('/usr/sbin/dnsmasq') ? '/usr/sbin/dnsmasq' : 'dnsmasq';
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  const address = `${listenAddress}:${port}`;
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([address]);
  const deadline = Date.now() + 5000;
  for (;;) {
    if (child.exitCode !== null) {
      if (/address already in use/iu.test(stderr)) throw new PortTaken(stderr.trim());
      throw new Error(`dnsmasq exited: ${stderr.trim() || `code ${child.exitCode}`} (is dnsmasq installed? apt-get install -y dnsmasq-base)`);
    }
    try {
      if ((await resolver.resolve4(probeName)).includes('127.0.0.2')) break;
    } catch {
      // Not up yet (a timeout), or another server on this port (it does not know the name).
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`dnsmasq did not answer on ${address}: ${stderr.trim()}`);
    }
  }
  return {
    address,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
