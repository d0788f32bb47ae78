/**
 * Secrets (passwords today) by account, behind one small interface. Implementations: in memory
 * (here: the web host, tests) and Electron's safeStorage (main/secret-store-safe-storage.ts).
 * Nothing that implements this may write a secret in plaintext.
 */
import type { AccountId } from '../shared/contract.ts';

export interface SecretStore {
  get(account: AccountId): Promise<string | undefined>;
  set(account: AccountId, secret: string): Promise<void>;
  /** Forgetting a secret that is not stored is not an error. */
  delete(account: AccountId): Promise<void>;
}

/** Secrets for the lifetime of the process only. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<AccountId, string>();
  return {
    async get(account) {
      return secrets.get(account);
    },
    async set(account, secret) {
      secrets.set(account, secret);
    },
    async delete(account) {
      secrets.delete(account);
    },
  };
}
