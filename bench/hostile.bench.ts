/**
 * The hostile-server harness at full size: generated hostile inputs (default 100,000; HOSTILE_INPUTS, HOSTILE_SEED)
 * at every step of sign-in and in a signed-in session, and structure-aware fuzzing of the stream parser
 * (FUZZ_RUNS, default 100,000, through its unit test). Prints inputs tried, crashes, hangs, spoofs accepted.
 * HOSTILE_LANES (default 12) inputs run at a time. Then the e2e spec that delivers script payloads to Chromium
 * through the web host (counting script executions, alerts and CSP violations).
 * Run: npm run bench:hostile
 */
import { spawnSync } from 'node:child_process';
import { runHostileHarness } from '../e2e/hostile-harness.ts';
import { machine } from './support.ts';

const count = Number(process.env.HOSTILE_INPUTS ?? 100_000);
const seed = Number(process.env.HOSTILE_SEED ?? 20261202);
const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 100_000);
const lanes = Number(process.env.HOSTILE_LANES ?? 12);

console.log(`Machine: ${machine()}; ${count} inputs, seed ${seed}, ${lanes} lanes`);
let last = 0;
const figures = await runHostileHarness({
  seed,
  count,
  lanes,
  progress: (done) => {
    if (done - last >= Math.max(1, Math.floor(count / 20))) {
      last = done;
      process.stderr.write(`  ${done} of ${count} inputs\n`);
    }
  },
});
console.log(JSON.stringify(figures, null, 2));

console.log(`\nStream parser fuzzing: ${fuzzRuns} structure-aware runs and ${fuzzRuns * 2} arbitrary-byte runs`);
const fuzz = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'app/core/stream/stream-parser.test.ts', '-t', 'fuzzed'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(fuzzRuns) },
});
console.log('\nScript payloads in Chromium through the web host (e2e/hostile-content.spec.ts; traps for script, alert and CSP violations):');
const renderer = spawnSync('npx', ['playwright', 'test', 'e2e/hostile-content.spec.ts'], { encoding: 'utf8', env: process.env });
const rendererSummary = `${renderer.stdout}\n${renderer.stderr}`.split('\n').find((line) => line.includes('hostile-content:')) ?? '(no summary: the spec failed before its end)';
console.log(`  ${rendererSummary.trim()}`);
const failed = figures.crashes + figures.hangs + figures.spoofsAccepted + figures.redirectsFollowed + figures.unclearErrors > 0 || fuzz.status !== 0 || renderer.status !== 0;
console.log(
  `\n${figures.inputsTried} hostile inputs in ${figures.seconds.toFixed(0)} s: ${figures.crashes} crashes, ${figures.hangs} hangs, ` +
    `${figures.spoofsAccepted} of ${figures.spoofsTried} spoofs accepted, ${figures.redirectsFollowed} redirects followed, ${figures.unclearErrors} unclear errors; ` +
    `parser fuzzing ${fuzz.status === 0 ? 'passed' : 'FAILED'}; renderer ${renderer.status === 0 ? 'passed (nothing ran)' : 'FAILED'}`,
);
process.exit(failed ? 1 : 0);
