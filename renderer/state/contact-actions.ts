/** What the contact list's views call: roster changes and answers to subscription requests, through the contract. */
import type { AccountId, Jid, Result } from '../../app/shared/contract.ts';
import { getApi } from '../api.ts';
import { call } from './actions.ts';
import { setContactDialog, setContactError, setContactFilter, toggleGroup } from './contacts-reducers.ts';
import type { ContactDialog } from './model.ts';
import { update } from './store.ts';

export function addContact(account: AccountId, jid: string, name: string, groups: readonly string[]): Promise<Result<null>> {
  return call(() => getApi().addContact({ account, jid, name, groups }));
}

export function renameContact(account: AccountId, jid: Jid, name: string): Promise<Result<null>> {
  return call(() => getApi().updateContact({ account, jid, name }));
}

export function setContactGroups(account: AccountId, jid: Jid, groups: readonly string[]): Promise<Result<null>> {
  return call(() => getApi().updateContact({ account, jid, groups }));
}

export function removeContact(account: AccountId, jid: Jid): Promise<Result<null>> {
  return call(() => getApi().removeContact({ account, jid }));
}

export function acceptSubscription(account: AccountId, jid: Jid, subscribeBack = true): Promise<Result<null>> {
  return call(() => getApi().acceptSubscription({ account, jid, subscribeBack }));
}

export function denySubscription(account: AccountId, jid: Jid): Promise<Result<null>> {
  return call(() => getApi().denySubscription({ account, jid }));
}

export function cancelSubscription(account: AccountId, jid: Jid): Promise<Result<null>> {
  return call(() => getApi().cancelSubscription({ account, jid }));
}

export function requestSubscription(account: AccountId, jid: Jid): Promise<Result<null>> {
  return call(() => getApi().requestSubscription({ account, jid }));
}

export const filterContacts = (text: string): void => update((state) => setContactFilter(state, text));

export const toggleContactGroup = (account: AccountId, group: string): void => update((state) => toggleGroup(state, account, group));

export const openContactDialog = (dialog: ContactDialog): void => update((state) => setContactDialog(state, dialog));
export const closeContactDialog = (): void => update((state) => setContactDialog(state, null));

export function blockContact(account: AccountId, jid: Jid): Promise<Result<null>> {
  return call(() => getApi().blockContact({ account, jid }));
}

export function unblockContact(account: AccountId, jid: Jid): Promise<Result<null>> {
  return call(() => getApi().unblockContact({ account, jid }));
}

/** Runs an action started from a menu or a button: its failure is shown above the contact list. */
export async function reportingFailure(action: () => Promise<Result<null>>): Promise<void> {
  update((state) => setContactError(state, null));
  const result = await action();
  if (!result.ok) update((state) => setContactError(state, result.error));
}

export const dismissContactError = (): void => update((state) => setContactError(state, null));
