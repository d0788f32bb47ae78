/**
 * Module-level actions: what the views call. Each talks to the contract through api.ts
 * and records the outcome through the pure transitions of reducers.ts.
 * Commands never throw; the ones a view must react to return their Result.
 */
import type { ChatMessage, Jid, OwnPresenceShow, Result, SignInRequest } from '../../app/shared/contract.ts';
import { fail } from '../../app/shared/result.ts';
import { getApi } from '../api.ts';
import { applyMessage, applyOwnPresence, finishSignIn, selectConversation, setDraft, startSignIn } from './reducers.ts';
import { update, useJabberStore } from './store.ts';

/** Runs a command; a transport that breaks the never-throw promise still yields a Result. */
async function call<T>(command: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await command();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail('transport', `The app could not reach its background service (${detail}). Try again.`);
  }
}

/** Signs in; the outcome lands in the store (`signingIn`, `signInError`) and is returned too. */
export async function signIn(request: SignInRequest): Promise<Result<{ jid: Jid }>> {
  update(startSignIn);
  const result = await call(() => getApi().signIn(request));
  update((state) => finishSignIn(state, result.ok ? null : result.error));
  return result;
}

/** While the link is being re-established: try now instead of waiting for the next attempt. */
export function reconnectNow(): Promise<Result<null>> {
  return call(() => getApi().reconnectNow());
}

export function signOut(): Promise<Result<null>> {
  return call(() => getApi().signOut());
}

export async function setOwnPresence(show: OwnPresenceShow, status: string): Promise<Result<null>> {
  const result = await call(() => getApi().setPresence({ show, status }));
  if (result.ok) update((state) => applyOwnPresence(state, { show, status }));
  return result;
}

/** Sends a message; on success it joins its conversation at once (the echo event is deduplicated). */
export async function sendMessage(to: Jid, body: string): Promise<Result<ChatMessage>> {
  const result = await call(() => getApi().sendMessage({ to, body }));
  if (result.ok) update((state) => applyMessage(state, result.value));
  return result;
}

export function openConversation(conversation: Jid | null): void {
  update((state) => selectConversation(state, conversation));
}

export function saveDraft(conversation: Jid, text: string): void {
  update((state) => setDraft(state, conversation, text));
}

/** The draft of a conversation, read once (for initializing a composer). */
export const readDraft = (conversation: Jid): string => useJabberStore.getState().drafts[conversation] ?? '';
