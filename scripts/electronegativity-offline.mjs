// Runs Electronegativity's scanner over one folder without touching the network, and writes its
// findings as CSV in the layout of `electronegativity -o findings.csv`.
//
//   node scripts/electronegativity-offline.mjs <input folder> <findings.csv> <electron version>
//
// Why not the CLI: it fetches translations from S3 and (AvailableSecurityFixesGlobalCheck) Electron's
// release list from GitHub; with -o it hides the files it could not parse; and it writes the CSV
// header and rows with two concurrent writes that can interleave. Here the HTTP client it uses
// (`got`) is replaced before it loads, every socket connect is refused, the release check is
// skipped, parse errors are printed (exit 2), and the CSV is written once, synchronously.
// Exit status: 0 scanned, 1 the scanner failed, 2 some file could not be parsed.
import { writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

const [input, output, electronVersion] = process.argv.slice(2);
if (input === undefined || output === undefined || electronVersion === undefined) {
  console.error('usage: node scripts/electronegativity-offline.mjs <input folder> <findings.csv> <electron version>');
  process.exit(1);
}

// No network, whatever a check may try: translations and release lists are simply not fetched.
net.Socket.prototype.connect = function refuseConnect() {
  throw new Error('Electronegativity tried to open a network connection; the security check runs offline.');
};
const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(runnerPath).resolve('got');
const offlineGot = new Module(gotPath);
offlineGot.filename = gotPath;
offlineGot.loaded = true;
// The translation loader takes a non-200 answer silently and keeps the bundled en-US texts.
offlineGot.exports = async () => ({ statusCode: 404, body: '', headers: {} });
require.cache[gotPath] = offlineGot;

/** Checks that need the network (they would only report "no connectivity"). */
const ONLINE_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const run = require(runnerPath);
let result;
try {
  result = await run(
    {
      input,
      isRelative: true,
      isVerbose: false,
      customScan: [],
      excludeFromScan: ONLINE_CHECKS,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} catch (error) {
  console.error('Electronegativity failed:', error);
  process.exit(1);
}

const quote = (value) => `"${String(value ?? 'N/A').replaceAll('"', '""')}"`;
const rows = result.issues.map((issue) =>
  [issue.id, issue.severity.name, issue.confidence.name, issue.file, `${issue.location.line}:${issue.location.column}`, issue.sample, issue.description, `https://github.com/doyensec/electronegativity/wiki/${issue.id}`]
    .map(quote)
    .join(','),
);
writeFileSync(output, ['issue, severity, confidence, filename, location, sample, description, url', ...rows, ''].join('\n'));
console.log(`Electronegativity ${require('@doyensec/electronegativity/package.json').version}: ${result.atomicChecks} atomic and ${result.globalChecks} global checks, ${result.issues.length} finding(s).`);

const unparsed = result.errors.filter((error) => !error.tolerable);
for (const error of result.errors) console.error(`${error.tolerable ? 'warning' : 'error'}: could not fully parse ${path.relative(input, error.file)} (staged from main/ or renderer/): ${error.message}`);
if (unparsed.length > 0) process.exit(2);
