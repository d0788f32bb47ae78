import { describe, expect, it } from 'vitest';
import type { JabberEventPayloads } from '../../shared/contract.ts';
import { ok } from '../../shared/result.ts';
import { collectCommands, collectSignedOut, collectSnapshot, emitEach, type AccountEvent, type FeatureParts } from './feature.ts';

const OWN = 'me@example.test';

describe('feature parts', () => {
  it('collects the commands of every feature into one table, each answered by its own feature', async () => {
    const blocking: FeatureParts = { commands: { blockContact: async () => ok(null) } };
    const lastActivity: FeatureParts = { commands: { getLastActivity: async ({ jid }) => ok({ jid, since: 7, status: '' }) } };
    const table = collectCommands([blocking, {}, lastActivity]);
    expect(Object.keys(table).sort()).toEqual(['blockContact', 'getLastActivity']);
    expect(await table.getLastActivity?.({ account: OWN, jid: 'bob@example.test' })).toEqual({ ok: true, value: { jid: 'bob@example.test', since: 7, status: '' } });
  });

  it('refuses two features answering the same command (a wiring bug, found at sign-in)', () => {
    const one: FeatureParts = { commands: { blockContact: async () => ok(null) } };
    expect(() => collectCommands([one, { ...one }])).toThrow(/blockContact/u);
  });

  it('joins the snapshot fields and the sign-out events of the features, in order', () => {
    const cleared: AccountEvent = { event: 'onBlocklist', payload: { account: OWN, blocked: [], supported: false } };
    const features: FeatureParts[] = [
      { snapshot: () => ({ blocked: ['spam@example.org'], blockingSupported: true }), signedOut: () => [cleared] },
      { snapshot: () => ({ subscriptionRequests: [] }) },
    ];
    expect(collectSnapshot(features)).toEqual({ blocked: ['spam@example.org'], blockingSupported: true, subscriptionRequests: [] });
    expect(collectSignedOut(features)).toEqual([cleared]);

    const emitted: [string, unknown][] = [];
    emitEach((event, payload: JabberEventPayloads[typeof event]) => emitted.push([event, payload]), collectSignedOut(features));
    expect(emitted).toEqual([['onBlocklist', cleared.payload]]);
  });
});
