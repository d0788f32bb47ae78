/**
 * Nothing lost, nothing doubled, whatever the link does: 1,000 messages each way between the app's core
 * (a real service, its SQLite history) and a scripted peer while the link is reset, goes half-open, crawls,
 * the server is killed and restarted cleanly, and DNS fails (each at least once, in a seeded order; see
 * faults.ts). Counted where it matters: what the peer received, what our UI was told, what our history holds.
 */
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, runFaultScenario } from './faults.ts';

describe('faults survived', () => {
  it('loses and doubles no message either way, and comes back online after every fault', async () => {
    const report = await runFaultScenario({ messages: 1_000, faults: FAULT_KINDS.length + 1, seed: 7 });

    expect(new Set(report.faults.map((fault) => fault.kind))).toEqual(new Set(FAULT_KINDS));
    // Every fault but a slow link takes the session down, and it comes back (runFaultScenario throws otherwise).
    for (const fault of report.faults) if (fault.kind !== 'slow') expect(fault.wentOffline, fault.kind).toBe(true);

    expect(report.appToPeer).toMatchObject({ sent: 1_000, received: 1_000, lost: 0, duplicated: 0 });
    expect(report.appStored).toMatchObject({ sent: 1_000, received: 1_000, lost: 0, duplicated: 0, stillPending: 0 });
    expect(report.peerToAppEvents).toMatchObject({ sent: 1_000, received: 1_000, lost: 0, duplicated: 0 });
    expect(report.peerToAppStored).toMatchObject({ sent: 1_000, received: 1_000, lost: 0, duplicated: 0 });
  }, 110_000);
});
