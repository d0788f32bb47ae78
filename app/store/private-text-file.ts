/**
 * One small private file per account in a profile (e.g. `rosters/<account>.json`), read whole and
 * replaced atomically, owner-only. Writes run in order and coalesce: while one is on its way, only
 * the newest content waits, so a burst of changes costs two writes, not one per change.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { AccountId } from '../shared/contract.ts';
import { readFileIfExists, writeFileAtomic } from './atomic-file.ts';

export interface PrivateTextFile {
  read(): Promise<string | null>;
  /** Null deletes the file. Resolves once this content (or a newer one) is on disk. */
  write(text: string | null): Promise<void>;
}

/** `<profile>/<folder>/<account><extension>`, the JID percent-encoded so every character is safe in a file name. */
export function accountFile(profileDir: string, folder: string, account: AccountId, extension: string): string {
  const safe = encodeURIComponent(account).replace(/[*!'()~]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return path.join(profileDir, folder, `${safe}${extension}`);
}

export function createPrivateTextFile(file: string): PrivateTextFile {
  /** The newest content not yet handed to a write (undefined: nothing waits). */
  let waiting: { text: string | null } | undefined;
  let running: Promise<void> | null = null;

  const put = (text: string | null): Promise<void> => (text === null ? rm(file, { force: true }) : writeFileAtomic(file, text));

  async function drain(): Promise<void> {
    try {
      while (waiting !== undefined) {
        const { text } = waiting;
        waiting = undefined;
        await put(text);
      }
    } finally {
      // Runs right after the last check: a write asked for later starts a new drain.
      running = null;
    }
  }

  return {
    read: () => readFileIfExists(file),
    write(text) {
      waiting = { text };
      running ??= drain();
      return running;
    },
  };
}
