/**
 * Avatars kept by their SHA-1, so an image is fetched once, not at every sign-in: in memory, or in
 * `<profile>/avatars/<sha1>` (owner-only, written atomically). Files are named by a checked hash only;
 * what is read back is checked again by the core (hash and type) like anything from outside.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file.ts';

export interface AvatarStore {
  /** The bytes stored under this hash, or null. */
  read(hash: string): Promise<Buffer | null>;
  write(hash: string, bytes: Uint8Array): Promise<void>;
}

const SHA1_HEX = /^[0-9a-f]{40}$/u;

function checkedHash(hash: string): string {
  if (!SHA1_HEX.test(hash)) throw new Error(`not a SHA-1 hash: ${hash.slice(0, 50)}`);
  return hash;
}

export function createMemoryAvatarStore(): AvatarStore {
  const kept = new Map<string, Buffer>();
  return {
    read: async (hash) => kept.get(hash) ?? null,
    write: async (hash, bytes) => {
      kept.set(checkedHash(hash), Buffer.from(bytes));
    },
  };
}

/** `<profileDir>/avatars/<sha1>`; shared by every account of the profile (same hash, same image). */
export function createFileAvatarStore(profileDir: string): AvatarStore {
  const dir = path.join(profileDir, 'avatars');
  return {
    async read(hash) {
      try {
        return await readFile(path.join(dir, checkedHash(hash)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    write: (hash, bytes) => writeFileAtomic(path.join(dir, checkedHash(hash)), bytes),
  };
}
