/**
 * The configured accounts, in order, kept in memory and written through to the AccountStore on every
 * change. A failed write is reported and the account keeps working for this run: losing a setting
 * on disk must not take an account offline.
 */
import type { AccountId, AccountProxy, TrustedCertificate } from '../../shared/contract.ts';
import { parseAccountSettings, toStoredSettings, type AccountSettings, type AccountStore } from '../../store/account-store.ts';

/** A settings change: an absent field stays, null removes the override. */
export interface SettingsChange {
  readonly host?: string | null;
  readonly port?: number | null;
  readonly enabled?: boolean;
  /** Omitted: unchanged; null: a direct connection. */
  readonly proxy?: AccountProxy | null;
  readonly trustedCertificates?: readonly TrustedCertificate[];
}

export function applyChange(settings: AccountSettings, change: SettingsChange): AccountSettings {
  const host = change.host === undefined ? settings.host : (change.host ?? undefined);
  const port = change.port === undefined ? settings.port : (change.port ?? undefined);
  const proxy = change.proxy === undefined ? settings.proxy : (change.proxy ?? undefined);
  const trustedCertificates = change.trustedCertificates ?? settings.trustedCertificates;
  return toStoredSettings({
    jid: settings.jid,
    host,
    port,
    enabled: change.enabled ?? settings.enabled,
    ...(proxy !== undefined ? { proxy } : {}),
    ...(trustedCertificates !== undefined ? { trustedCertificates } : {}),
  });
}

export class AccountRegistry {
  readonly #store: AccountStore;
  readonly #log: (message: string) => void;
  #accounts: AccountSettings[] = [];

  constructor(store: AccountStore, log: (message: string) => void) {
    this.#store = store;
    this.#log = log;
  }

  /** Reads the stored list; an unreadable store means starting with no accounts (and saying so). */
  async load(): Promise<void> {
    try {
      const accounts: AccountSettings[] = [];
      for (const stored of await this.#store.load()) {
        // Whatever the store, only valid, distinct accounts get a session.
        const settings = parseAccountSettings(stored);
        if (settings === null) this.#log(`Ignored an unusable stored account: ${JSON.stringify(stored)}`);
        else if (!accounts.some((known) => known.jid === settings.jid)) accounts.push(settings);
      }
      this.#accounts = accounts;
    } catch (error) {
      this.#log(`Could not load the accounts: ${error instanceof Error ? error.message : String(error)}`);
      this.#accounts = [];
    }
  }

  list(): readonly AccountSettings[] {
    return this.#accounts;
  }

  get(account: AccountId): AccountSettings | undefined {
    return this.#accounts.find((settings) => settings.jid === account);
  }

  has(account: AccountId): boolean {
    return this.get(account) !== undefined;
  }

  /** Adds the account at the end, or replaces its settings where it is. */
  async put(settings: AccountSettings): Promise<void> {
    const stored = toStoredSettings(settings);
    const index = this.#accounts.findIndex((known) => known.jid === settings.jid);
    this.#accounts = index < 0 ? [...this.#accounts, stored] : this.#accounts.with(index, stored);
    await this.#persist();
  }

  /** The changed settings, or undefined when the account is unknown. */
  async update(account: AccountId, change: SettingsChange): Promise<AccountSettings | undefined> {
    const current = this.get(account);
    if (current === undefined) return undefined;
    const next = applyChange(current, change);
    await this.put(next);
    return next;
  }

  async remove(account: AccountId): Promise<void> {
    const remaining = this.#accounts.filter((settings) => settings.jid !== account);
    if (remaining.length === this.#accounts.length) return;
    this.#accounts = remaining;
    await this.#persist();
  }

  async #persist(): Promise<void> {
    try {
      await this.#store.save(this.#accounts);
    } catch (error) {
      this.#log(`Could not save the accounts: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
