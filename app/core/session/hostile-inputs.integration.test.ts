/**
 * The real core against the scripted hostile server: a bounded run of generated hostile inputs at every step
 * of sign-in and in a signed-in session (`npm run bench:hostile` runs 100,000). Everything counted must be zero.
 */
import { expect, it } from 'vitest';
import { runHostileHarness } from '../../../e2e/hostile-harness.ts';

const COUNT = Number(process.env.HOSTILE_INPUTS ?? 600);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261202);

it(`survives ${COUNT} hostile inputs: no crash, no hang, no spoof accepted, no redirect followed`, async () => {
  const figures = await runHostileHarness({ seed: SEED, count: COUNT });
  console.log(JSON.stringify(figures, null, 1));
  expect(figures.problems).toEqual([]);
  expect(figures).toMatchObject({ inputsTried: COUNT, crashes: 0, hangs: 0, spoofsAccepted: 0, redirectsFollowed: 0, unclearErrors: 0 });
  // The run did reach every part: sign-in refusals, session inputs, spoofs, and reconnections after stream-ending inputs.
  expect(figures.spoofsTried).toBeGreaterThan(0);
  expect(figures.reconnections).toBeGreaterThan(0);
  expect(figures.signInOutcomes['tls-injection'] ?? 0).toBeGreaterThan(0);
}, 300_000);
