/** Immutable helpers for records keyed by account, then by JID. */
import type { AccountId, Jid } from '../../app/shared/contract.ts';
import type { PerAccount } from './model.ts';

const has = (record: object, key: string): boolean => Object.hasOwn(record, key);

export function without<V>(record: Readonly<Record<string, V>>, key: string): Readonly<Record<string, V>> {
  if (!has(record, key)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** One account's record; an empty one when it has none. */
export function ofAccount<V>(record: PerAccount<V>, account: AccountId): Readonly<Record<Jid, V>> {
  return (has(record, account) ? record[account] : undefined) ?? {};
}

export function getIn<V>(record: PerAccount<V>, account: AccountId, jid: Jid): V | undefined {
  const inner = ofAccount(record, account);
  return has(inner, jid) ? inner[jid] : undefined;
}

export function setIn<V>(record: PerAccount<V>, account: AccountId, jid: Jid, value: V): PerAccount<V> {
  return { ...record, [account]: { ...ofAccount(record, account), [jid]: value } };
}

/** The record without that entry; the same record when there was none (so nothing re-renders). */
export function removeIn<V>(record: PerAccount<V>, account: AccountId, jid: Jid): PerAccount<V> {
  const inner = ofAccount(record, account);
  if (!has(inner, jid)) return record;
  const rest = without(inner, jid);
  return Object.keys(rest).length === 0 ? without(record, account) : { ...record, [account]: rest };
}
