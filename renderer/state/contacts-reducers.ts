/** Pure transitions of the contacts slice: subscription requests, the filter, folded groups. */
import type { AccountId, AppError, JabberEventPayloads } from '../../app/shared/contract.ts';
import type { ContactDialog, ContactsSliceState } from './model.ts';
import { without } from './per-account.ts';

/** The key of a group in `collapsedGroups`: groups are per account. */
export const groupKey = (account: AccountId, group: string): string => `${account}\n${group}`;

export function applySubscriptionRequests<S extends ContactsSliceState>(state: S, { account, requests }: JabberEventPayloads['onSubscriptionRequests']): S {
  const subscriptionRequests = requests.length === 0 ? without(state.subscriptionRequests, account) : { ...state.subscriptionRequests, [account]: requests };
  return subscriptionRequests === state.subscriptionRequests ? state : { ...state, subscriptionRequests };
}

export function applyBlocklist<S extends ContactsSliceState>(state: S, { account, blocked, supported }: JabberEventPayloads['onBlocklist']): S {
  return {
    ...state,
    blocked: blocked.length === 0 ? without(state.blocked, account) : { ...state.blocked, [account]: blocked },
    blockingSupported: supported ? { ...state.blockingSupported, [account]: true as const } : without(state.blockingSupported, account),
  };
}

export function setContactFilter<S extends ContactsSliceState>(state: S, contactFilter: string): S {
  return state.contactFilter === contactFilter ? state : { ...state, contactFilter };
}

export function toggleGroup<S extends ContactsSliceState>(state: S, account: AccountId, group: string): S {
  const key = groupKey(account, group);
  const collapsedGroups = Object.hasOwn(state.collapsedGroups, key) ? without(state.collapsedGroups, key) : { ...state.collapsedGroups, [key]: true as const };
  return { ...state, collapsedGroups };
}

export function setContactDialog<S extends ContactsSliceState>(state: S, contactDialog: ContactDialog | null): S {
  return state.contactDialog === contactDialog ? state : { ...state, contactDialog };
}

export function setContactError<S extends ContactsSliceState>(state: S, contactError: AppError | null): S {
  return state.contactError === contactError ? state : { ...state, contactError };
}
