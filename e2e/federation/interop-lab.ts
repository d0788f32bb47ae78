/**
 * What every interop test file of the federation lab shares: one lab for the file (started before its tests,
 * stopped after), each test's cleanups run after it, and the two ways round of a server pair.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFederationLab, type FederationLab, type LabSite } from './lab.ts';

/**
 * Starts the lab before the file's tests (refused with `missing` when a peer client is not installed) and
 * hands it to `started`; answers the list each test pushes its cleanups to.
 */
export function useFederationLab(started: (lab: FederationLab) => void, missing?: string): Array<() => Promise<unknown>> {
  let lab: FederationLab | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    if (missing !== undefined) throw new Error(missing);
    lab = await startFederationLab();
    started(lab);
  }, 90_000);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });
  afterAll(async () => {
    await lab?.stop();
  }, 60_000);
  return cleanups;
}

/** Our account on one server and the other side on the other, both ways round. */
export const BOTH_WAYS = [
  { ours: 'prosody', theirs: 'ejabberd' },
  { ours: 'ejabberd', theirs: 'prosody' },
] as const satisfies readonly { ours: LabSite; theirs: LabSite }[];
