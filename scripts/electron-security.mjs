// `npm run check:electron` (and a step of `npm test`): Electronegativity over the Electron main
// process, the preload and the renderer, failing on any HIGH or MEDIUM finding that the table
// "Electronegativity findings explained" in main/SECURITY.md does not explain.
//
// It scans the sources, not dist/: Electronegativity parses our TypeScript (TSX included) and then
// points at lines we wrote, while its old parser fails on the esbuild bundle of main.js (class private
// fields) and the minified renderer bundle would point into React. The files are
// staged in .run/electron-security/input because it reads only .js/.ts/.tsx/.html (the preload is
// .cts) and must not see the tests' stand-ins. The findings land in .run/electron-security/findings.csv.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { formatVerdict, judge, parseExplanations, parseFindingsCsv } from './electron-security-gate.ts';

const root = path.resolve(import.meta.dirname, '..');
const work = path.join(root, '.run', 'electron-security');
const staging = path.join(work, 'input');
const findingsFile = path.join(work, 'findings.csv');
/** Electronegativity's own parser gets no say in how long this takes. */
const SCAN_TIMEOUT_MS = 120_000;

/** Folders whose code runs in Electron: the main process with its preload, and the renderer. */
const SCANNED_FOLDERS = ['main', 'renderer'];
const SCANNED_FILE = /\.(ts|tsx|cts|html)$/u;
const TEST_FILE = /\.test\.tsx?$/u;
/** The suffix a .cts file gets when staged, so that Electronegativity reads it as TypeScript. */
const STAGED_CTS_SUFFIX = '.cts.ts';

function listSources(folder) {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SCANNED_FILE.test(entry.name) && !TEST_FILE.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

function stage() {
  rmSync(work, { recursive: true, force: true });
  const sources = SCANNED_FOLDERS.flatMap(listSources);
  for (const source of sources) {
    const staged = path.join(staging, source.endsWith('.cts') ? `${source.slice(0, -'.cts'.length)}${STAGED_CTS_SUFFIX}` : source);
    mkdirSync(path.dirname(staged), { recursive: true });
    copyFileSync(path.join(root, source), staged);
  }
  // package.json: the checks on the Electron version and on the npm scripts' Electron flags.
  copyFileSync(path.join(root, 'package.json'), path.join(staging, 'package.json'));
  return sources.length;
}

const sourcePath = (stagedPath) =>
  stagedPath.endsWith(STAGED_CTS_SUFFIX) ? `${stagedPath.slice(0, -STAGED_CTS_SUFFIX.length)}.cts` : stagedPath.split(path.sep).join('/');

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = String(packageJson.devDependencies?.electron ?? '').replace(/^[\^~=]/u, '');
if (!/^\d+\.\d+\.\d+$/u.test(electronVersion)) {
  console.error(`package.json must pin electron to an exact version (found "${electronVersion}").`);
  process.exit(1);
}

const count = stage();
console.log(`Scanning ${count} files of ${SCANNED_FOLDERS.join('/ and ')}/ as Electron ${electronVersion}…`);
const scan = spawnSync(process.execPath, [path.join(import.meta.dirname, 'electronegativity-offline.mjs'), staging, findingsFile, electronVersion], {
  stdio: 'inherit',
  timeout: SCAN_TIMEOUT_MS,
  killSignal: 'SIGKILL',
});
if (scan.error !== undefined || scan.status !== 0) {
  const why = scan.error?.code === 'ETIMEDOUT' ? `did not finish within ${SCAN_TIMEOUT_MS / 1000} s` : scan.status === 2 ? 'could not parse some files (above): they were not checked' : `failed (${scan.error?.message ?? `exit ${scan.status ?? scan.signal}`})`;
  console.error(`FAILED: Electronegativity ${why}.`);
  process.exit(1);
}

let verdict;
try {
  const findings = parseFindingsCsv(readFileSync(findingsFile, 'utf8')).map((finding) => ({ ...finding, file: sourcePath(finding.file) }));
  const explanations = parseExplanations(readFileSync(path.join(root, 'main', 'SECURITY.md'), 'utf8'));
  verdict = judge(findings, explanations);
} catch (error) {
  console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(formatVerdict(verdict));
process.exit(verdict.passed ? 0 : 1);
