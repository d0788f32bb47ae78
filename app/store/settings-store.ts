/**
 * Settings for the whole profile (not one account): today the company CAs trusted for every account.
 * A JSON file written atomically for its owner only, or memory for tests. No secret belongs here.
 */
import type { TrustedAuthority } from '../shared/contract.ts';
import { readFileIfExists, WriteChain, writeFileAtomic } from './atomic-file.ts';

export interface ProfileSettings {
  readonly trustedAuthorities: readonly TrustedAuthority[];
}

export interface SettingsStore {
  load(): Promise<ProfileSettings>;
  save(settings: ProfileSettings): Promise<void>;
}

const EMPTY: ProfileSettings = { trustedAuthorities: [] };

function parseAuthority(value: unknown): TrustedAuthority | null {
  if (typeof value !== 'object' || value === null) return null;
  const { pem, subject, fingerprintSha256, validTo } = value as Record<string, unknown>;
  if (typeof pem !== 'string' || typeof subject !== 'string' || typeof fingerprintSha256 !== 'string' || typeof validTo !== 'string') return null;
  return { pem, subject, fingerprintSha256, validTo };
}

export function parseSettings(text: string): ProfileSettings {
  try {
    const value = JSON.parse(text) as { trustedAuthorities?: unknown };
    const list = Array.isArray(value.trustedAuthorities) ? value.trustedAuthorities.map(parseAuthority) : [];
    return { trustedAuthorities: list.filter((entry): entry is TrustedAuthority => entry !== null) };
  } catch {
    return EMPTY; // A damaged file trusts nothing extra, which is the safe side.
  }
}

export function createJsonSettingsStore(file: string): SettingsStore {
  const writes = new WriteChain();
  return {
    async load() {
      const text = await readFileIfExists(file);
      return text === null ? EMPTY : parseSettings(text);
    },
    save(settings) {
      const content = `${JSON.stringify({ version: 1, trustedAuthorities: settings.trustedAuthorities }, null, 2)}\n`;
      return writes.run(() => writeFileAtomic(file, content));
    },
  };
}

export function createMemorySettingsStore(initial: ProfileSettings = EMPTY): SettingsStore {
  let stored = initial;
  return {
    async load() {
      return stored;
    },
    async save(settings) {
      stored = settings;
    },
  };
}
