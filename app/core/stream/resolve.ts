/**
 * Where to connect for a domain (RFC 6120 §3.2, XEP-0368): SRV records for direct TLS
 * (`_xmpps-client._tcp`) and STARTTLS (`_xmpp-client._tcp`) merged and ordered by RFC 2782
 * priority and weight, then the domain itself on 5222. The resolver is injectable, so tests can
 * serve records from a DNS server of their own.
 */
import { promises as dns, type SrvRecord } from 'node:dns';

export interface ConnectTarget {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (XEP-0368) instead of STARTTLS. */
  readonly directTls: boolean;
}

export interface Resolver {
  resolveSrv(name: string): Promise<SrvRecord[]>;
  /** The addresses of a host name, in the order to try them. */
  lookup(host: string): Promise<string[]>;
}

/** An SRV lookup alone; `lookup` then comes from the system. */
export type SrvResolver = Resolver['resolveSrv'];

export const DEFAULT_CLIENT_PORT = 5222;
/** The customary direct TLS port: a manual server on it is spoken to in TLS from the start. */
export const DIRECT_TLS_PORT = 5223;

export const systemResolver: Resolver = {
  resolveSrv: (name) => dns.resolveSrv(name),
  lookup: async (host) => (await dns.lookup(host, { all: true })).map((entry) => entry.address),
};

/** A resolver that asks the given DNS servers (e.g. `127.0.0.1:5353`) instead of the system's. */
export function dnsServerResolver(servers: readonly string[]): Resolver {
  const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });
  resolver.setServers([...servers]);
  return {
    resolveSrv: (name) => resolver.resolveSrv(name),
    async lookup(host) {
      const [v6, v4] = await Promise.allSettled([resolver.resolve6(host), resolver.resolve4(host)]);
      const addresses = [...(v6.status === 'fulfilled' ? v6.value : []), ...(v4.status === 'fulfilled' ? v4.value : [])];
      if (addresses.length === 0) throw Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' });
      return addresses;
    },
  };
}

/** RFC 2782: ascending priority; within a priority, a weighted random order. */
export function orderSrvRecords<T extends SrvRecord>(records: readonly T[], random: () => number = Math.random): T[] {
  const byPriority = new Map<number, T[]>();
  for (const record of records) byPriority.set(record.priority, [...(byPriority.get(record.priority) ?? []), record]);
  const ordered: T[] = [];
  for (const priority of [...byPriority.keys()].sort((a, b) => a - b)) {
    const pool = [...(byPriority.get(priority) ?? [])].sort((a, b) => a.weight - b.weight); // zero weights first
    while (pool.length > 0) {
      const total = pool.reduce((sum, record) => sum + record.weight, 0);
      let pick = random() * total;
      let index = pool.findIndex((record) => (pick -= record.weight) < 0);
      if (index < 0) index = 0;
      ordered.push(...pool.splice(index, 1));
    }
  }
  return ordered;
}

async function srv(resolver: Resolver, name: string): Promise<SrvRecord[]> {
  try {
    return await resolver.resolveSrv(name);
  } catch {
    return []; // No records (or no answer) for this service: the other one, or the fallback, applies.
  }
}

export async function resolveTargets(domain: string, resolver: Resolver = systemResolver): Promise<ConnectTarget[]> {
  const [direct, starttls] = await Promise.all([srv(resolver, `_xmpps-client._tcp.${domain}`), srv(resolver, `_xmpp-client._tcp.${domain}`)]);
  // A single "." target means "decidedly not offered here" (RFC 2782).
  const usable = (records: SrvRecord[], directTls: boolean) =>
    records.filter((record) => record.name !== '' && record.name !== '.').map((record) => ({ ...record, directTls }));
  const targets: ConnectTarget[] = orderSrvRecords([...usable(direct, true), ...usable(starttls, false)]).map((record) => ({
    host: record.name,
    port: record.port,
    directTls: record.directTls,
  }));
  targets.push({ host: domain, port: DEFAULT_CLIENT_PORT, directTls: false });
  return targets.filter((target, index) => targets.findIndex((t) => t.host === target.host && t.port === target.port && t.directTls === target.directTls) === index);
}
