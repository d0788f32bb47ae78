// `npm run test:interop` (and a step of `npm test`): the federation and interoperability tests (vitest project
// `interop`: the federation lab of e2e/federation/lab.ts, our core against xmpp.js scripts and slixmpp bots on the
// other server), then docs/compatibility.md written from the outcomes they recorded. Fails when a test failed
// (the matrix is written all the same, with the failures in it). Extra arguments go to vitest (e.g. a file name).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseResults, renderMatrix } from './compatibility-matrix.ts';

const root = path.resolve(import.meta.dirname, '..');
const resultsFile = path.join(root, '.run', 'compatibility-results.jsonl');
const matrixFile = path.join(root, 'docs', 'compatibility.md');

mkdirSync(path.dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });
writeFileSync(resultsFile, '');
const extra = process.argv.slice(2);
const run = spawnSync('npx', ['vitest', 'run', '--project', 'interop', ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, JABBER_COMPAT_RESULTS: resultsFile },
});

const results = parseResults(readFileSync(resultsFile, 'utf8'));
if (extra.length > 0) {
  // A partial run (some files only) must not replace the full matrix.
  console.log(`\n${renderMatrix(results)}`);
} else {
  const header = [
    'Feature × server pair × peer, as the tests of the federation lab found them: our account on the first server,',
    'the contact (driven by the peer client) on the second, the two servers federating over TLS with verified',
    'certificates. ✅ pass: checked and working; ❌ fail: checked and not working (see the notes);',
    '➖ n/a: not checked for that combination. See README.md, "Federation and interoperability".',
  ].join('\n');
  mkdirSync(path.dirname(matrixFile), { recursive: true });
  writeFileSync(matrixFile, renderMatrix(results, header));
  console.log(`\nWrote ${path.relative(root, matrixFile)} (${results.length} results).`);
}
process.exit(run.status ?? 1);
