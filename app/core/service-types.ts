import type { EventEnvelope, JabberCommands, Unsubscribe } from '../shared/contract.ts';

/**
 * The contract's server side: every command, plus one stream of event envelopes.
 * Electron IPC (main/ipc.ts) and the WebSocket host (app/web-host) both adapt this one object.
 */
export interface JabberService extends JabberCommands {
  subscribe(listener: (envelope: EventEnvelope) => void): Unsubscribe;
  /** Signs out (if signed in) and releases everything. */
  dispose(): Promise<void>;
}

export interface JabberServiceOptions {
  /** PEM certificates trusted for every sign-in, in addition to the system's CAs (e.g. a company CA). */
  readonly trustedCertificates?: readonly string[];
  /** How long a sign-in may take before it fails with `timeout`. */
  readonly connectTimeoutMs?: number;
  /** Resource to request at every sign-in; the server picks one when absent. */
  readonly resource?: string;
}
