/** Pure transitions of the contacts slice: subscription requests, the filter, folded groups. */
import type { AccountId, JabberEventPayloads } from '../../app/shared/contract.ts';
import type { ContactDialog, ContactsSliceState } from './model.ts';
import { without } from './per-account.ts';

/** The key of a group in `collapsedGroups`: groups are per account. */
export const groupKey = (account: AccountId, group: string): string => `${account}\n${group}`;

export function applySubscriptionRequests<S extends ContactsSliceState>(state: S, { account, requests }: JabberEventPayloads['onSubscriptionRequests']): S {
  const subscriptionRequests = requests.length === 0 ? without(state.subscriptionRequests, account) : { ...state.subscriptionRequests, [account]: requests };
  return subscriptionRequests === state.subscriptionRequests ? state : { ...state, subscriptionRequests };
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
