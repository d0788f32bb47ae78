/**
 * Where each account's message history lives in a profile: `history/<account>.sqlite`. The JID is
 * percent-encoded so that every character a JID may hold is safe in a file name on every system.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AccountId } from '../shared/contract.ts';
import { asMessageHistory } from './history-adapter.ts';
import type { MessageHistory } from './message-history.ts';
import { openSqliteStore } from './sqlite-store.ts';

export function historyFile(profileDir: string, account: AccountId): string {
  const safe = encodeURIComponent(account).replace(/[*!'()~]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return path.join(profileDir, 'history', `${safe}.sqlite`);
}

/** Opens (creating when needed) the SQLite history of one account in a profile. */
export function openProfileHistory(profileDir: string, account: AccountId): MessageHistory {
  const file = historyFile(profileDir, account);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  return asMessageHistory(openSqliteStore(file));
}
