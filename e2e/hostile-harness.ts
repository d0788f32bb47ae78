/**
 * Runs the real core against the scripted hostile server with generated inputs (hostile-inputs.ts) and counts
 * what must stay zero: crashes (uncaught exceptions, unhandled rejections), hangs (no answer and no reconnection
 * in time), spoofs accepted (a spoof's marker in anything the app reports), redirects followed. Sign-in inputs
 * go to `openStream` on a new connection each; session inputs go to one signed-in account of the real service,
 * which must keep answering pings, or reconnect where the input ended the stream.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStream, type ConnectOptions } from '../app/core/stream/connection.ts';
import { CoreError } from '../app/core/errors.ts';
import { createJabberService } from '../app/core/service.ts';
import type { JabberService } from '../app/core/service-types.ts';
import { parseJid } from '../app/shared/jid.ts';
import { generateHostileInputs, isStreamEnding, type HostileInput, type HostileKind } from './hostile-inputs.ts';
import { HOSTILE_DOMAIN, HOSTILE_JID, HOSTILE_RESOURCE, startHostileServer } from './hostile-server.ts';
import { makeTestCertificates } from './server/test-certificates.ts';

export interface HostileFigures {
  readonly seed: number;
  readonly inputsTried: number;
  readonly signInInputs: number;
  readonly sessionInputs: number;
  readonly crashes: number;
  readonly hangs: number;
  readonly spoofsTried: number;
  readonly spoofsAccepted: number;
  readonly redirectsFollowed: number;
  /** Sign-ins that failed with something other than a core error (an exception the user would not understand). */
  readonly unclearErrors: number;
  /** Times the session had to reconnect (inputs that rightly ended the stream). */
  readonly reconnections: number;
  /** Times a session input ended the session for good (a stream error that forbids retrying), so the harness signed in again. */
  readonly fatalClosures: number;
  /** How sign-in inputs ended, by error code. */
  readonly signInOutcomes: Readonly<Record<string, number>>;
  readonly byKind: Readonly<Partial<Record<HostileKind, number>>>;
  readonly seconds: number;
  /** The first few problems, to replay: input id, kind, step and what happened. */
  readonly problems: readonly string[];
}

export interface HostileRunOptions {
  readonly seed: number;
  readonly count: number;
  /** How many inputs run at a time (default 6), each lane with its own server and account. */
  readonly lanes?: number;
  /** Called now and then with progress (inputs done). */
  readonly progress?: (done: number) => void;
}

const HANG_MS = 10_000;
const STEP_TIMEOUT_MS = 2_000;

async function startCanary(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function deadline<T>(promise: Promise<T>, ms: number): Promise<T | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), ms)))]).finally(() => clearTimeout(timer));
}

/** Inputs run this many at a time by default, each lane with its own server and account (most of the time is spent waiting). */
const LANES = 6;

export async function runHostileHarness(options: HostileRunOptions): Promise<HostileFigures> {
  const started = Date.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'hostile-'));
  const certificates = await makeTestCertificates(dir, { domain: HOSTILE_DOMAIN });
  const tlsMaterial = { key: await readFile(certificates.keyFile, 'utf8'), cert: await readFile(certificates.certFile, 'utf8') };
  const canary = await startCanary();
  let crashes = 0;
  const problems: string[] = [];
  const note = (problem: string): void => {
    if (problems.length < 20) problems.push(problem);
  };
  const onCrash = (error: unknown): void => {
    crashes++;
    note(`uncaught: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  const inputs = generateHostileInputs(options.seed, options.count, canary.port);
  const byKind: Partial<Record<HostileKind, number>> = {};
  for (const input of inputs) byKind[input.kind] = (byKind[input.kind] ?? 0) + 1;
  const signInOutcomes: Record<string, number> = {};
  const totals = { hangs: 0, unclearErrors: 0, spoofsAccepted: 0, reconnections: 0, fatalClosures: 0, done: 0 };
  const parsed = parseJid(HOSTILE_JID);
  if (!parsed.ok) throw new Error(parsed.reason);
  const account = parsed.jid;

  /** One lane: its own hostile server and signed-in account; sign-in inputs first, then session inputs. */
  async function runLane(laneInputs: readonly HostileInput[]): Promise<void> {
    const hostile = await startHostileServer(tlsMaterial);
    const connectOptions: ConnectOptions = {
      account,
      password: 'secret',
      host: '127.0.0.1',
      port: hostile.port,
      trustedCertificates: [certificates.caCertPem],
      stepTimeoutMs: STEP_TIMEOUT_MS,
    };
    const reported: string[] = [];
    const service: JabberService = createJabberService(
      { trustedCertificates: [certificates.caCertPem], connectTimeoutMs: 5_000, backoff: { baseMs: 20, maxMs: 200 }, autoConnect: false, keepaliveMs: 500, livenessTimeoutMs: 500 },
      { log: () => {} },
    );
    let connection = 'connecting';
    service.subscribe((envelope) => {
      reported.push(JSON.stringify(envelope.payload));
      if (envelope.event === 'onConnectionState') {
        const { connection: state } = envelope.payload as { connection: { status: string; error?: { code: string; condition?: string } } };
        connection = `${state.status}${state.error ? ` (${state.error.code}${state.error.condition ? `/${state.error.condition}` : ''})` : ''}`;
      }
    });
    const progress = (count: number): void => {
      totals.done += count;
      options.progress?.(totals.done);
    };
    try {
      for (const input of laneInputs.filter((i) => i.step !== 'session')) {
        hostile.setScript(input);
        const outcome = await deadline(
          openStream(connectOptions).then(
            async (stream) => {
              const forged = stream.jid !== `${HOSTILE_JID}/${HOSTILE_RESOURCE}`;
              await stream.entity.disconnect().catch(() => {});
              return forged ? 'forged-jid' : 'signed-in';
            },
            (error: unknown) => (error instanceof CoreError ? error.appError.code : `unclear: ${String(error)}`),
          ),
          HANG_MS,
        );
        const label = outcome.startsWith('unclear') ? 'unclear' : outcome;
        signInOutcomes[label] = (signInOutcomes[label] ?? 0) + 1;
        if (outcome === 'hang') {
          totals.hangs++;
          note(`hang: input ${input.id} (${input.kind} at ${input.step})`);
        } else if (outcome.startsWith('unclear')) {
          totals.unclearErrors++;
          note(`unclear error: input ${input.id} (${input.kind} at ${input.step}): ${outcome}`);
        } else if (outcome === 'forged-jid' || (input.kind === 'injection' && outcome === 'signed-in')) {
          totals.spoofsAccepted++;
          note(`spoof accepted: input ${input.id} (${input.kind} at ${input.step}): ${outcome}`);
        }
        progress(1);
      }
      hostile.setScript(null);

      const signedIn = await service.addAccount({ jid: HOSTILE_JID, password: 'secret', host: '127.0.0.1', port: hostile.port });
      if (!signedIn.ok) throw new Error(`The harness could not sign in to its own server: ${signedIn.error.message}`);
      let probe = 0;
      /** The session answers a ping: the one that got the input, or the one that replaced it if the input ended the stream. */
      async function alive(input: HostileInput): Promise<boolean> {
        const opened = hostile.sessionsOpened();
        const until = Date.now() + HANG_MS;
        let counted = false;
        while (Date.now() < until) {
          // A stream error the session rightly takes as final (conflict, not-authorized…) signs it out: sign in again.
          if (connection.startsWith('disconnected')) {
            totals.fatalClosures++;
            const again = await service.signIn({ account: HOSTILE_JID, password: 'secret' });
            if (!again.ok) note(`input ${input.id} (${input.kind}): signing in again failed: ${again.error.message}`);
          }
          if (hostile.sessionsOpened() !== opened && !counted) {
            counted = true;
            totals.reconnections++;
          }
          const id = `probe-${++probe}`;
          const pong = hostile.waitForClient(new RegExp(`<iq[^>]*id=["']${id}["']`, 'u'), 1_000);
          hostile.sendToSession(`<iq from='${HOSTILE_DOMAIN}' to='${HOSTILE_JID}/${HOSTILE_RESOURCE}' type='get' id='${id}'><ping xmlns='urn:xmpp:ping'/></iq>`);
          if ((await pong) !== null) return true;
        }
        note(`hang: input ${input.id} (${input.kind}), the account ${connection}`);
        return false;
      }
      let batch: HostileInput[] = [];
      const flush = async (): Promise<void> => {
        const last = batch[batch.length - 1];
        if (last === undefined) return;
        if (!(await alive(last))) totals.hangs++;
        progress(batch.length);
        batch = [];
      };
      for (const input of laneInputs.filter((i) => i.step === 'session')) {
        if (isStreamEnding(input.kind)) {
          await flush();
          hostile.sendToSession(input.payload);
          if (!(await alive(input))) totals.hangs++;
          progress(1);
        } else {
          hostile.sendToSession(input.payload);
          batch.push(input);
          if (batch.length >= 25) await flush();
        }
      }
      await flush();

      // What the app reports and keeps: no spoof marker anywhere.
      const snapshot = await service.getSnapshot();
      const search = await service.searchMessages({ query: 'spoof', limit: 200 });
      const everything = [...reported, JSON.stringify(snapshot), JSON.stringify(search)].join('\n');
      for (const input of laneInputs) {
        if (input.marker === undefined || input.kind === 'injection') continue;
        if (everything.includes(input.marker)) {
          totals.spoofsAccepted++;
          note(`spoof accepted: input ${input.id} (${input.kind}): its marker reached the app`);
        }
      }
    } finally {
      await service.dispose().catch(() => {});
      await hostile.close();
    }
  }

  try {
    const laneCount = Math.min(options.lanes ?? LANES, Math.max(1, Math.ceil(inputs.length / 50)));
    const lanes = Array.from({ length: laneCount }, (_, lane) => inputs.filter((_input, i) => i % laneCount === lane));
    await Promise.all(lanes.map((laneInputs) => runLane(laneInputs)));
    const sessionInputs = inputs.filter((i) => i.step === 'session').length;
    return {
      seed: options.seed,
      inputsTried: inputs.length,
      signInInputs: inputs.length - sessionInputs,
      sessionInputs,
      crashes,
      hangs: totals.hangs,
      spoofsTried: inputs.filter((i) => i.marker !== undefined).length,
      spoofsAccepted: totals.spoofsAccepted,
      redirectsFollowed: canary.connections(),
      unclearErrors: totals.unclearErrors,
      reconnections: totals.reconnections,
      fatalClosures: totals.fatalClosures,
      signInOutcomes,
      byKind,
      seconds: (Date.now() - started) / 1000,
      problems,
    };
  } finally {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await canary.close();
    await rm(dir, { recursive: true, force: true });
  }
}
