// The compatibility matrix's raw data: federation and interoperability tests record one line per
// (feature, servers, peer) they checked, into a JSON-lines file; scripts/compatibility.mjs renders it as
// docs/compatibility.md. Without JABBER_COMPAT_RESULTS nothing is written (a plain `npm test` run).

import { appendFileSync } from 'node:fs';

export type Outcome = 'pass' | 'fail' | 'n/a';

export interface CompatResult {
  /** What was checked, e.g. "1:1 chat with receipts". */
  feature: string;
  /** Our account's server and the other user's server, e.g. "Prosody 0.12 → ejabberd 23.01". */
  server: string;
  /** The client on the other side, e.g. "xmpp.js script", "slixmpp 1.8". */
  peer: string;
  outcome: Outcome;
  /** Why n/a (or what failed). */
  note?: string;
}

export function recordResult(result: CompatResult): void {
  const file = process.env['JABBER_COMPAT_RESULTS'];
  if (!file) return;
  appendFileSync(file, `${JSON.stringify(result)}\n`);
}

/** Runs a check and records its outcome (pass, or fail with the error's first line); rethrows a failure. */
export async function checked(feature: string, server: string, peer: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    recordResult({ feature, server, peer, outcome: 'fail', note: String(error instanceof Error ? error.message : error).split('\n')[0] ?? '' });
    throw error;
  }
  recordResult({ feature, server, peer, outcome: 'pass' });
}
