// Builds everything into dist/: the renderer, the web host and its browser bridge, Electron main and preload,
// and the core worker both hosts start (dist/worker/core-worker.js).
// `--if-needed` skips the build when dist/ is newer than every source file.
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp');
const sources = ['app', 'main', 'renderer', 'assets', 'package.json', 'package-lock.json', 'scripts/build.mjs'];

async function newestMtime(entry) {
  const info = await stat(entry).catch(() => null);
  if (info === null) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of await readdir(entry)) newest = Math.max(newest, await newestMtime(path.join(entry, child)));
  return newest;
}

async function isUpToDate() {
  const stamp = await stat(stampFile).catch(() => null);
  if (stamp === null) return false;
  let newest = 0;
  for (const source of sources) newest = Math.max(newest, await newestMtime(path.join(root, source)));
  return newest < stamp.mtimeMs;
}

if (process.argv.includes('--if-needed') && (await isUpToDate())) {
  process.exit(0);
}

const common = { bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: root, legalComments: 'none' };
const node = { ...common, platform: 'node', target: 'node24', format: 'esm', packages: 'external' };
const browser = { ...common, platform: 'browser', target: 'chrome130', format: 'esm', minify: true };

await mkdir(path.join(dist, 'renderer'), { recursive: true });
await Promise.all([
  build({ ...browser, entryPoints: ['renderer/main.tsx'], outfile: 'dist/renderer/renderer.js', jsx: 'automatic' }),
  build({ ...browser, entryPoints: ['app/web-host/browser/bridge.ts'], outfile: 'dist/web-host/bridge.js' }),
  build({ ...node, entryPoints: ['app/web-host/cli.ts'], outfile: 'dist/web-host/web-host.js' }),
  build({ ...node, entryPoints: ['main/main.ts'], outfile: 'dist/main/main.js', external: ['electron'] }),
  // The XMPP core (TLS, SCRAM, XML, SQLite) in a worker thread, off the thread that serves the window.
  build({ ...node, entryPoints: ['app/worker/core-worker.ts'], outfile: 'dist/worker/core-worker.js' }),
  // A sandboxed preload cannot be an ES module and may require only 'electron': bundle everything else in.
  build({ ...common, platform: 'node', target: 'node24', format: 'cjs', entryPoints: ['main/preload/preload.cts'], outfile: 'dist/main/preload.cjs', external: ['electron'] }),
  copyFile(path.join(root, 'renderer/index.html'), path.join(dist, 'renderer/index.html')),
  copyFile(path.join(root, 'renderer/styles.css'), path.join(dist, 'renderer/styles.css')),
  copyFile(path.join(root, 'assets/icon.svg'), path.join(dist, 'renderer/icon.svg')),
]);
await writeFile(stampFile, new Date().toISOString());
console.log('Built dist/ (renderer, web host, Electron main and preload, core worker).');
