// A slixmpp bot (slixmpp_bot.py, Debian's python3-slixmpp) as a test peer: a real third-party client, started
// for one account and driven by JSON lines. See slixmpp_bot.py for the events and commands.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BOT = fileURLToPath(new URL('./slixmpp_bot.py', import.meta.url));
/** Debian's interpreter: its python3-slixmpp is installed for it (a pyenv or venv python3 on PATH may lack it). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface SlixmppMessage {
  from: string;
  id: string;
  type: string;
  body: string;
  replace: string | null;
  retract: string | null;
  receipt: string | null;
  displayed: string | null;
  markable: boolean;
  request_receipt: boolean;
  xml: string;
  /** XEP-0066: the out-of-band URL. */
  oob: string | null;
  /** XEP-0446 metadata (sha256 in base64). */
  file: { name: string | null; size: string | null; media_type: string | null; sha256: string | null } | null;
  /** XEP-0203: delayed (a room's history). */
  delayed: boolean;
  /** A room invitation (XEP-0249 direct, or XEP-0045 mediated: `from` is then the inviter's JID). */
  invite: { room: string; from: string; reason: string } | null;
}

export interface SlixmppPresence {
  from: string; type: string; show: string; status: string;
  /** From a room (XEP-0045 muc#user): its status codes (110 self, 307 kicked, 301 banned…) and the occupant's role. */
  codes?: number[]; role?: string | null;
}

type BotEvent =
  | { event: 'ready'; jid: string }
  | ({ event: 'message' } & SlixmppMessage)
  | ({ event: 'presence' } & SlixmppPresence)
  | { event: 'sent'; id: string | null; ref: string | null; url?: string }
  | { event: 'retracted'; from: string; id: string }
  | { event: 'downloaded'; ref: string; size: number; sha256: string }
  | { event: 'joined'; ref: string; room: string }
  | { event: 'error'; text: string; ref?: string | null };

export interface SlixmppPeer {
  /** The full JID slixmpp bound. */
  jid: string;
  /** e.g. "slixmpp 1.8.3". */
  version: string;
  messages: SlixmppMessage[];
  /** Sends a chat message (receipt requested, markable); resolves with its id. */
  send(to: string, body: string): Promise<string>;
  correct(to: string, id: string, body: string): Promise<string>;
  retract(to: string, id: string): Promise<void>;
  marker(to: string, id: string, marker: 'received' | 'displayed' | 'acknowledged'): Promise<void>;
  presence(show: string | undefined, status: string): Promise<void>;
  /** Uploads with slixmpp's XEP-0363 plugin to its server, then sends the URL (OOB, XEP-0446 metadata). */
  sendFile(to: string, name: string, data: Buffer, mediaType: string, type?: 'chat' | 'groupchat'): Promise<{ id: string; url: string }>;
  /** GETs an https URL (the lab's CA trusted): its size and SHA-256 (base64). */
  download(url: string): Promise<{ size: number; sha256: string }>;
  /** Joins a room with slixmpp's XEP-0045 plugin (up to 50 messages of history asked for). */
  join(room: string, nick: string): Promise<void>;
  groupchat(room: string, body: string): Promise<string>;
  /** A direct invitation (XEP-0249). */
  invite(to: string, room: string, reason: string): Promise<void>;
  /** Resolves when slixmpp's XEP-0424 plugin applied a retraction of `id` (its message_retract event). */
  waitForRetraction(id: string, timeoutMs?: number): Promise<void>;
  waitForMessage(predicate: (message: SlixmppMessage) => boolean, timeoutMs?: number): Promise<SlixmppMessage>;
  waitForPresence(predicate: (presence: SlixmppPresence) => boolean, timeoutMs?: number): Promise<SlixmppPresence>;
  stop(): Promise<void>;
}

let versionLookup: string | undefined;

/** The installed slixmpp's version, or undefined when Debian's python3-slixmpp is not installed. */
export function slixmppVersion(): string | undefined {
  if (versionLookup !== undefined) return versionLookup || undefined;
  const result = spawnSync(PYTHON, ['-c', 'import slixmpp; print(slixmpp.__version__)'], { encoding: 'utf8' });
  versionLookup = result.status === 0 ? result.stdout.trim() : '';
  return versionLookup || undefined;
}

export async function startSlixmppPeer(account: { jid: string; password: string }, server: { host: string; c2sPort: number },
  caCertFile: string): Promise<SlixmppPeer> {
  const version = slixmppVersion();
  if (version === undefined) throw new Error('slixmpp is not installed: run `apt-get install -y python3-slixmpp`');
  const child: ChildProcess = spawn(PYTHON, [BOT, account.jid, account.password, server.host, String(server.c2sPort), caCertFile], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // aiohttp (slixmpp's XEP-0363 upload) verifies with OpenSSL's default paths: the lab's CA alone.
    env: { ...process.env, SSL_CERT_FILE: caCertFile },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const events: BotEvent[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as BotEvent);
    } catch {
      return;
    }
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => { for (const wake of [...waiters]) wake(); });

  function waitFor<T extends BotEvent>(predicate: (event: BotEvent) => event is T, what: string, timeoutMs = 15_000, from = 0): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = events.slice(from).find(predicate);
        if (found) {
          done();
          resolve(found);
          return true;
        }
        if (child.exitCode !== null) {
          done();
          reject(new Error(`slixmpp bot exited before ${what}:\n${stderr}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        const errors = events.filter((e) => e.event === 'error').map((e) => (e as { text: string }).text);
        reject(new Error(`slixmpp bot ${account.jid}: no ${what} within ${timeoutMs} ms${errors.length ? ` (errors: ${errors.join('; ')})` : ''}; its last events: ${events.slice(-4).map((e) => e.event).join(', ')}\n${stderr}`));
      }, timeoutMs);
      const wake = (): void => { check(); };
      const done = (): void => { clearTimeout(timer); waiters.delete(wake); };
      waiters.add(wake);
      check();
    });
  }

  const ready = await waitFor((e): e is Extract<BotEvent, { event: 'ready' }> => e.event === 'ready', 'sign-in', 20_000)
    .catch(async (error: unknown) => { child.kill('SIGKILL'); await exited; throw error; });
  let refs = 0;
  const command = (op: Record<string, unknown>): void => { child.stdin?.write(`${JSON.stringify(op)}\n`); };
  /** Runs a command and waits for its outcome (`kind`), or fails with the error the bot reported for it. */
  const outcome = async <K extends 'sent' | 'downloaded' | 'joined'>(op: Record<string, unknown>, kind: K): Promise<Extract<BotEvent, { event: K }>> => {
    const ref = `r${++refs}`;
    const mark = events.length;
    command({ ...op, ref });
    const found: BotEvent = await waitFor((e): e is BotEvent =>
      (e.event === kind || e.event === 'error') && 'ref' in e && e.ref === ref, `${String(op['op'])} to be done`, 20_000, mark);
    if (found.event === 'error') throw new Error(`slixmpp bot: ${String(op['op'])} failed: ${found.text}`);
    return found as Extract<BotEvent, { event: K }>;
  };
  const sending = async (op: Record<string, unknown>): Promise<string | null> => (await outcome(op, 'sent')).id;
  const messages = (): SlixmppMessage[] => events.filter((e): e is Extract<BotEvent, { event: 'message' }> => e.event === 'message');

  return {
    jid: ready.jid,
    version: `slixmpp ${version}`,
    get messages() { return messages(); },
    send: async (to, body) => (await sending({ op: 'send', to, body })) ?? '',
    correct: async (to, id, body) => (await sending({ op: 'correct', to, id, body })) ?? '',
    retract: async (to, id) => { await sending({ op: 'retract', to, id }); },
    marker: async (to, id, marker) => { command({ op: 'marker', to, id, marker }); },
    presence: async (show, status) => { command({ op: 'presence', show, status }); },
    async sendFile(to, name, data, mediaType, type = 'chat') {
      const sent = await outcome({ op: 'upload', to, name, data: data.toString('base64'), media_type: mediaType, mtype: type }, 'sent');
      return { id: sent.id ?? '', url: sent.url ?? '' };
    },
    async download(url) {
      const got = await outcome({ op: 'download', url }, 'downloaded');
      return { size: got.size, sha256: got.sha256 };
    },
    join: async (room, nick) => { await outcome({ op: 'join', room, nick }, 'joined'); },
    groupchat: async (room, body) => (await sending({ op: 'groupchat', room, body })) ?? '',
    invite: async (to, room, reason) => { command({ op: 'invite', to, room, reason }); },
    waitForRetraction: async (id, timeoutMs) => {
      await waitFor((e): e is Extract<BotEvent, { event: 'retracted' }> => e.event === 'retracted' && e.id === id, `retraction of ${id} applied`, timeoutMs);
    },
    waitForMessage: (predicate, timeoutMs) => waitFor((e): e is Extract<BotEvent, { event: 'message' }> => e.event === 'message' && predicate(e), 'matching message', timeoutMs),
    waitForPresence: (predicate, timeoutMs) => waitFor((e): e is Extract<BotEvent, { event: 'presence' }> => e.event === 'presence' && predicate(e), 'matching presence', timeoutMs),
    async stop() {
      if (child.exitCode !== null) return;
      command({ op: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
