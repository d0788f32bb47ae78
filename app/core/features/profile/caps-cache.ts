/**
 * The XEP-0115 caps cache: checked disco#info results by `ver`, shared by every account (a `ver` is
 * the hash of what it stands for) and kept in the profile (`caps.json`), so that a restart asks no
 * device again what a thousand others already told. Read back with the same checks as a live answer.
 */
import type { DiscoInfo } from '../../xml/caps.ts';
import type { TextFile } from '../roster/roster-cache.ts';
import { capsVer } from './caps.ts';

export interface CapsCache {
  get(ver: string): DiscoInfo | undefined;
  put(ver: string, info: DiscoInfo): void;
}

const FORMAT = 1;
/** Bounded: a hostile roster could announce endless made-up vers (each one still has to hash right). */
const MAX_ENTRIES = 5_000;
const SAVE_DELAY_MS = 2_000;

function bounded(entries: Map<string, DiscoInfo>): void {
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
}

export function createMemoryCapsCache(): CapsCache {
  const entries = new Map<string, DiscoInfo>();
  return {
    get: (ver) => entries.get(ver),
    put: (ver, info) => {
      entries.set(ver, info);
      bounded(entries);
    },
  };
}

/** The entries of a saved cache whose `ver` still matches their content. */
export function parseCapsCache(text: string): Map<string, DiscoInfo> {
  const entries = new Map<string, DiscoInfo>();
  try {
    const value = JSON.parse(text) as { format?: unknown; entries?: unknown };
    if (value.format !== FORMAT || typeof value.entries !== 'object' || value.entries === null) return entries;
    for (const [ver, info] of Object.entries(value.entries as Record<string, unknown>)) {
      const candidate = info as DiscoInfo;
      try {
        if (capsVer(candidate) === ver) entries.set(ver, { identities: candidate.identities, features: candidate.features, forms: candidate.forms });
      } catch {
        // Malformed entry: left out.
      }
    }
  } catch {
    // Not JSON: an empty cache.
  }
  bounded(entries);
  return entries;
}

/** Loads the file once, then keeps it in memory and writes it back a moment after changes. */
export async function openFileCapsCache(file: TextFile, log: (message: string) => void = (message) => console.warn(`[jabber] ${message}`)): Promise<CapsCache> {
  const entries = await file.read().then((text) => (text === null ? new Map<string, DiscoInfo>() : parseCapsCache(text)), (error: unknown) => {
    log(`Could not read the capabilities cache: ${error instanceof Error ? error.message : String(error)}`);
    return new Map<string, DiscoInfo>();
  });
  let timer: NodeJS.Timeout | null = null;
  const write = (): void => {
    timer = null;
    file.write(JSON.stringify({ format: FORMAT, entries: Object.fromEntries(entries) })).catch((error: unknown) => log(`Could not save the capabilities cache: ${String(error)}`));
  };
  return {
    get: (ver) => entries.get(ver),
    put(ver, info) {
      entries.set(ver, info);
      bounded(entries);
      timer ??= setTimeout(write, SAVE_DELAY_MS);
      timer.unref?.();
    },
  };
}
