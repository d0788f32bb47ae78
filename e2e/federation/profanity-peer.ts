// Profanity (Debian's profanity, a terminal XMPP client on libstrophe) as a real third-party peer, driven in tmux:
// keys typed with `tmux send-keys`, what it shows read with `tmux capture-pane`. Nothing of the user's machine is
// used: a private tmux server (its own socket name), a temporary HOME and XDG directories, an account file written
// before start (server and port of the lab, TLS required), and the lab's CA as the only trusted certificate
// (OpenSSL's SSL_CERT_FILE, which libstrophe's default verify paths read: the server's certificate is verified,
// never trusted blindly; without the CA Profanity stops at its "untrusted certificate" prompt).

import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

let versionLookup: string | undefined;

/** "0.13.1", or undefined when profanity or tmux is not installed. */
export function profanityVersion(): string | undefined {
  if (versionLookup !== undefined) return versionLookup || undefined;
  const tmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  const result = spawnSync('profanity', ['--version'], { encoding: 'utf8' });
  versionLookup = tmux.status === 0 && result.status === 0 ? (/Profanity, version (\S+)/u.exec(result.stdout)?.[1] ?? '') : '';
  return versionLookup || undefined;
}

export interface ProfanityPeer {
  /** The full JID it signed in as (resource "profanity"). */
  jid: string;
  /** e.g. "Profanity 0.13.1". */
  version: string;
  /** Types a line (a command or a message to the open window) and Enter. */
  type(line: string): Promise<void>;
  /** Opens (or focuses) the chat window with `jid`; with `body`, sends it there (`/msg`). */
  chat(jid: string, body?: string): Promise<void>;
  /** Joins a room (`/join room@service nick NICK`): its window is then the current one. */
  join(room: string, nick: string): Promise<void>;
  /** The text of the current window (what a user sees), lines joined by newlines. */
  screen(): Promise<string>;
  /** Waits until the current window shows a line matching `pattern`; returns that line. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts Profanity signed in as `account` on `server`, trusting the lab's CA alone. With `untrusted: true` the CA
 * is left out (the machine's own CAs only) and nothing is awaited: the caller checks that the server is refused.
 */
export async function startProfanityPeer(account: { jid: string; password: string }, server: { host: string; c2sPort: number },
  caCertFile: string, options: { untrusted?: boolean } = {}): Promise<ProfanityPeer> {
  const version = profanityVersion();
  if (version === undefined) throw new Error('profanity and tmux are needed: run `apt-get install -y profanity tmux`');
  const home = await mkdtemp(join(tmpdir(), 'jabber-profanity-'));
  const data = join(home, 'data');
  const config = join(home, 'config');
  await mkdir(join(data, 'profanity'), { recursive: true });
  await mkdir(join(config, 'profanity'), { recursive: true });
  // The account file Profanity reads at start (a GLib key file; `/account set` writes the same keys).
  await writeFile(join(data, 'profanity', 'accounts'), [
    `[${account.jid}]`, 'enabled=true', `jid=${account.jid}`, `password=${account.password}`, `server=${server.host}`,
    `port=${server.c2sPort}`, 'tls.policy=force', 'resource=profanity', '',
  ].join('\n'), { mode: 0o600 });
  const socket = `jabber-profanity-${randomUUID().slice(0, 8)}`;
  const tmux = (...args: string[]) => run('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const env = [`HOME=${home}`, `XDG_CONFIG_HOME=${config}`, `XDG_DATA_HOME=${data}`, 'LANG=C.UTF-8',
    ...(options.untrusted === true ? [] : [`SSL_CERT_FILE=${caCertFile}`])];
  await tmux('new-session', '-d', '-s', 'peer', '-x', '220', '-y', '50', 'env', ...env, 'profanity', '-a', account.jid);

  const screen = async (): Promise<string> => {
    const { stdout } = await tmux('capture-pane', '-p', '-J', '-t', 'peer');
    return stdout;
  };
  const waitForLine = async (pattern: RegExp, timeoutMs = 15_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    let last: string;
    for (;;) {
      last = await screen().catch((error: unknown) => `(tmux: ${String(error)})`);
      const line = last.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) return line;
      if (Date.now() > deadline) throw new Error(`Profanity ${account.jid}: no line matching ${String(pattern)} within ${timeoutMs} ms; it shows:\n${last.split('\n').filter((l) => l.trim() !== '').slice(-15).join('\n')}`);
      await sleep(150);
    }
  };
  const type = async (line: string): Promise<void> => {
    await tmux('send-keys', '-t', 'peer', '-l', line);
    await tmux('send-keys', '-t', 'peer', 'Enter');
  };
  const stop = async (): Promise<void> => {
    await type('/quit').catch(() => {});
    await sleep(300);
    await tmux('kill-server').catch(() => {});
    await rm(home, { recursive: true, force: true });
  };

  try {
    if (options.untrusted === true) return { jid: `${account.jid}/profanity`, version: `Profanity ${version}`, type, chat: async () => {}, join: async () => {}, screen, waitForLine, stop };
    await waitForLine(new RegExp(`${account.jid.replace(/\./gu, '\\.')}/profanity logged in successfully`, 'u'), 20_000);
    // Receipts (XEP-0184) both ways, whatever this version's defaults are.
    await type('/receipts send on');
    await type('/receipts request on');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    jid: `${account.jid}/profanity`,
    version: `Profanity ${version}`,
    type,
    async chat(jid, body) {
      await type(body === undefined ? `/msg ${jid}` : `/msg ${jid} ${body}`);
    },
    async join(room, nick) {
      await type(`/join ${room} nick ${nick}`);
    },
    screen,
    waitForLine,
    stop,
  };
}
