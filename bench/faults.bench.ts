/**
 * Faults benchmark: 10,000 messages each way between the app's core (a real service with its SQLite
 * history) and a scripted peer, through a breakable relay to a private Prosody, while 100 faults strike in
 * a seeded order (TCP resets, half-open links, slow partial writes, Prosody killed and stopped cleanly,
 * DNS failures; see e2e/faults.ts). Prints the faults survived, messages lost and duplicated each way (as
 * the peer received them, as our UI was told, as our history holds them; all must be 0) and the mean and
 * median time back online after a fault.
 * Run: npm run bench:faults   (FAULT_MESSAGES, FAULT_RESTARTS, FAULT_SEED change the size and the order; FAULT_KINDS
 *   limits the kinds, e.g. server-kill; FAULT_KEEP_DIR=1 keeps Prosody's run directory, its data and log, for a post-mortem)
 */
import { FAULT_KINDS, runFaultScenario, type DirectionCount, type FaultKind } from '../e2e/faults.ts';
import { machine, median } from './support.ts';

const MESSAGES = Number(process.env.FAULT_MESSAGES ?? 10_000);
const FAULTS = Number(process.env.FAULT_RESTARTS ?? 100);
const SEED = Number(process.env.FAULT_SEED ?? 1);

const KINDS = process.env.FAULT_KINDS?.split(',') as FaultKind[] | undefined;
const report = await runFaultScenario({ messages: MESSAGES, faults: FAULTS, seed: SEED, ...(KINDS ? { kinds: KINDS } : {}), log: (line) => console.log(line) });

const offline = report.faults.filter((fault) => fault.wentOffline).map((fault) => fault.backOnlineMs);
const mean = offline.reduce((sum, ms) => sum + ms, 0) / Math.max(1, offline.length);
const describe = (name: string, c: DirectionCount & { fromArchiveOnly?: number; stillPending?: number }): string =>
  `${name.padEnd(34)} sent ${c.sent}, arrived ${c.received}, lost ${c.lost}, duplicated ${c.duplicated}` +
  (c.redelivered > 0 ? `, ${c.redelivered} retransmissions recognised by id` : '') +
  (c.fromArchiveOnly ? `, ${c.fromArchiveOnly} caught up from the archive` : '') +
  (c.stillPending !== undefined ? `, still pending ${c.stillPending}` : '') +
  (c.lost > 0 ? ` (lost: ${c.lostSamples.join(' ')}${c.lost > c.lostSamples.length ? ' …' : ''})` : '');

console.log(`\n${machine()}; ${MESSAGES} messages each way, ${FAULTS} faults (seed ${SEED}), ${(report.durationMs / 1000).toFixed(1)} s`);
console.log(`faults survived: ${report.faults.length} of ${FAULTS} (${FAULT_KINDS.map((kind) => `${kind} ${report.faults.filter((f) => f.kind === kind).length}`).join(', ')})`);
console.log(describe('app → peer, received by the peer:', report.appToPeer));
console.log(describe('app → peer, in our history:', report.appStored));
console.log(describe('peer → app, told to our UI:', report.peerToAppEvents));
console.log(describe('peer → app, in our history:', report.peerToAppStored));
console.log(`peer retransmissions (unconfirmed at a restart): ${report.peerResends}`);
console.log(`time back online after a fault that took the session down (${offline.length}): mean ${Math.round(mean)} ms, median ${Math.round(median(offline))} ms`);
for (const kind of FAULT_KINDS) {
  const times = report.faults.filter((f) => f.kind === kind && f.wentOffline).map((f) => f.backOnlineMs);
  if (times.length > 0) console.log(`  ${kind.padEnd(15)} median ${Math.round(median(times))} ms (${times.length})`);
}
const lost = report.appToPeer.lost + report.appStored.lost + report.peerToAppEvents.lost + report.peerToAppStored.lost;
const duplicated = report.appToPeer.duplicated + report.appStored.duplicated + report.peerToAppEvents.duplicated + report.peerToAppStored.duplicated;
console.log(`messages lost: ${lost}, duplicated: ${duplicated}`);
if (lost + duplicated + report.appStored.stillPending > 0 || report.faults.length < FAULTS) process.exitCode = 1;
