/**
 * Account settings behind one small interface: the list of configured accounts, in order, without
 * any secret. Passwords never go through here; they belong to the SecretStore (secret-store.ts).
 */
import type { AccountId } from '../shared/contract.ts';
import { formatBare, parseAccountJid } from '../shared/jid.ts';

export interface AccountSettings {
  /** Bare JID, normalized. */
  readonly jid: AccountId;
  /** Connect here instead of resolving the domain's SRV records. */
  readonly host?: string;
  readonly port?: number;
  /** The user wants it online: it connects at start when its password is saved. */
  readonly enabled: boolean;
}

export interface AccountStore {
  /** The stored list, in order; empty when nothing was stored yet. */
  load(): Promise<readonly AccountSettings[]>;
  /** Replaces the stored list. */
  save(accounts: readonly AccountSettings[]): Promise<void>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the fields we know, in a fixed shape: nothing else (a password least of all) can be written by accident. */
export function toStoredSettings(settings: AccountSettings): AccountSettings {
  return {
    jid: settings.jid,
    ...(settings.host !== undefined ? { host: settings.host } : {}),
    ...(settings.port !== undefined ? { port: settings.port } : {}),
    enabled: settings.enabled,
  };
}

/** Checks one stored entry (the file may have been edited or damaged); null when it is unusable. */
export function parseAccountSettings(value: unknown): AccountSettings | null {
  if (!isRecord(value) || typeof value.jid !== 'string' || typeof value.enabled !== 'boolean') return null;
  const jid = parseAccountJid(value.jid);
  if (!jid.ok || jid.jid.resource !== '') return null;
  const host = value.host;
  if (host !== undefined && (typeof host !== 'string' || host.length === 0 || /\s|\//u.test(host))) return null;
  const port = value.port;
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) return null;
  return toStoredSettings({ jid: formatBare(jid.jid), host, port, enabled: value.enabled });
}

/** For tests, and wherever nothing may be written to disk. */
export function createMemoryAccountStore(initial: readonly AccountSettings[] = []): AccountStore {
  let stored = initial.map(toStoredSettings);
  return {
    async load() {
      return stored.map((settings) => ({ ...settings }));
    },
    async save(accounts) {
      stored = accounts.map(toStoredSettings);
    },
  };
}
