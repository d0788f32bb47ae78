/**
 * Where a versioned roster (XEP-0237) is kept between sign-ins: in memory, or in a private file of
 * the profile, so a large roster is not fetched again at every start. What is read back is checked
 * like anything from outside: a damaged file only costs one full roster fetch.
 */
import type { Jid, Subscription } from '../../../shared/contract.ts';
import { toBareJid } from '../../../shared/jid.ts';
import type { RosterItem } from '../../xml/roster.ts';

/** A roster and the version the server gave it. */
export interface CachedRoster {
  readonly version: string;
  readonly items: readonly RosterItem[];
}

export interface RosterCache {
  load(): Promise<CachedRoster | null>;
  /** Keeps this roster (null forgets it); in the background: a failure only costs a later full fetch. */
  save(roster: CachedRoster | null): void;
}

/** A file's whole text (app/store's PrivateTextFile fits). */
export interface TextFile {
  read(): Promise<string | null>;
  write(text: string | null): Promise<void>;
}

export function createMemoryRosterCache(): RosterCache {
  let kept: CachedRoster | null = null;
  return {
    load: async () => kept,
    save: (roster) => {
      kept = roster;
    },
  };
}

const SUBSCRIPTIONS: ReadonlySet<string> = new Set<Subscription>(['none', 'to', 'from', 'both']);
const FORMAT = 1;

function parseItem(value: unknown): RosterItem | null {
  if (typeof value !== 'object' || value === null) return null;
  const { jid, name, groups, subscription, pendingOut } = value as Record<string, unknown>;
  const bare: Jid | null = typeof jid === 'string' ? toBareJid(jid) : null;
  if (bare === null || bare !== jid || typeof name !== 'string' || typeof subscription !== 'string' || !SUBSCRIPTIONS.has(subscription)) return null;
  if (!Array.isArray(groups) || !groups.every((group) => typeof group === 'string') || typeof pendingOut !== 'boolean') return null;
  return { jid: bare, name, groups: groups as string[], subscription: subscription as Subscription, pendingOut };
}

/** The roster a file holds, or null when it holds none we can trust whole. */
export function parseCachedRoster(text: string): CachedRoster | null {
  try {
    const value = JSON.parse(text) as { format?: unknown; version?: unknown; items?: unknown };
    if (value.format !== FORMAT || typeof value.version !== 'string' || value.version === '' || !Array.isArray(value.items)) return null;
    const items = value.items.map(parseItem);
    // One bad item and the version no longer describes what we hold: fetch it all again.
    return items.every((item) => item !== null) ? { version: value.version, items: items as RosterItem[] } : null;
  } catch {
    return null;
  }
}

export function createFileRosterCache(file: TextFile, log: (message: string) => void = (message) => console.warn(`[jabber] ${message}`)): RosterCache {
  return {
    async load() {
      try {
        const text = await file.read();
        return text === null ? null : parseCachedRoster(text);
      } catch (error) {
        log(`Could not read the saved roster: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      }
    },
    save(roster) {
      const text = roster === null ? null : JSON.stringify({ format: FORMAT, version: roster.version, items: roster.items });
      file.write(text).catch((error: unknown) => log(`Could not save the roster: ${error instanceof Error ? error.message : String(error)}`));
    },
  };
}
