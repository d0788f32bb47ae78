/** Shared by the store's tests: a temporary profile folder, removed after each test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredMessage } from './message-store.ts';

export const ME = 'alice@example.test';
export const BOB = 'bob@example.test';
export const CAROL = 'carol@example.test';

export function tempDir(): { readonly file: (name?: string) => string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'jabber-store-test-'));
  return {
    file: (name = 'profile.sqlite') => join(dir, name),
    // The checkpoint worker closes its connection asynchronously and may still remove -wal/-shm files: retry.
    remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }),
  };
}

/** An incoming message from `peer` (default Bob), overridable field by field. */
export const incoming = (id: string, body: string, timestamp: number, extra: Partial<StoredMessage> = {}): StoredMessage => ({
  id,
  conversation: BOB,
  direction: 'in',
  from: `${BOB}/phone`,
  to: `${ME}/desktop`,
  body,
  timestamp,
  ...extra,
});

/** One of our own messages to Bob. */
export const outgoing = (id: string, body: string, timestamp: number, extra: Partial<StoredMessage> = {}): StoredMessage => ({
  id,
  conversation: BOB,
  direction: 'out',
  from: `${ME}/desktop`,
  to: BOB,
  body,
  timestamp,
  ...extra,
});
