// `npm test`: everything CI checks, in order — lint, type-check, unit, integration (real Prosody),
// federation and interoperability (`npm run test:interop`: Prosody and ejabberd federating, slixmpp), build, Electron security checks (electronegativity, offline), end-to-end (real Prosody, Debian's
// Chromium). Installs Prosody, Chromium and OpenSSL with apt-get when run as root on Debian/Ubuntu;
// elsewhere it says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function ensurePrerequisites() {
  const missing = [];
  if (!onPath('prosody') || !onPath('prosodyctl')) missing.push('prosody');
  if (!existsSync(chromium)) missing.push('chromium');
  if (!onPath('openssl')) missing.push('openssl');
  if (!onPath('dnsmasq') && !existsSync('/usr/sbin/dnsmasq')) missing.push('dnsmasq-base');
  if (!existsSync('/usr/sbin/danted')) missing.push('dante-server');
  // Community modules (SASL2, Bind2, FAST) for the Prosody that tests modern authentication.
  if (!existsSync('/usr/lib/prosody/modules/mod_sasl2')) missing.push('prosody-modules');
  if (!existsSync('/usr/sbin/ejabberdctl')) missing.push('ejabberd', 'erlang-p1-oauth2');
  else if (spawnSync('sh', ['-c', 'dpkg -s erlang-p1-oauth2'], { stdio: 'ignore' }).status !== 0) missing.push('erlang-p1-oauth2');
  if (!existsSync('/usr/bin/tinyproxy') && !existsSync('/usr/sbin/tinyproxy')) missing.push('tinyproxy-bin');
  // Federation lab (issue 13): Prosody's DNS through libunbound, and slixmpp bots as third-party peers.
  if (spawnSync('sh', ['-c', 'dpkg -s lua-unbound'], { stdio: 'ignore' }).status !== 0) missing.push('lua-unbound');
  if (spawnSync('/usr/bin/python3', ['-c', 'import slixmpp'], { stdio: 'ignore' }).status !== 0) missing.push('python3-slixmpp');
  // slixmpp's HTTP File Upload (the interop tests' files) needs aiohttp, which python3-slixmpp only recommends.
  if (spawnSync('/usr/bin/python3', ['-c', 'import aiohttp'], { stdio: 'ignore' }).status !== 0) missing.push('python3-aiohttp');
  if (!onPath('unshare') || !onPath('setpriv')) missing.push('util-linux');
  // Third-party peers of the interop tests (issue 13): Profanity driven in tmux; xmllint validates doap.xml.
  if (!onPath('profanity')) missing.push('profanity');
  if (!onPath('tmux')) missing.push('tmux');
  if (!onPath('xmllint')) missing.push('libxml2-utils');
  // Gajim under Xvfb, with a private session bus, driven by gajim-remote; openssl fetches the certificate it pins.
  if (!onPath('gajim') || !onPath('gajim-remote')) missing.push('gajim');
  if (!onPath('Xvfb')) missing.push('xvfb');
  if (!onPath('dbus-daemon')) missing.push('dbus');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log(`Installing ${missing.join(', ')} with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'inherit', env }) : update;
    if (install.status === 0) return;
  }
  console.error(
    `The tests need ${missing.join(', ')}, which could not be installed automatically.\n` +
      `Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}), or set CHROMIUM_PATH to a Chromium binary, and run npm test again.`,
  );
  process.exit(1);
}

const steps = [
  ['lint', ['npx', 'eslint', '.']],
  ['type-check', ['npx', 'tsc', '-b']],
  ['unit tests', ['npx', 'vitest', 'run', '--project', 'unit']],
  ['integration tests (real Prosody and ejabberd, DNS, proxies)', ['npx', 'vitest', 'run', '--project', 'integration']],
  ['federation and interoperability (federation lab, slixmpp; writes docs/compatibility.md)', ['node', 'scripts/interop.mjs']],
  ['build', ['node', 'scripts/build.mjs']],
  ['Electron security checks (electronegativity)', ['node', 'scripts/electron-security.mjs']],
  ['packaging check (electron-builder --linux dir and deb against a stand-in Electron, offline)', ['node', 'scripts/check-packaging.mjs']],
  ['end-to-end tests (real Prosody, Chromium)', ['npx', 'playwright', 'test']],
];

// Electron 45 bundles Node 24: the tests must run on it (the `node` devDependency provides it to npm scripts).
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 24) {
  console.error(`npm test needs Node 24 (this is Node ${process.version}). Run \`npm ci\` so that the node@24 devDependency is installed, then npm test again.`);
  process.exit(1);
}
console.log(`Node ${process.version}`);

ensurePrerequisites();
const failed = [];
for (const [name, [command, ...args]] of steps) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nFAILED: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nAll checks passed.');
