/**
 * The account list as a JSON file (`{ "version": 1, "accounts": [...] }`), readable by its owner
 * only (0600) and replaced atomically on every save. It holds no secret.
 */
import { rename } from 'node:fs/promises';
import { readFileIfExists, WriteChain, writeFileAtomic } from './atomic-file.ts';
import { parseAccountSettings, toStoredSettings, type AccountSettings, type AccountStore } from './account-store.ts';

const VERSION = 1;

export class AccountFileError extends Error {
  override readonly name = 'AccountFileError';
}

function parseFile(text: string): AccountSettings[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !('version' in value) || !('accounts' in value)) return null;
  if (value.version !== VERSION || !Array.isArray(value.accounts)) return null;
  const accounts: AccountSettings[] = [];
  for (const entry of value.accounts as unknown[]) {
    const settings = parseAccountSettings(entry);
    if (settings === null) return null;
    if (!accounts.some((known) => known.jid === settings.jid)) accounts.push(settings);
  }
  return accounts;
}

export function createJsonAccountStore(file: string): AccountStore {
  const writes = new WriteChain();
  return {
    async load() {
      const text = await readFileIfExists(file);
      if (text === null) return [];
      const accounts = parseFile(text);
      if (accounts !== null) return accounts;
      // Keep the damaged file for whoever wants to look at it, and start afresh rather than fail forever.
      const aside = `${file}.unreadable-${Date.now()}`;
      await rename(file, aside);
      throw new AccountFileError(`The account list ${file} could not be read; it was moved to ${aside} and the accounts must be added again.`);
    },
    save(accounts) {
      const content = `${JSON.stringify({ version: VERSION, accounts: accounts.map(toStoredSettings) }, null, 2)}\n`;
      return writes.run(() => writeFileAtomic(file, content));
    },
  };
}
