/**
 * Event-loop benchmark: how long the process that serves the window (here the web host: page, WebSocket,
 * dispatcher; in Electron, main with IPC) is kept from answering, with the core in that process
 * (`in-process`, as before issue 9) and with the core in its worker thread (`worker`, as the app runs now).
 * Measured with perf_hooks.monitorEventLoopDelay in the host process (bench/event-loop-host.ts), p99 and
 * max (both include the 1 ms sampling interval), median of RUNS runs, against a private Prosody on loopback:
 *  (a) a 10,000-message burst: bob (a scripted peer in this process) sends them as fast as the link
 *      takes them to alice, signed in through the host's WebSocket; until the last one reaches this
 *      process as an event (the host has stored every message by then);
 *  (b) sign-in to a 5,000-contact roster (seeded straight into Prosody's storage, as bench:roster does;
 *      without its 250 online peers): from addAccount until the whole roster reached this process, plus
 *      half a second.
 * Fresh profile per run. EVENT_LOOP_MESSAGES, EVENT_LOOP_CONTACTS and EVENT_LOOP_RUNS change the sizes.
 * Run: npm run bench:event-loop   (builds first if needed)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { startPeer } from '../e2e/peer.ts';
import { seedUsers, startProsody, type SeededUser, type TestServer } from '../e2e/server/prosody.ts';
import type { EventEnvelope, JabberEventPayloads } from '../app/shared/contract.ts';
import type { ServerMessage } from '../app/shared/wire.ts';
import type { HostReport, HostRequest } from './event-loop-host.ts';
import { machine, median } from './support.ts';

const MESSAGES = Number(process.env.EVENT_LOOP_MESSAGES ?? 10_000);
const CONTACTS = Number(process.env.EVENT_LOOP_CONTACTS ?? 5_000);
const RUNS = Number(process.env.EVENT_LOOP_RUNS ?? 3);
const MODES = ['in-process', 'worker'] as const;
type Mode = (typeof MODES)[number];
const ROSTER_USER = 'rosterowner';
const ROSTER_PASSWORD = 'event-loop-bench-1';

interface Delay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** One host process and a WebSocket client of it speaking the contract, as the page would. */
interface HostUnderTest {
  call(method: string, args: readonly unknown[]): Promise<unknown>;
  /** Resolves with the first event (from now on) that `matches`. */
  waitForEvent(matches: (envelope: EventEnvelope) => boolean, timeoutMs?: number): Promise<EventEnvelope>;
  measure<T>(during: () => Promise<T>): Promise<Delay>;
  stop(): Promise<void>;
}

async function startHost(mode: Mode, server: TestServer): Promise<HostUnderTest> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'jabber-bench-loop-'));
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'event-loop-host.ts'), [mode, server.caCertFile, profile], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const reports: ((report: HostReport) => void)[] = [];
  child.on('message', (report: HostReport) => reports.shift()?.(report));
  const nextReport = (): Promise<HostReport> => new Promise((resolve) => reports.push(resolve));
  const ready = await nextReport();
  if (!('ready' in ready)) throw new Error('the host did not start');
  const { port, token } = ready.ready;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`, { origin: `http://127.0.0.1:${port}`, maxPayload: 256 * 1024 * 1024 });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let nextId = 1;
  const calls = new Map<number, (result: unknown) => void>();
  const watchers = new Set<(envelope: EventEnvelope) => void>();
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    if (message.type === 'result') {
      calls.get(message.id)?.(message.result);
      calls.delete(message.id);
      return;
    }
    const envelopes = message.type === 'events' ? message.events : [message];
    for (const envelope of envelopes) for (const watcher of [...watchers]) watcher(envelope);
  });
  return {
    call(method, args) {
      const id = nextId++;
      return new Promise((resolve) => {
        calls.set(id, resolve);
        ws.send(JSON.stringify({ type: 'call', id, method, args }));
      });
    },
    waitForEvent(matches, timeoutMs = 600_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such event in time')), timeoutMs);
        const watcher = (envelope: EventEnvelope): void => {
          if (!matches(envelope)) return;
          clearTimeout(timer);
          watchers.delete(watcher);
          resolve(envelope);
        };
        watchers.add(watcher);
      });
    },
    async measure(during) {
      child.send({ measure: 'start' } satisfies HostRequest);
      await during();
      const report = nextReport();
      child.send({ measure: 'stop' } satisfies HostRequest);
      const answer = await report;
      if (!('delay' in answer)) throw new Error('no delay report');
      return answer.delay;
    },
    async stop() {
      ws.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const connected = (account: string) => (envelope: EventEnvelope): boolean =>
  envelope.event === 'onConnectionState' && (envelope.payload as JabberEventPayloads['onConnectionState']).account === account && (envelope.payload as JabberEventPayloads['onConnectionState']).connection.status === 'connected';

async function burstRun(mode: Mode, server: TestServer, run: number): Promise<Delay> {
  const { alice, bob } = server.accounts;
  const host = await startHost(mode, server);
  const peer = await startPeer(server, bob, { resource: `loop-${mode}-${run}` });
  try {
    const signedIn = host.waitForEvent(connected(alice.jid));
    await host.call('addAccount', [{ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort }]);
    await signedIn;
    // Earlier runs' messages come back from the archive: let that settle before the burst.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const marker = `loop ${mode} ${run} last`;
    return await host.measure(async () => {
      const last = host.waitForEvent((envelope) => envelope.event === 'onMessage' && (envelope.payload as JabberEventPayloads['onMessage']).message.body === marker);
      const sends: Promise<unknown>[] = [];
      for (let index = 1; index < MESSAGES; index += 1) sends.push(peer.sendMessage(alice.jid, `loop ${mode} ${run} message ${index}`));
      sends.push(peer.sendMessage(alice.jid, marker));
      await Promise.all(sends);
      await last;
    });
  } finally {
    await peer.stop();
    await host.stop();
  }
}

async function rosterRun(mode: Mode, server: TestServer): Promise<Delay> {
  const host = await startHost(mode, server);
  const jid = `${ROSTER_USER}@${server.domain}`;
  try {
    return await host.measure(async () => {
      const roster = host.waitForEvent((envelope) => envelope.event === 'onRoster' && (envelope.payload as JabberEventPayloads['onRoster']).contacts.length >= CONTACTS);
      await host.call('addAccount', [{ jid, password: ROSTER_PASSWORD, host: server.host, port: server.c2sPort }]);
      await roster;
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
  } finally {
    await host.stop();
  }
}

function rosterOwner(domain: string): SeededUser {
  const roster = Array.from({ length: CONTACTS }, (_, i) => ({ jid: `employee${i}@${domain}`, name: `Employee ${String(i).padStart(4, '0')}`, groups: [`Department ${i % 8}`] }));
  return { username: ROSTER_USER, password: ROSTER_PASSWORD, roster };
}

const describeRuns = (delays: readonly Delay[]): string =>
  `p99 ${median(delays.map((d) => d.p99)).toFixed(1)} ms, max ${median(delays.map((d) => d.max)).toFixed(1)} ms, p50 ${median(delays.map((d) => d.p50)).toFixed(1)} ms (median of ${delays.length}; p99 each run: ${delays.map((d) => d.p99.toFixed(1)).join(', ')} ms)`;

const server = await startProsody();
try {
  await seedUsers(server, [rosterOwner(server.domain)]);
  const results: string[] = [];
  for (const mode of MODES) {
    const burst: Delay[] = [];
    const roster: Delay[] = [];
    for (let run = 0; run < RUNS; run += 1) burst.push(await burstRun(mode, server, run));
    for (let run = 0; run < RUNS; run += 1) roster.push(await rosterRun(mode, server));
    results.push(`${mode}: ${MESSAGES.toLocaleString('en-US')}-message burst: ${describeRuns(burst)}`);
    results.push(`${mode}: sign-in to a ${CONTACTS.toLocaleString('en-US')}-contact roster: ${describeRuns(roster)}`);
  }
  console.log(`Machine: ${machine()}`);
  console.log('Event-loop delay of the host process (the one that serves the window / WebSocket):');
  for (const line of results) console.log(`  ${line}`);
} finally {
  await server.stop();
}
