#!/usr/bin/env node
// Stands in for fpm (which electron-builder downloads, and cannot offline) in scripts/check-packaging.mjs: takes
// the arguments electron-builder gives fpm for a deb (`-s dir -t deb`, the control fields, the maintainer scripts,
// the `source=destination` mappings of the unpacked app, the icons and the .desktop entry) and builds that package
// with dpkg-deb. Only what electron-builder passes is understood; anything else is refused loudly.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const valued = new Set(['-s', '-t', '-d', '--deb-recommends', '--deb-compression', '--architecture', '--after-install', '--after-remove', '--description',
  '--version', '--package', '--name', '--maintainer', '--vendor', '--url', '--category', '--deb-priority', '--license', '--iteration']);
const options = new Map();
const depends = [];
const recommends = [];
const mappings = [];
for (let index = 0; index < args.length; index += 1) {
  const arg = args[index];
  if (arg === '--force') continue;
  if (valued.has(arg)) {
    const value = args[++index];
    if (arg === '-d') depends.push(value);
    else if (arg === '--deb-recommends') recommends.push(value);
    else options.set(arg, value);
  } else if (arg.startsWith('-')) {
    console.error(`fpm stand-in: option ${arg} is not understood`);
    process.exit(2);
  } else mappings.push(arg);
}
if (options.get('-s') !== 'dir' || options.get('-t') !== 'deb') {
  console.error(`fpm stand-in: only "-s dir -t deb" is supported, not -s ${options.get('-s')} -t ${options.get('-t')}`);
  process.exit(2);
}
const root = mkdtempSync(path.join(tmpdir(), 'fpm-stand-in-'));
chmodSync(root, 0o755); // the package's / (mkdtemp makes it 0700)
try {
  for (const mapping of mappings) {
    const at = mapping.lastIndexOf('=');
    const source = mapping.slice(0, at);
    const target = path.join(root, mapping.slice(at + 1));
    if (statSync(source).isDirectory()) cpSync(source, target, { recursive: true, verbatimSymlinks: true });
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(source, target);
    }
  }
  const control = path.join(root, 'DEBIAN');
  mkdirSync(control, { recursive: true });
  const [summary, ...rest] = (options.get('--description') ?? '').split('\n');
  const fields = [
    ['Package', options.get('--name')],
    ['Version', options.get('--version')],
    ['Architecture', options.get('--architecture')],
    ['Maintainer', options.get('--maintainer')],
    ['Depends', depends.join(', ')],
    ['Recommends', recommends.join(', ')],
    ['Section', options.get('--category')],
    ['Priority', options.get('--deb-priority')],
    ['Homepage', options.get('--url')],
    ['Description', [summary, ...rest.map((line) => ` ${line.trim() === '' ? '.' : line.trim()}`)].join('\n')],
  ].filter(([, value]) => value !== undefined && value !== '');
  writeFileSync(path.join(control, 'control'), `${fields.map(([key, value]) => `${key}: ${value}`).join('\n')}\n`);
  for (const [option, name] of [['--after-install', 'postinst'], ['--after-remove', 'postrm']]) {
    if (!options.has(option)) continue;
    copyFileSync(options.get(option), path.join(control, name));
    chmodSync(path.join(control, name), 0o755);
  }
  const out = options.get('--package');
  rmSync(out, { force: true });
  const built = spawnSync('dpkg-deb', ['--root-owner-group', `-Z${options.get('--deb-compression') ?? 'xz'}`, '--build', root, out], { stdio: 'inherit' });
  if (built.error !== undefined) console.error(`fpm stand-in: dpkg-deb could not run (${built.error.message}); install dpkg (Debian/Ubuntu have it), or a real fpm with USE_SYSTEM_FPM=true`);
  process.exit(built.status ?? 1);
} finally {
  rmSync(root, { recursive: true, force: true });
}
