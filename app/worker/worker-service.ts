/**
 * The host side of the core worker: a JabberService whose every command is a message to the worker
 * (core-worker.ts) and whose events come back from it, so Electron main and the web host only serve
 * the window. The saved passwords stay here (the host's SecretStore answers the worker's questions).
 *
 * If the worker dies, every pending command fails with `internal`, every account is reported
 * disconnected with an `internal` error, and the worker is started again after a short delay (at most
 * `maxRestarts` times a minute); commands sent meanwhile fail at once with a clear message.
 */
import { phrase, messageOf } from '../shared/phrase.ts';
import { Worker } from 'node:worker_threads';
import type { JabberService, JabberServiceOptions } from '../core/service-types.ts';
import { COMMAND_NAMES, type AccountId, type AppError, type EventEnvelope, type JabberCommands, type JabberEventPayloads, type Result } from '../shared/contract.ts';
import { fail } from '../shared/result.ts';
import type { SecretStore } from '../store/secret-store.ts';
import type { CoreWorkerData, HostToWorker, WorkerToHost } from './protocol.ts';

export interface WorkerServiceOptions {
  /** The worker's entry: dist/worker/core-worker.js when built, app/worker/core-worker.ts in tests. */
  readonly workerFile: string | URL;
  readonly options?: JabberServiceOptions;
  /** The profile directory holding every store; null: the core keeps everything in memory. */
  readonly profile: string | null;
  /** Saved passwords, kept in this process (Electron's keychain is reachable from main only); default: in the worker's memory. */
  readonly secretStore?: SecretStore;
  /** Restarts allowed within a minute before giving up (default 3). */
  readonly maxRestarts?: number;
  /** Wait before starting a crashed worker again (default 500 ms). */
  readonly restartDelayMs?: number;
  /** How long dispose() waits for a clean sign-out before ending the worker (default 5 s). */
  readonly disposeTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

const RESTART_WINDOW_MS = 60_000;

type State = 'running' | 'restarting' | 'stopped' | 'disposed';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createWorkerService(config: WorkerServiceOptions): JabberService {
  const log = config.log ?? ((message: string) => console.warn(`[jabber] ${message}`));
  const maxRestarts = config.maxRestarts ?? 3;
  const listeners = new Set<(envelope: EventEnvelope) => void>();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  /** Every account the core has told us of, to report each one when the worker dies. */
  const accounts = new Set<AccountId>();
  const restarts: number[] = [];
  let nextId = 1;
  let state: State = 'running';
  let worker: Worker | null = null;
  let disposed: (() => void) | null = null;

  function deliver(envelope: EventEnvelope): void {
    if (envelope.event === 'onAccounts') {
      accounts.clear();
      for (const summary of envelope.payload as JabberEventPayloads['onAccounts']) accounts.add(summary.account);
    } else if (envelope.event === 'onConnectionState') accounts.add((envelope.payload as JabberEventPayloads['onConnectionState']).account);
    for (const listener of listeners) {
      try {
        listener(envelope);
      } catch {
        // One broken listener must not starve the others.
      }
    }
  }

  function answerSecret(target: Worker, message: Extract<WorkerToHost, { kind: 'secret' }>): void {
    const post = (answer: HostToWorker): void => target.postMessage(answer);
    const store = config.secretStore;
    if (store === undefined) {
      post({ kind: 'secret-answer', id: message.id, error: 'no secret store in the host' });
      return;
    }
    const operation = message.op === 'get' ? store.get(message.account) : message.op === 'set' ? store.set(message.account, message.secret).then(() => undefined) : store.delete(message.account).then(() => undefined);
    operation.then(
      (value) => post({ kind: 'secret-answer', id: message.id, ...(value !== undefined ? { value } : {}) }),
      (error: unknown) => post({ kind: 'secret-answer', id: message.id, error: describe(error) }),
    );
  }

  function start(): void {
    const data: CoreWorkerData = { options: config.options ?? {}, profile: config.profile, hostSecrets: config.secretStore !== undefined };
    const started = new Worker(config.workerFile, { workerData: data });
    let failure: string | null = null;
    worker = started;
    state = 'running';
    started.on('message', (message: WorkerToHost) => {
      switch (message.kind) {
        case 'result':
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
          break;
        case 'events':
          for (const envelope of message.envelopes) deliver(envelope);
          break;
        case 'secret':
          answerSecret(started, message);
          break;
        case 'ready':
          for (const account of message.accounts) accounts.add(account);
          break;
        case 'failed':
          failure = `it could not start: ${message.message}`;
          void started.terminate();
          break;
        case 'disposed':
          disposed?.();
          break;
      }
    });
    started.on('error', (error) => {
      failure = describe(error);
    });
    started.on('exit', (code) => {
      if (worker !== started) return;
      worker = null;
      if (state === 'disposed') {
        disposed?.();
        return;
      }
      crashed(failure ?? `it exited with code ${code}`);
    });
  }

  function crashed(reason: string): void {
    const now = Date.now();
    while (restarts.length > 0 && (restarts[0] ?? 0) < now - RESTART_WINDOW_MS) restarts.shift();
    const restarting = restarts.length < maxRestarts;
    const error: AppError = {
      code: 'internal',
      ...messageOf(restarting ? phrase('The core of Jabber Desk stopped unexpectedly ({{reason}}); it is being restarted.', { reason }) : phrase('The core of Jabber Desk stopped unexpectedly ({{reason}}); it stopped too often to be restarted: quit and start Jabber Desk again.', { reason })),
    };
    log(error.message);
    for (const resolve of pending.values()) resolve({ ok: false, error });
    pending.clear();
    for (const account of accounts) deliver({ event: 'onConnectionState', payload: { account, connection: { status: 'disconnected', error } } });
    if (!restarting) {
      state = 'stopped';
      return;
    }
    restarts.push(now);
    state = 'restarting';
    setTimeout(() => {
      if (state === 'restarting') start();
    }, config.restartDelayMs ?? 500);
  }

  function call(command: string, args: readonly unknown[]): Promise<Result<unknown>> {
    if (state === 'restarting') return Promise.resolve(fail('internal', 'The core of Jabber Desk is restarting after it stopped unexpectedly; try again in a moment.'));
    if (state === 'stopped') return Promise.resolve(fail('internal', 'The core of Jabber Desk stopped unexpectedly and was not restarted; quit and start Jabber Desk again.'));
    if (state === 'disposed' || worker === null) return Promise.resolve(fail('internal', 'Jabber Desk is shutting down.'));
    const target = worker;
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        target.postMessage({ kind: 'call', id, command, args } satisfies HostToWorker);
      } catch (error) {
        // Arguments that cannot be cloned (a function, say) never reach the worker.
        pending.delete(id);
        resolve(fail('invalid-argument', phrase('The {{command}} command received arguments that cannot be sent to the core ({{problem}}).', { command, problem: describe(error) })));
      }
    });
  }

  async function dispose(): Promise<void> {
    const target = worker;
    state = 'disposed';
    if (target === null) return;
    const finished = new Promise<void>((resolve) => {
      disposed = resolve;
    });
    target.postMessage({ kind: 'dispose' } satisfies HostToWorker);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, config.disposeTimeoutMs ?? 5_000).unref());
    await Promise.race([finished, timeout]);
    for (const resolve of pending.values()) resolve(fail('internal', 'Jabber Desk is shutting down.'));
    pending.clear();
    await target.terminate();
  }

  start();
  const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (...args: readonly unknown[]) => call(name, args)])) as unknown as JabberCommands;
  return {
    ...commands,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispose,
  };
}
