/** Where to connect for a domain: RFC 6120 §3.2 SRV lookup with RFC 2782 ordering, then the domain itself. */
import { promises as dns, type SrvRecord } from 'node:dns';

export interface ConnectTarget {
  readonly host: string;
  readonly port: number;
}

export type SrvResolver = (name: string) => Promise<SrvRecord[]>;

export const DEFAULT_CLIENT_PORT = 5222;

/** RFC 2782: ascending priority; within a priority, a weighted random order. */
export function orderSrvRecords(records: readonly SrvRecord[], random: () => number = Math.random): SrvRecord[] {
  const byPriority = new Map<number, SrvRecord[]>();
  for (const record of records) byPriority.set(record.priority, [...(byPriority.get(record.priority) ?? []), record]);
  const ordered: SrvRecord[] = [];
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

export async function resolveTargets(domain: string, resolveSrv: SrvResolver = (name) => dns.resolveSrv(name)): Promise<ConnectTarget[]> {
  let records: SrvRecord[] = [];
  try {
    records = await resolveSrv(`_xmpp-client._tcp.${domain}`);
  } catch {
    // No SRV records (or no DNS answer for them): RFC 6120 §3.2.2 falls back to the domain itself.
  }
  // A single "." target means the service is decidedly not available; fall back to the domain anyway, as clients do.
  const usable = orderSrvRecords(records.filter((record) => record.name !== '' && record.name !== '.'));
  const targets = usable.map((record) => ({ host: record.name, port: record.port }));
  targets.push({ host: domain, port: DEFAULT_CLIENT_PORT });
  return targets.filter((target, index) => targets.findIndex((t) => t.host === target.host && t.port === target.port) === index);
}
