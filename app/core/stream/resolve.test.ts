import type { SrvRecord } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { orderSrvRecords, resolveTargets, type Resolver } from './resolve.ts';

const srv = (name: string, priority: number, weight: number, port = 5222): SrvRecord => ({ name, priority, weight, port });

function resolverWith(records: Record<string, SrvRecord[]>): Resolver {
  return {
    async resolveSrv(name) {
      const found = records[name];
      if (found === undefined) throw Object.assign(new Error('queryNotFound'), { code: 'ENOTFOUND' });
      return found;
    },
    lookup: async () => ['127.0.0.1'],
  };
}

describe('orderSrvRecords', () => {
  it('orders by ascending priority', () => {
    const ordered = orderSrvRecords([srv('c', 20, 0), srv('a', 5, 0), srv('b', 10, 0)]);
    expect(ordered.map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('picks by weight within a priority', () => {
    const records = [srv('light', 10, 1), srv('heavy', 10, 99)];
    expect(orderSrvRecords(records, () => 0.5)[0]?.name).toBe('heavy');
    expect(orderSrvRecords(records, () => 0.001)[0]?.name).toBe('light');
  });
});

describe('resolveTargets', () => {
  it('merges direct TLS and STARTTLS records by priority, then falls back to the domain on 5222', async () => {
    const targets = await resolveTargets('example.com', resolverWith({
      '_xmpps-client._tcp.example.com': [srv('tls.example.com', 5, 0, 5223)],
      '_xmpp-client._tcp.example.com': [srv('xmpp.example.com', 0, 0, 5222), srv('backup.example.com', 10, 0, 5222)],
    }));
    expect(targets).toEqual([
      { host: 'xmpp.example.com', port: 5222, directTls: false },
      { host: 'tls.example.com', port: 5223, directTls: true },
      { host: 'backup.example.com', port: 5222, directTls: false },
      { host: 'example.com', port: 5222, directTls: false },
    ]);
  });

  it('falls back to the domain when there are no SRV records', async () => {
    expect(await resolveTargets('example.com', resolverWith({}))).toEqual([{ host: 'example.com', port: 5222, directTls: false }]);
  });

  it('ignores a "." target', async () => {
    const targets = await resolveTargets('example.com', resolverWith({ '_xmpp-client._tcp.example.com': [srv('.', 0, 0)] }));
    expect(targets).toEqual([{ host: 'example.com', port: 5222, directTls: false }]);
  });
});
