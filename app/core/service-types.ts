import type { EventEnvelope, JabberCommands, Unsubscribe } from '../shared/contract.ts';
import type { BackoffOptions } from './session/backoff.ts';
import type { PolicyState } from '../shared/policy.ts';

/**
 * The contract's server side: every command, plus one stream of event envelopes.
 * Electron IPC (main/ipc.ts) and the WebSocket host (app/web-host) both adapt this one object.
 */
export interface JabberService extends JabberCommands {
  subscribe(listener: (envelope: EventEnvelope) => void): Unsubscribe;
  /** Disconnects every account (they stay enabled, for the next start) and releases everything. */
  dispose(): Promise<void>;
}

export interface JabberServiceOptions {
  /** PEM certificates trusted for every sign-in, in addition to the system's CAs (e.g. a company CA). */
  readonly trustedCertificates?: readonly string[];
  /** How long a sign-in may take before it fails with `timeout`. */
  readonly connectTimeoutMs?: number;
  /** Silence after which the link is checked, and how long the check may take (defaults: 60 s, 20 s). */
  readonly keepaliveMs?: number;
  readonly livenessTimeoutMs?: number;
  /** Reconnection delays (default: 1 s doubling to 60 s, jittered); also between attempts at start. */
  readonly backoff?: BackoffOptions;
  /** Resource to request at every sign-in; the server picks one when absent. */
  readonly resource?: string;
  /** At start, connect every enabled account whose password is saved (default true). */
  readonly autoConnect?: boolean;
  /** The organisation's policy (app/core/policy): pre-filled and locked settings; default none. */
  readonly policy?: PolicyState;
  /** How often joined group chat rooms are self-pinged (XEP-0410); default 5 minutes (tests set it short). */
  readonly roomSelfPingMs?: number;
}
