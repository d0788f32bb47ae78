/**
 * Saved passwords through Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the Secret
 * Service or KWallet on Linux): each secret is encrypted by the OS and stored as base64 in a JSON
 * file in the profile, readable by its owner only (0600), replaced atomically.
 *
 * Where the OS offers no real encryption (safeStorage unavailable, or Linux's `basic_text` backend,
 * which "encrypts" with a key built into Chromium), secrets stay in memory for this run only: a
 * password saved in a form anyone can decrypt would be plaintext in disguise.
 *
 * Uses the async safeStorage API (the synchronous encryptString/decryptString are deprecated in
 * Electron 45; they share the same format). Takes safeStorage as a parameter so tests can run in Node.
 */
import { rename } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import type { AccountId } from '../app/shared/contract.ts';
import { readFileIfExists, WriteChain, writeFileAtomic } from '../app/store/atomic-file.ts';
import { createMemorySecretStore, type SecretStore } from '../app/store/secret-store.ts';

export type SafeStorageApi = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

export interface SafeStorageSecretStoreOptions {
  readonly safeStorage: SafeStorageApi;
  /** The JSON file of encrypted secrets, e.g. `<userData>/secrets.json`. */
  readonly file: string;
  readonly platform?: NodeJS.Platform;
  readonly log?: (message: string) => void;
}

const VERSION = 1;

/** The file's secrets (base64 of the OS-encrypted bytes), or null when the file is not ours or damaged. */
function parseFile(text: string): Map<AccountId, string> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !('version' in value) || value.version !== VERSION || !('secrets' in value)) return null;
  const secrets = value.secrets;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return null;
  const entries = Object.entries(secrets as Record<string, unknown>);
  if (!entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')) return null;
  return new Map(entries);
}

async function encryptionUsable(options: SafeStorageSecretStoreOptions): Promise<string | null> {
  const { safeStorage } = options;
  try {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'the system offers no encryption for saved passwords';
  } catch (error) {
    return `the system encryption could not be reached (${error instanceof Error ? error.message : String(error)})`;
  }
  if ((options.platform ?? process.platform) === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'no keyring (Secret Service or KWallet) was found';
  }
  return null;
}

/** Must be called after Electron's `ready` event (safeStorage is not usable before). */
export async function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): Promise<SecretStore> {
  const { safeStorage, file } = options;
  const log = options.log ?? ((message: string) => console.warn(message));

  const problem = await encryptionUsable(options);
  if (problem !== null) {
    log(`Saved passwords are kept in memory only and forgotten when Jabber Desk quits: ${problem}.`);
    return createMemorySecretStore();
  }

  const text = await readFileIfExists(file);
  let encrypted = text === null ? new Map<AccountId, string>() : parseFile(text);
  if (encrypted === null) {
    const aside = `${file}.unreadable-${Date.now()}`;
    await rename(file, aside);
    log(`The saved passwords in ${file} could not be read; the file was moved to ${aside}.`);
    encrypted = new Map();
  }
  const secrets = encrypted;
  const writes = new WriteChain();
  const persist = (): Promise<void> => {
    const content = `${JSON.stringify({ version: VERSION, secrets: Object.fromEntries(secrets) }, null, 2)}\n`;
    return writes.run(() => writeFileAtomic(file, content));
  };

  async function set(account: AccountId, secret: string): Promise<void> {
    secrets.set(account, (await safeStorage.encryptStringAsync(secret)).toString('base64'));
    await persist();
  }

  return {
    async get(account) {
      const stored = secrets.get(account);
      if (stored === undefined) return undefined;
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      // The OS rotated its key: store the secret again under the new one.
      if (shouldReEncrypt) await set(account, result).catch((error: unknown) => log(`Could not re-encrypt the password of ${account}: ${String(error)}`));
      return result;
    },
    set,
    async delete(account) {
      if (secrets.delete(account)) await persist();
    },
  };
}
