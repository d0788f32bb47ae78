// Starts the built app in Electron (`npm start` runs the build first).
//
// The electron npm package downloads its binary on first use. Where that download is impossible
// (no network, a blocked mirror) this prints one line that says what to do instead and exits 1,
// without the package's own stack traces. Otherwise Electron runs with the repository as the app,
// sharing this terminal; signals are forwarded and its exit code becomes ours.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const NO_ELECTRON =
  'Cannot start Electron: its binary is not installed and could not be downloaded on this machine. Run the client in your browser instead: npm run web';

function die(line) {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

// 1. The build must be there: the app's entry point is package.json's "main".
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const entry = path.join(root, packageJson.main ?? 'index.js');
if (!existsSync(entry)) die(`Cannot start Electron: ${path.relative(root, entry)} does not exist. Build first: npm run build`);

// 2. The binary. Check for it before asking the electron package, whose first use downloads it noisily.
let electronDir;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
} catch {
  die(NO_ELECTRON);
}

function binaryInstalled() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true; // the package then never downloads
  try {
    const relative = readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
    return relative.length > 0 && existsSync(path.join(electronDir, 'dist', relative));
  } catch {
    return false;
  }
}

if (!binaryInstalled()) {
  // First start on this machine: download it now, quietly (the installer's own output is kept
  // for nothing but its exit code), the same way `npm install` would have.
  process.stdout.write(`Downloading Electron ${require('electron/package.json').version} (first start only)…\n`);
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: 'ignore',
    timeout: 10 * 60 * 1000,
  });
  if (install.status !== 0 || !binaryInstalled()) die(NO_ELECTRON);
}

let electronPath;
try {
  electronPath = require('electron');
} catch {
  die(NO_ELECTRON);
}
if (typeof electronPath !== 'string' || !existsSync(electronPath)) die(NO_ELECTRON);

// 3. Run it. ELECTRON_RUN_AS_NODE (set by some editors' terminals) would turn Electron into plain Node.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env, windowsHide: false });

let exited = false;
child.on('error', (error) => die(`Cannot start Electron: ${error.message}`));
child.on('close', (code, signal) => {
  exited = true;
  if (code !== null) process.exit(code);
  process.exit(128 + (constants.signals[signal] ?? 0));
});

const forwarded = process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];
for (const signal of forwarded) {
  process.on(signal, () => {
    if (!exited) child.kill(signal);
  });
}
