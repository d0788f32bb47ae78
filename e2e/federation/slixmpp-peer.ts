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
}

export interface SlixmppPresence { from: string; type: string; show: string; status: string }

type BotEvent =
  | { event: 'ready'; jid: string }
  | ({ event: 'message' } & SlixmppMessage)
  | ({ event: 'presence' } & SlixmppPresence)
  | { event: 'sent'; id: string | null; ref: string | null }
  | { event: 'error'; text: string };

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
        reject(new Error(`slixmpp bot ${account.jid}: no ${what} within ${timeoutMs} ms${errors.length ? ` (errors: ${errors.join('; ')})` : ''}\n${stderr}`));
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
  const sending = async (op: Record<string, unknown>): Promise<string | null> => {
    const ref = `r${++refs}`;
    const mark = events.length;
    command({ ...op, ref });
    const sent = await waitFor((e): e is Extract<BotEvent, { event: 'sent' }> => e.event === 'sent' && e.ref === ref, `${String(op['op'])} to be sent`, 15_000, mark);
    return sent.id;
  };
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
