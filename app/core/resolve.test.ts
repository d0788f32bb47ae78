import type { SrvRecord } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { orderSrvRecords, resolveTargets } from './resolve.ts';

const srv = (name: string, priority: number, weight: number, port = 5222): SrvRecord => ({ name, priority, weight, port });

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
  it('uses SRV targets first and falls back to the domain on 5222', async () => {
    const targets = await resolveTargets('example.com', async (name) => {
      expect(name).toBe('_xmpp-client._tcp.example.com');
      return [srv('xmpp.example.com', 0, 0, 5223)];
    });
    expect(targets).toEqual([{ host: 'xmpp.example.com', port: 5223 }, { host: 'example.com', port: 5222 }]);
  });

  it('falls back to the domain when there are no SRV records', async () => {
    const targets = await resolveTargets('example.com', async () => {
      throw Object.assign(new Error('queryNotFound'), { code: 'ENOTFOUND' });
    });
    expect(targets).toEqual([{ host: 'example.com', port: 5222 }]);
  });

  it('ignores a "." target', async () => {
    expect(await resolveTargets('example.com', async () => [srv('.', 0, 0)])).toEqual([{ host: 'example.com', port: 5222 }]);
  });
});
