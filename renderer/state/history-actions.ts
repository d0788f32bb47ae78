/**
 * Actions for the stored history: open a conversation at its newest messages, page older and newer,
 * search, and open a search hit in context. A page that arrives after the conversation moved on
 * (another jump, another page) is dropped.
 */
import type { MessageCursor, MessagePage, MessageSearchHit, Result, SearchMessagesRequest } from '../../app/shared/contract.ts';
import { fail } from '../../app/shared/result.ts';
import { getApi } from '../api.ts';
import { messageKey } from '../history/rows.ts';
import { applyPage, setFocus, windowOf, type PagePlacement } from './history.ts';
import type { ConversationRef } from './model.ts';
import { selectConversation } from './reducers.ts';
import { update, useJabberStore } from './store.ts';
import { t } from '../i18n/i18n.ts';

/** Messages per page: a few screens, small enough to render at once. */
export const PAGE_SIZE = 100;

async function call<T>(command: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await command();
  } catch (error) {
    return fail('transport', t('The app could not reach its background service ({{detail}}). Try again.', { detail: error instanceof Error ? error.message : String(error) }));
  }
}

const load = (ref: ConversationRef, position: { before?: MessageCursor; after?: MessageCursor; around?: MessageCursor }): Promise<Result<MessagePage>> =>
  call(() => getApi().loadMessages({ account: ref.account, conversation: ref.peer, limit: PAGE_SIZE, ...position }));

/** Shows the newest stored messages of a conversation (opening it, or back from a jump). */
export async function openLatest(ref: ConversationRef): Promise<Result<MessagePage>> {
  const result = await load(ref, {});
  if (result.ok) update((state) => applyPage(state, ref, result.value, 'replace'));
  return result;
}

/** The next page in one direction, unless there is none or the conversation moved on meanwhile. */
async function extend(ref: ConversationRef, placement: Exclude<PagePlacement, 'replace'>): Promise<boolean> {
  const cursor = windowOf(useJabberStore.getState(), ref)?.[placement];
  if (cursor === undefined || cursor === null) return false;
  const result = await load(ref, placement === 'older' ? { before: cursor } : { after: cursor });
  if (!result.ok || windowOf(useJabberStore.getState(), ref)?.[placement] !== cursor) return false;
  update((state) => applyPage(state, ref, result.value, placement));
  return true;
}

export const loadOlder = (ref: ConversationRef): Promise<boolean> => extend(ref, 'older');
export const loadNewer = (ref: ConversationRef): Promise<boolean> => extend(ref, 'newer');

export function searchMessages(request: SearchMessagesRequest): Promise<Result<readonly MessageSearchHit[]>> {
  return call(() => getApi().searchMessages(request));
}

let focusNonce = 0;

/** Opens the hit's conversation at the hit: the page around it, the message brought into view and highlighted. */
export async function openSearchHit(hit: MessageSearchHit): Promise<Result<MessagePage>> {
  const ref: ConversationRef = { account: hit.account, peer: hit.conversation };
  const result = await load(ref, { around: hit.cursor });
  if (!result.ok) return result;
  focusNonce += 1;
  const focus = { ...ref, key: messageKey(hit), nonce: focusNonce };
  update((state) => selectConversation(setFocus(applyPage(state, ref, result.value, 'replace'), focus), ref));
  return result;
}

/** The view has shown the focused message. */
export const clearFocus = (): void => update((state) => setFocus(state, null));
