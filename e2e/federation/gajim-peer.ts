// Gajim (Debian's gajim, a GTK desktop client) as a real third-party peer, under Xvfb, driven through its remote
// control: `gajim-remote` to send, its D-Bus signals (NewMessage, MessageSent) to see what it received. Nothing
// of the machine is used: a temporary HOME and XDG directories, a private X server (Xvfb, display picked by
// Xvfb itself) and a private session bus (dbus-daemon on a socket in that directory). The profile is written by
// gajim_peer.py with Gajim's own settings API before start, so Gajim starts signed in, with no first-run
// assistant. Gajim refuses to run as root: as root (CI), every process of it runs as `nobody` (setpriv).
// Trust: Gajim verifies the server with the system's CAs, or accepts a certificate from its own store; the
// server's certificate is fetched (openssl s_client), checked against the lab's CA (openssl verify) and only
// then put into that store, which is what Gajim's "trust this certificate" dialog would do.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HELPER = fileURLToPath(new URL('./gajim_peer.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const NOBODY = 65534;

let versionLookup: string | undefined;

/** "1.7.3", or undefined when gajim or Xvfb is not installed. */
export function gajimVersion(): string | undefined {
  if (versionLookup !== undefined) return versionLookup || undefined;
  const xvfb = spawnSync('sh', ['-c', 'command -v Xvfb && command -v dbus-daemon && command -v gajim-remote'], { stdio: 'ignore' });
  const result = spawnSync(PYTHON, ['-c', 'import gajim; print(gajim.__version__)'], { encoding: 'utf8' });
  versionLookup = xvfb.status === 0 && result.status === 0 ? result.stdout.trim().replace(/\+.*$/u, '') : '';
  return versionLookup || undefined;
}

export interface GajimMessage { from: string; body: string; type: string }

export interface GajimPeer {
  jid: string;
  /** e.g. "Gajim 1.7.3". */
  version: string;
  /** Messages Gajim received (its NewMessage signals), in order. */
  messages: GajimMessage[];
  /** `gajim-remote send_chat_message`. */
  send(to: string, body: string): Promise<void>;
  /** `gajim-remote send_groupchat_message`: to a room Gajim is in (it joins rooms only from its bookmarks). */
  sendGroupchat(room: string, body: string): Promise<void>;
  waitForMessage(predicate: (message: GajimMessage) => boolean, timeoutMs?: number): Promise<GajimMessage>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The certificate `host:port` presents after STARTTLS for `domain`, if the lab's CA signed it. */
function serverCertificate(server: { host: string; c2sPort: number; domain: string }, caCertFile: string): string {
  const shown = spawnSync('openssl', ['s_client', '-starttls', 'xmpp', '-xmpphost', server.domain, '-connect', `${server.host}:${server.c2sPort}`],
    { input: '', encoding: 'utf8', timeout: 10_000 });
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/u.exec(shown.stdout)?.[0];
  if (pem === undefined) throw new Error(`no certificate from ${server.host}:${server.c2sPort}: ${shown.stderr.slice(-500)}`);
  const verified = spawnSync('openssl', ['verify', '-CAfile', caCertFile, '-verify_hostname', server.domain], { input: pem, encoding: 'utf8' });
  if (verified.status !== 0) throw new Error(`the certificate of ${server.domain} does not verify against the lab's CA: ${verified.stdout}${verified.stderr}`);
  return pem;
}

export async function startGajimPeer(account: { jid: string; password: string }, server: { host: string; c2sPort: number; domain: string },
  caCertFile: string): Promise<GajimPeer> {
  const version = gajimVersion();
  if (version === undefined) throw new Error('gajim, xvfb and dbus are needed: run `apt-get install -y gajim xvfb dbus`');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const home = await mkdtemp(join(tmpdir(), 'jabber-gajim-'));
  const runtime = join(home, 'run');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', NO_AT_BRIDGE: '1',
    XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache'),
    XDG_RUNTIME_DIR: runtime, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(runtime, 'bus')}`,
  };
  const children: ChildProcess[] = [];
  let stderr = '';
  /** Runs `command` as the user Gajim runs as, in its own process group (so stop() ends all it started). */
  const start = (command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): ChildProcess => {
    const [file, argv] = asRoot
      ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', command, ...args]]
      : [command, args];
    const child = spawn(file, argv, { env: { ...env, ...extraEnv }, cwd: home, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
    children.push(child);
    return child;
  };
  const runToEnd = (command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string }> =>
    new Promise((resolve) => {
      const child = start(command, args, extraEnv);
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
      child.once('exit', (code) => resolve({ code, stdout }));
    });

  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      }
    }
    await sleep(300);
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      }
    }
    await rm(home, { recursive: true, force: true });
  };

  const messages: GajimMessage[] = [];
  const signals: string[] = [];
  const waiters = new Set<() => void>();
  try {
    const certFile = join(home, 'server.pem');
    await writeFile(certFile, serverCertificate(server, caCertFile));
    if (asRoot) await chown(home, NOBODY, NOBODY);
    await chmod(home, 0o700);
    if (asRoot) await chown(certFile, NOBODY, NOBODY);
    await runToEnd('mkdir', ['-p', runtime]);
    const setup = await runToEnd(PYTHON, [HELPER, 'setup', account.jid, account.password, server.host, String(server.c2sPort), certFile]);
    if (setup.code !== 0) throw new Error(`gajim_peer.py setup failed:\n${stderr}`);

    const xvfb = start('Xvfb', ['-displayfd', '1', '-nolisten', 'tcp', '-screen', '0', '1280x800x24']);
    const display = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Xvfb gave no display:\n${stderr}`)), 10_000);
      xvfb.stdout?.once('data', (chunk: Buffer) => { clearTimeout(timer); resolve(`:${chunk.toString().trim()}`); });
    });
    start('dbus-daemon', ['--session', '--nofork', `--address=${env['DBUS_SESSION_BUS_ADDRESS'] ?? ''}`]);
    await sleep(300);
    const listener = start(PYTHON, [HELPER, 'listen']);
    createInterface({ input: listener.stdout! }).on('line', (line) => {
      signals.push(line.slice(0, 200));
      try {
        const event = JSON.parse(line) as { signal: string; args: unknown[] };
        if (event.signal === 'GCMessage') {
          // A room's message: (account, [from, body, time, delayed, …]).
          const [[, [from, body, , delayed]]] = event.args as [[string, [string, string, number, boolean]]];
          messages.push({ from, body, type: delayed ? 'groupchat-history' : 'groupchat' });
        } else if (event.signal === 'NewMessage') {
          // The signal's one parameter: (account, [from, body, time, type, …]).
          const [[, [from, body, , type]]] = event.args as [[string, [string, string, number, string]]];
          messages.push({ from, body, type });
        } else {
          return;
        }
      } catch {
        return;
      }
      for (const wake of [...waiters]) wake();
    });
    start('gajim', [], { DISPLAY: display });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = await runToEnd('gajim-remote', ['get_status', 'lab']);
      if (status.stdout.trim() === 'online') break;
      if (Date.now() > deadline) throw new Error(`Gajim did not sign in as ${account.jid} within 30 s (status "${status.stdout.trim()}"):\n${stderr}`);
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    jid: `${account.jid}/gajim`,
    version: `Gajim ${version}`,
    messages,
    async sendGroupchat(room, body) {
      const sent = await runToEnd('gajim-remote', ['send_groupchat_message', room, body, 'lab']);
      if (sent.code !== 0 || sent.stdout.trim() !== 'True') throw new Error(`gajim-remote send_groupchat_message failed: ${sent.stdout}\n${stderr}`);
    },
    async send(to, body) {
      const sent = await runToEnd('gajim-remote', ['send_chat_message', to, body, 'lab']);
      if (sent.code !== 0 || sent.stdout.trim() !== 'True') throw new Error(`gajim-remote send_chat_message failed: ${sent.stdout}\n${stderr}`);
    },
    waitForMessage(predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = messages.find(predicate);
          if (found === undefined) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Gajim ${account.jid}: no matching message within ${timeoutMs} ms (it received: ${JSON.stringify(messages)}; signals: ${signals.slice(-5).join(' ')})\n${stderr.slice(-1500)}`));
        }, timeoutMs);
        const done = (): void => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
        check();
      });
    },
    stop,
  };
}
