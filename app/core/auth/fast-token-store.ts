/**
 * Where an account's FAST token (XEP-0484) and its user-agent id live: in the secret store, next to
 * the password and protected like it (the token signs in without a password). The user-agent id is
 * not secret, but a token is only valid with the id it was issued for, so they are kept together.
 */
import { randomUUID } from 'node:crypto';
import type { AccountId } from '../../shared/contract.ts';
import type { SecretStore } from '../../store/secret-store.ts';
import type { FastToken } from './fast.ts';

export interface FastTokenStore {
  /** A stable id for this installation and account, created at first use. */
  userAgentId(): Promise<string>;
  load(): Promise<FastToken | null>;
  save(token: FastToken): Promise<void>;
  forget(): Promise<void>;
}

const tokenKey = (account: AccountId): AccountId => `fast-token:${account}`;
const userAgentKey = (account: AccountId): AccountId => `user-agent:${account}`;

function parseToken(text: string | undefined): FastToken | null {
  if (text === undefined) return null;
  try {
    const value = JSON.parse(text) as Partial<FastToken>;
    if (typeof value.mechanism !== 'string' || typeof value.token !== 'string' || typeof value.expiry !== 'string') return null;
    // An expired token would only cost a failed round trip.
    if (Date.parse(value.expiry) <= Date.now()) return null;
    return { mechanism: value.mechanism, token: value.token, expiry: value.expiry };
  } catch {
    return null;
  }
}

export function createFastTokenStore(secrets: SecretStore, account: AccountId): FastTokenStore {
  return {
    async userAgentId() {
      const existing = await secrets.get(userAgentKey(account));
      if (existing !== undefined) return existing;
      const created = randomUUID();
      await secrets.set(userAgentKey(account), created);
      return created;
    },
    async load() {
      return parseToken(await secrets.get(tokenKey(account)));
    },
    async save(token) {
      await secrets.set(tokenKey(account), JSON.stringify(token));
    },
    async forget() {
      await secrets.delete(tokenKey(account));
      await secrets.delete(userAgentKey(account));
    },
  };
}
