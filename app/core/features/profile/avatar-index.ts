/**
 * Which avatar each contact had when we last saw it, so the next start shows every avatar from the
 * disk at once — also those of contacts who are offline and only announce theirs in presence
 * (XEP-0153). Kept per account in a private file of the profile (`avatar-index/<account>.json`),
 * written a moment after a change (a sign-in brings thousands of them), checked when read back.
 */
import type { Jid } from '../../../shared/contract.ts';
import { toBareJid } from '../../../shared/jid.ts';
import type { TextFile } from '../roster/roster-cache.ts';

export interface KnownAvatar {
  readonly hash: string;
  /** How the contact publishes it: PEP (XEP-0084) or vCard (XEP-0153). */
  readonly source: 'pep' | 'vcard';
}

export interface AvatarIndex {
  load(): Promise<Map<Jid, KnownAvatar>>;
  /** Keeps this list as it is a moment later (null forgets it); a failure only costs showing avatars a little later next time. */
  save(avatars: ReadonlyMap<Jid, KnownAvatar> | null): void;
}

const FORMAT = 1;
const SHA1_HEX = /^[0-9a-f]{40}$/u;
/** Writes wait this long for more changes. */
const SAVE_DELAY_MS = 1_000;

export function createMemoryAvatarIndex(): AvatarIndex {
  let kept = new Map<Jid, KnownAvatar>();
  return {
    load: async () => new Map(kept),
    save: (avatars) => {
      kept = new Map(avatars ?? []);
    },
  };
}

/** The entries of a file we can trust; anything damaged is left out (it is fetched again). */
export function parseAvatarIndex(text: string): Map<Jid, KnownAvatar> {
  const result = new Map<Jid, KnownAvatar>();
  try {
    const value = JSON.parse(text) as { format?: unknown; avatars?: unknown };
    if (value.format !== FORMAT || typeof value.avatars !== 'object' || value.avatars === null) return result;
    for (const [jid, entry] of Object.entries(value.avatars as Record<string, unknown>)) {
      const { hash, source } = (entry ?? {}) as Record<string, unknown>;
      if (toBareJid(jid) !== jid || typeof hash !== 'string' || !SHA1_HEX.test(hash) || (source !== 'pep' && source !== 'vcard')) continue;
      result.set(jid, { hash, source });
    }
  } catch {
    // Not JSON: nothing known.
  }
  return result;
}

export function createFileAvatarIndex(file: TextFile, log: (message: string) => void = (message) => console.warn(`[jabber] ${message}`)): AvatarIndex {
  let timer: NodeJS.Timeout | null = null;
  let pending: ReadonlyMap<Jid, KnownAvatar> | null | undefined;
  const write = (): void => {
    timer = null;
    const avatars = pending;
    pending = undefined;
    if (avatars === undefined) return;
    // Serialized now, not when asked: the caller's list may have changed since, and the newest is what counts.
    const text = avatars === null ? null : JSON.stringify({ format: FORMAT, avatars: Object.fromEntries(avatars) });
    file.write(text).catch((error: unknown) => log(`Could not save the avatar list: ${error instanceof Error ? error.message : String(error)}`));
  };
  return {
    async load() {
      try {
        const text = await file.read();
        return text === null ? new Map() : parseAvatarIndex(text);
      } catch (error) {
        log(`Could not read the avatar list: ${error instanceof Error ? error.message : String(error)}`);
        return new Map();
      }
    },
    save(avatars) {
      pending = avatars;
      if (avatars === null) {
        // Forgetting (the account is removed) happens at once.
        if (timer !== null) clearTimeout(timer);
        write();
        return;
      }
      timer ??= setTimeout(write, SAVE_DELAY_MS);
      timer.unref?.();
    },
  };
}
