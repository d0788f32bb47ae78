/**
 * The messages between the host (the process that serves the window or the WebSocket) and the core
 * worker (core-worker.ts). Everything crosses by structured clone: plain data only, no functions.
 */
import type { AccountId, EventEnvelope, Result } from '../shared/contract.ts';
import type { JabberServiceOptions } from '../core/service-types.ts';

/** What the worker is started with (workerData). */
export interface CoreWorkerData {
  readonly options: JabberServiceOptions;
  /** The profile directory for every store (history, accounts, rosters...); null: everything in memory. */
  readonly profile: string | null;
  /** The saved passwords stay in the host (e.g. Electron's safeStorage): the worker asks for them. */
  readonly hostSecrets: boolean;
}

export type SecretOperation =
  | { readonly op: 'get'; readonly account: AccountId }
  | { readonly op: 'set'; readonly account: AccountId; readonly secret: string }
  | { readonly op: 'delete'; readonly account: AccountId };

export type HostToWorker =
  | { readonly kind: 'call'; readonly id: number; readonly command: string; readonly args: readonly unknown[] }
  | { readonly kind: 'secret-answer'; readonly id: number; readonly value?: string; readonly error?: string }
  | { readonly kind: 'dispose' };

export type WorkerToHost =
  /** The service exists; `accounts` are the configured ones, so a crash can report each of them. */
  | { readonly kind: 'ready'; readonly accounts: readonly AccountId[] }
  /** The service could not be created (e.g. a store that cannot be opened). */
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'result'; readonly id: number; readonly result: Result<unknown> }
  /** Every envelope emitted during one turn of the worker's event loop, in order. */
  | { readonly kind: 'events'; readonly envelopes: readonly EventEnvelope[] }
  | ({ readonly kind: 'secret'; readonly id: number } & SecretOperation)
  | { readonly kind: 'disposed' };
