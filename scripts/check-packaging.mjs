// `npm test`'s packaging check, offline (issue 11 item 9). The Electron download cannot be fetched on our machines,
// so electron-builder packages the app around a stand-in Electron: a tiny executable named `electron` that carries
// the fuse sentinel and a fuse wire (so @electron/fuses flips and reads it as in a real binary). fpm, which
// electron-builder downloads for the deb, is stood in for by scripts/packaging/fpm-stand-in.mjs (dpkg-deb), unless
// USE_SYSTEM_FPM=true. Then it reads the result:
//   - app.asar holds only built files and production dependencies: no sources, tests, source maps, dev
//     dependencies, .ci, e2e, bench; every production dependency is there;
//   - the fuses read back as electron-builder.yml configures them (@electron/fuses getCurrentFuseWire);
//   - the deb's desktop entry registers x-scheme-handler/xmpp, and it installs the app and its icons;
//   - app-update.yml names the generic update feed.
// Needs a build (node scripts/build.mjs) first; `--build` builds. Runs in about 15 s.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import yaml from 'js-yaml';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const started = Date.now();
const failures = [];
const warnings = [];
const fail = (message) => failures.push(message);
const step = (message) => console.log(`• ${message}`);

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const executable = config.linux?.executableName ?? pkg.name;

if (process.argv.includes('--build')) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}
if (!existsSync(path.join(root, 'dist', 'main', 'main.js'))) {
  console.error('check-packaging: dist/ is missing. Run `node scripts/build.mjs` first (or pass --build).');
  process.exit(1);
}

// ---- the stand-in Electron ------------------------------------------------------------------------------------
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire as shipped (version 1, nine fuses, '0'/'1'), before electron-builder flips it. */
const STOCK_WIRE = '101100011';
const work = mkdtempSync(path.join(tmpdir(), 'jabber-packaging-'));
const electronDist = path.join(work, 'electron-dist');
mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
const standIn = Buffer.concat([
  Buffer.from('#!/bin/sh\n# Stand-in for the Electron binary (scripts/check-packaging.mjs); the fuse wire follows.\necho "Jabber Desk packaging stand-in"\nexit 0\n# '),
  Buffer.from(SENTINEL),
  Buffer.from([1, STOCK_WIRE.length]),
  Buffer.from(STOCK_WIRE),
  Buffer.from('\n'),
]);
writeFileSync(path.join(electronDist, 'electron'), standIn);
chmodSync(path.join(electronDist, 'electron'), 0o755);
writeFileSync(path.join(electronDist, 'version'), electronVersion);

// ---- electron-builder --linux dir deb ------------------------------------------------------------------------
const output = path.join(work, 'release');
const useSystemFpm = process.env.USE_SYSTEM_FPM === 'true';
step(`electron-builder --linux dir deb (Electron ${electronVersion} stand-in${useSystemFpm ? ', system fpm' : ', fpm stand-in'})`);
const builder = spawnSync(
  process.execPath,
  [require.resolve('electron-builder/cli.js'), '--linux', 'dir', 'deb', '--x64', '--publish', 'never',
    `-c.electronDist=${electronDist}`, `-c.electronVersion=${electronVersion}`, `-c.directories.output=${output}`],
  {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...(useSystemFpm ? {} : { CUSTOM_FPM_PATH: path.join(root, 'scripts', 'packaging', 'fpm-stand-in.mjs') }), ELECTRON_BUILDER_OFFLINE: 'true' },
    timeout: 110_000,
  },
);
const builderLog = `${builder.stdout ?? ''}${builder.stderr ?? ''}`;
if (builder.status !== 0) {
  console.error(builderLog);
  console.error(`check-packaging: electron-builder failed (exit ${builder.status ?? builder.signal}); its output is above.`);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}

const unpacked = path.join(output, 'linux-unpacked');
const archive = path.join(unpacked, 'resources', 'app.asar');

// ---- the archive holds only built files ----------------------------------------------------------------------
step('app.asar: only built files and production dependencies');
const entries = asar.listPackage(archive, { isPack: false }).map((entry) => entry.replace(/\\/gu, '/'));
const files = entries.filter((entry) => !asar.statFile(archive, entry.slice(1), false).files);
const allowedOwn = [/^\/package\.json$/u, /^\/dist\/main\/(main\.js|preload\.cjs)$/u, /^\/dist\/worker\/core-worker\.js$/u, /^\/dist\/renderer\/[^/]+\.(js|css|html|svg)$/u];
const forbidden = [
  [/\.(ts|tsx|cts|mts)$/u, 'TypeScript source'],
  [/\.map$/u, 'source map'],
  [/\.test\.|\/test\.js$|\/(test|tests|__tests__)\//u, 'test'],
  [/(^|\/)\.ci\//u, '.ci'],
  [/^\/(e2e|bench|app|main|renderer|scripts|docs|assets)\//u, 'repository folder'],
  [/^\/dist\/web-host\//u, 'the browser-mode host'],
];
for (const file of files) {
  for (const [pattern, what] of forbidden) if (pattern.test(file)) fail(`app.asar holds a ${what}: ${file}`);
  if (!file.startsWith('/node_modules/') && !allowedOwn.some((pattern) => pattern.test(file))) fail(`app.asar holds a file that is not part of the build: ${file}`);
}
for (const needed of ['/package.json', '/dist/main/main.js', '/dist/main/preload.cjs', '/dist/worker/core-worker.js', '/dist/renderer/index.html', '/dist/renderer/renderer.js']) {
  if (!files.includes(needed)) fail(`app.asar lacks ${needed}`);
}

/** The production dependency closure, by Node's resolution from each package's own folder. */
function productionClosure() {
  const closure = new Map();
  const visit = (name, fromDir) => {
    let manifest;
    try {
      manifest = createRequire(path.join(fromDir, 'noop.js')).resolve(`${name}/package.json`);
    } catch {
      // Packages whose exports hide package.json: find the folder by walking up node_modules.
      for (let dir = fromDir; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, 'node_modules', name, 'package.json');
        if (existsSync(candidate)) {
          manifest = candidate;
          break;
        }
        if (path.dirname(dir) === dir) return;
      }
    }
    const dir = path.dirname(manifest);
    if (closure.has(dir)) return;
    const info = JSON.parse(readFileSync(manifest, 'utf8'));
    closure.set(dir, info.name);
    for (const dependency of Object.keys({ ...info.dependencies, ...info.optionalDependencies })) visit(dependency, dir);
  };
  for (const dependency of Object.keys(pkg.dependencies ?? {})) visit(dependency, root);
  return new Set(closure.values());
}
const packaged = new Set(
  entries
    .filter((entry) => /\/node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/u.test(entry))
    .map((entry) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/u.exec(entry)[1]),
);
const closure = productionClosure();
const devOnly = Object.keys(pkg.devDependencies ?? {}).filter((name) => !closure.has(name));
for (const name of packaged) {
  if (devOnly.includes(name)) fail(`app.asar holds the dev dependency ${name}`);
  else if (!closure.has(name)) fail(`app.asar holds ${name}, which no production dependency needs`);
}
const missing = [...closure].filter((name) => !packaged.has(name)).sort();
if (missing.length > 0) {
  // A checkout whose node_modules is a link to another checkout's (a git worktree sharing one install): npm cannot
  // list its tree from here, so electron-builder sees only the direct dependencies. On a real install it is an error.
  const linked = lstatSync(path.join(root, 'node_modules')).isSymbolicLink();
  const message = `app.asar lacks production dependencies: ${missing.join(', ')}`;
  if (linked) warnings.push(`${message} (node_modules here is a symbolic link to another checkout, which npm cannot list: run \`npm ci\` for a real install to check this strictly)`);
  else fail(message);
}

// ---- the fuses -----------------------------------------------------------------------------------------------
step('fuses read back as electron-builder.yml sets them');
const FUSE_KEYS = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};
const required = { runAsNode: false, enableNodeCliInspectArguments: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true, enableCookieEncryption: true };
for (const [key, value] of Object.entries(required)) {
  if (config.electronFuses?.[key] !== value) fail(`electron-builder.yml electronFuses.${key} must be ${value} (it is ${config.electronFuses?.[key]})`);
}
const wire = await getCurrentFuseWire(path.join(unpacked, executable));
for (const [key, value] of Object.entries(config.electronFuses ?? {})) {
  const index = FUSE_KEYS[key];
  if (index === undefined) {
    fail(`electron-builder.yml electronFuses.${key} is not a fuse this check knows`);
    continue;
  }
  const state = wire[index] === 49 ? true : wire[index] === 48 ? false : `byte ${wire[index]}`;
  if (state !== value) fail(`fuse ${key} reads ${state} in the packaged binary, electron-builder.yml says ${value}`);
}

// ---- the update feed -----------------------------------------------------------------------------------------
step('app-update.yml names the generic update feed');
const updateFile = path.join(unpacked, 'resources', 'app-update.yml');
if (!existsSync(updateFile)) fail('resources/app-update.yml is missing: electron-updater would have no feed');
else {
  const feed = yaml.load(readFileSync(updateFile, 'utf8'));
  if (feed.provider !== 'generic' || feed.url !== config.publish?.url) fail(`app-update.yml is ${JSON.stringify(feed)}, not the generic feed ${config.publish?.url}`);
}

// ---- the deb -------------------------------------------------------------------------------------------------
step('the deb: desktop entry with x-scheme-handler/xmpp, the app, the icons');
const deb = readdirSync(output).find((name) => name.endsWith('.deb'));
if (deb === undefined) fail('no .deb was built');
else {
  const extracted = path.join(work, 'deb');
  const unpack = spawnSync('dpkg-deb', ['-x', path.join(output, deb), extracted], { encoding: 'utf8' });
  if (unpack.status !== 0) fail(`dpkg-deb -x ${deb} failed: ${unpack.stderr}`);
  else {
    const desktopFile = path.join(extracted, 'usr', 'share', 'applications', `${executable}.desktop`);
    if (!existsSync(desktopFile)) fail(`the deb has no /usr/share/applications/${executable}.desktop`);
    else {
      const desktop = readFileSync(desktopFile, 'utf8');
      const mime = /^MimeType=(.*)$/mu.exec(desktop)?.[1]?.split(';') ?? [];
      if (!mime.includes('x-scheme-handler/xmpp')) fail(`the desktop entry does not register x-scheme-handler/xmpp (MimeType=${mime.join(';')})`);
      if (!/^Exec=.*%U/mu.test(desktop)) fail('the desktop entry does not pass the link to the app (Exec=… %U)');
    }
    const productDir = path.join(extracted, 'opt', config.productName ?? pkg.productName);
    if (!existsSync(path.join(productDir, 'resources', 'app.asar'))) fail(`the deb does not install ${path.join('/opt', config.productName ?? pkg.productName, 'resources', 'app.asar')}`);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const icon = path.join(extracted, 'usr', 'share', 'icons', 'hicolor', `${size}x${size}`, 'apps', `${executable}.png`);
      if (!existsSync(icon)) fail(`the deb has no ${size}x${size} icon (/usr/share/icons/hicolor/${size}x${size}/apps/${executable}.png)`);
    }
  }
}

rmSync(work, { recursive: true, force: true });
for (const warning of warnings) console.warn(`WARNING: ${warning}`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  const shown = failures.slice(0, 40).map((failure) => `  ✗ ${failure}`);
  if (failures.length > shown.length) shown.push(`  … and ${failures.length - shown.length} more`);
  console.error(`\nPackaging check FAILED (${failures.length}, ${seconds} s):\n${shown.join('\n')}`);
  process.exit(1);
}
console.log(`Packaging check passed (${files.length} files in app.asar, ${packaged.size} production packages; ${seconds} s).`);
