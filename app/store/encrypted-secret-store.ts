/**
 * Saved passwords and tokens for the browser mode, where no OS keychain is reachable: an opt-in
 * file encrypted with a key derived from the user's passphrase (scrypt, then AES-256-GCM per
 * secret with a fresh nonce). The file is the owner's only (0600) and replaced atomically.
 *
 * A check value sealed with the same key lets a wrong passphrase be refused at start, rather than
 * surfacing later as "no saved password".
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import type { AccountId } from '../shared/contract.ts';
import { readFileIfExists, WriteChain, writeFileAtomic } from './atomic-file.ts';
import type { SecretStore } from './secret-store.ts';

const VERSION = 1;
const CHECK_TEXT = 'jabber-desk secret store';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** 2^15 × 8 × 128 bytes = 32 MiB and about 0.1 s per derivation: costly to guess, cheap to open once. */
const DEFAULT_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;

interface KdfParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
}

interface StoreFile {
  readonly version: typeof VERSION;
  readonly kdf: KdfParameters;
  readonly check: string;
  readonly secrets: Record<string, string>;
}

export class SecretStoreError extends Error {}

function deriveKey(passphrase: string, kdf: KdfParameters): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r };
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function seal(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
}

/** The plaintext, or null when the key is wrong or the box was altered. */
function open(key: Buffer, box: string): string | null {
  const bytes = Buffer.from(box, 'base64');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

function parseStoreFile(text: string): StoreFile | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Partial<Record<keyof StoreFile, unknown>>;
  const kdf = candidate.kdf as Partial<Record<keyof KdfParameters, unknown>> | undefined;
  if (candidate.version !== VERSION || typeof candidate.check !== 'string' || !isRecordOfStrings(candidate.secrets)) return null;
  if (kdf === undefined || typeof kdf.salt !== 'string' || ![kdf.N, kdf.r, kdf.p].every((n) => typeof n === 'number' && Number.isInteger(n) && n > 0)) return null;
  return candidate as StoreFile;
}

export interface EncryptedSecretStoreOptions {
  /** e.g. `<profile>/secrets.json` */
  readonly file: string;
  readonly passphrase: string;
  /** Tests lower the cost; the default is what users get. */
  readonly kdf?: { readonly N: number; readonly r: number; readonly p: number };
}

/**
 * Opens the store, creating it on first use. Rejects with a SecretStoreError when the passphrase
 * does not open an existing file or the file is not one of ours (it is never overwritten then).
 */
export async function openEncryptedSecretStore(options: EncryptedSecretStoreOptions): Promise<SecretStore> {
  const { file, passphrase } = options;
  if (passphrase.length === 0) throw new SecretStoreError('The passphrase for saved passwords is empty.');
  const text = await readFileIfExists(file);
  let kdf: KdfParameters;
  let key: Buffer;
  const boxes = new Map<AccountId, string>();
  if (text === null) {
    kdf = { ...(options.kdf ?? DEFAULT_KDF), salt: randomBytes(16).toString('base64') };
    key = await deriveKey(passphrase, kdf);
  } else {
    const stored = parseStoreFile(text);
    if (stored === null) throw new SecretStoreError(`${file} is not a saved-password file of Jabber Desk (or it is damaged); move it away to start a new one.`);
    kdf = stored.kdf;
    key = await deriveKey(passphrase, kdf);
    if (open(key, stored.check) !== CHECK_TEXT) throw new SecretStoreError(`The passphrase does not open the saved passwords in ${file}.`);
    for (const [account, box] of Object.entries(stored.secrets)) boxes.set(account, box);
  }
  const check = seal(key, CHECK_TEXT);
  const writes = new WriteChain();
  const persist = (): Promise<void> => {
    const content: StoreFile = { version: VERSION, kdf, check, secrets: Object.fromEntries(boxes) };
    return writes.run(() => writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`));
  };
  if (text === null) await persist();

  return {
    async get(account) {
      const box = boxes.get(account);
      return box === undefined ? undefined : (open(key, box) ?? undefined);
    },
    async set(account, secret) {
      boxes.set(account, seal(key, secret));
      await persist();
    },
    async delete(account) {
      if (boxes.delete(account)) await persist();
    },
  };
}
