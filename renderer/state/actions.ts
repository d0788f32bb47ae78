/**
 * Module-level actions: what the views call. Each talks to the contract through api.ts
 * and records the outcome through the pure transitions of reducers.ts.
 * Commands never throw; the ones a view must react to return their Result.
 */
import type { AccountId, AccountProxyInput, AccountSummary, AddAccountRequest, ChatMessage, ChatState, OwnPresenceShow, Result, SignedIn, TrustedAuthority, TrustedCertificate } from '../../app/shared/contract.ts';
import { fail } from '../../app/shared/result.ts';
import { policyLocks } from '../../app/shared/policy.ts';
import { getApi } from '../api.ts';
import { selectDraft } from './derive.ts';
import { windowOf } from './history.ts';
import { openLatest } from './history-actions.ts';
import type { ConversationRef } from './model.ts';
import {
  applyMessage, applyOwnPresence, setEditing, closeAddAccount as closeAdd, finishSignIn, openAddAccount as openAdd, selectAccount, selectConversation, setDraft,
  startSignIn,
} from './reducers.ts';
import { currentSettings } from './settings.ts';
import { update, useJabberStore } from './store.ts';
import { t } from '../i18n/i18n.ts';

/** Runs a command; a transport that breaks the never-throw promise still yields a Result. */
export async function call<T>(command: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await command();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail('transport', t('The app could not reach its background service ({{detail}}). Try again.', { detail }));
  }
}

/** Signs a new account in; the outcome lands in the store (`signingIn`, `signInError`) and is returned too. */
export async function addAccount(request: AddAccountRequest): Promise<Result<SignedIn>> {
  update(startSignIn);
  const result = await call(() => getApi().addAccount(request));
  if (result.ok) update((state) => closeAdd(selectAccount(finishSignIn(state, null), result.value.account)));
  else update((state) => finishSignIn(state, result.error));
  return result;
}

export const openAddAccount = (): void => update(openAdd);

/** Leaves the Add account form; an attempt still in progress for `pending` is cancelled. */
export function closeAddAccount(pending: AccountId | null): void {
  if (pending !== null && useJabberStore.getState().signingIn) void call(() => getApi().signOut({ account: pending }));
  update(closeAdd);
}

export const chooseAccount = (account: AccountId): void => update((state) => selectAccount(state, account));

/** Signs a configured account in again: with the saved password, or the one given. */
export function signIn(account: AccountId, password?: string, askedToRemember?: boolean): Promise<Result<SignedIn>> {
  // The organisation's policy may forbid saved passwords: then nothing asks the core to keep one.
  const rememberPassword = askedToRemember === true && policyLocks(useJabberStore.getState().policy).savePasswords ? false : askedToRemember;
  const request = password === undefined ? { account } : { account, password, ...(rememberPassword !== undefined ? { rememberPassword } : {}) };
  return call(() => getApi().signIn(request));
}

export function signOut(account: AccountId): Promise<Result<null>> {
  return call(() => getApi().signOut({ account }));
}

export function removeAccount(account: AccountId): Promise<Result<null>> {
  return call(() => getApi().removeAccount({ account }));
}

export function setAccountEnabled(account: AccountId, enabled: boolean): Promise<Result<null>> {
  return call(() => getApi().setAccountEnabled({ account, enabled }));
}

/** A null host or port means "found automatically" / "the default". */
/** Where and how the account connects: server and port (null: found automatically) and proxy (null: direct). */
export function updateConnectionSettings(account: AccountId, host: string | null, port: number | null, proxy: AccountProxyInput | null): Promise<Result<AccountSummary>> {
  return call(() => getApi().updateAccount({ account, host, port, proxy }));
}

/** Trusts, for this account, the certificate its last attempt was refused with. */
export function trustCertificate(account: AccountId, fingerprintSha256: string): Promise<Result<TrustedCertificate>> {
  return call(() => getApi().trustCertificate({ account, fingerprintSha256 }));
}

export function removeTrustedCertificate(account: AccountId, fingerprintSha256: string): Promise<Result<null>> {
  return call(() => getApi().removeTrustedCertificate({ account, fingerprintSha256 }));
}

/** A company CA (PEM text), trusted from now on for every account. */
export function addTrustedAuthority(pem: string): Promise<Result<TrustedAuthority>> {
  return call(() => getApi().addTrustedAuthority({ pem }));
}

export function removeTrustedAuthority(fingerprintSha256: string): Promise<Result<null>> {
  return call(() => getApi().removeTrustedAuthority({ fingerprintSha256 }));
}

/** Sets a new password on the server (XEP-0077); a remembered password follows. */
export function changePassword(account: AccountId, newPassword: string): Promise<Result<null>> {
  return call(() => getApi().changePassword({ account, newPassword }));
}

/** While the link is being re-established: try now instead of waiting for the next attempt. */
export function reconnectNow(account: AccountId): Promise<Result<null>> {
  return call(() => getApi().reconnectNow({ account }));
}

export async function setOwnPresence(account: AccountId, show: OwnPresenceShow, status: string): Promise<Result<null>> {
  const result = await call(() => getApi().setPresence({ account, show, status }));
  if (result.ok) update((state) => applyOwnPresence(state, { account, presence: { show, status } }));
  return result;
}

/** Sends a message; on success it joins its conversation at once (the echo event is deduplicated). */
export async function sendMessage({ account, peer }: ConversationRef, body: string): Promise<Result<ChatMessage>> {
  const result = await call(() => getApi().sendMessage({ account, to: peer, body }));
  if (result.ok) update((state) => applyMessage(state, { account, message: result.value }));
  // Writing while an older stretch of the history is shown (a search hit): back to the newest, where the message is.
  if (result.ok && (windowOf(useJabberStore.getState(), { account, peer })?.newer ?? null) !== null) void openLatest({ account, peer });
  return result;
}

/** Replaces the text of one of our messages (XEP-0308). */
export async function correctMessage({ account, peer }: ConversationRef, id: string, body: string): Promise<Result<ChatMessage>> {
  const result = await call(() => getApi().correctMessage({ account, conversation: peer, id, body }));
  if (result.ok) update((state) => applyMessage(state, { account, message: result.value }));
  return result;
}

/** Asks everyone to remove one of our messages (XEP-0424). */
export async function retractMessage({ account, peer }: ConversationRef, id: string): Promise<Result<ChatMessage>> {
  const result = await call(() => getApi().retractMessage({ account, conversation: peer, id }));
  if (result.ok) update((state) => applyMessage(state, { account, message: result.value }));
  return result;
}

/** Puts one of our messages (or none) into the composer for correcting; its text becomes the draft. */
export function startEditing(conversation: ConversationRef, message: ChatMessage | null): void {
  update((state) => {
    const editing = setEditing(state, conversation, message?.id ?? null);
    return message === null ? setDraft(editing, conversation, '') : setDraft(editing, conversation, message.body);
  });
}

/** Typing notifications: best effort, nothing to report; none at all when the user turned them off (Settings → Privacy). */
export function sendChatState({ account, peer }: ConversationRef, state: ChatState): void {
  if (!currentSettings().privacy.sendTypingNotifications) return;
  void call(() => getApi().sendChatState({ account, to: peer, state }));
}

/**
 * The user has seen the conversation: its unread count (the core's) goes to 0, and a displayed marker goes to
 * the peer and our other devices unless the user turned read markers off (Settings → Privacy).
 */
export function markRead({ account, peer }: ConversationRef): void {
  void call(() => getApi().markRead({ account, conversation: peer, sendMarker: currentSettings().privacy.sendReadMarkers }));
}

/** A room seen by the user: its unread count goes to 0; no marker goes to a room. */
export function markRoomRead({ account, peer }: ConversationRef): void {
  void call(() => getApi().markRead({ account, conversation: peer, sendMarker: false }));
}

export function openConversation(conversation: ConversationRef | null): void {
  update((state) => selectConversation(state, conversation));
}

export function saveDraft(conversation: ConversationRef, text: string): void {
  update((state) => setDraft(state, conversation, text));
}

/** The draft of a conversation, read once (for initializing a composer). */
export const readDraft = (conversation: ConversationRef): string => selectDraft(useJabberStore.getState(), conversation);
