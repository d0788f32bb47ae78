/**
 * Pure transitions for paging through a conversation's stored history: a page replaces what a
 * conversation shows (its newest messages, or the stretch around a search hit), or extends it
 * backwards (scrolling up) or forwards (scrolling down after a jump). Unit-tested.
 */
import type { ChatMessage, MessagePage } from '../../app/shared/contract.ts';
import { messageKey } from '../history/rows.ts';
import type { ChatsSliceState, ConversationRef, HistoryWindow, MessageFocus } from './model.ts';
import { getIn, setIn } from './per-account.ts';

export type PagePlacement = 'replace' | 'older' | 'newer';

/** Messages of `extra` that `base` does not hold. */
function missingFrom(base: readonly ChatMessage[], extra: readonly ChatMessage[]): ChatMessage[] {
  const known = new Set(base.map(messageKey));
  return extra.filter((message) => !known.has(messageKey(message)));
}

/**
 * `replace`: the page becomes the conversation's list; when it reaches the newest stored message,
 * live messages shown after its end stay. `older`/`newer`: the page's messages go before/after.
 */
export function applyPage<S extends ChatsSliceState>(state: S, { account, peer }: ConversationRef, page: MessagePage, placement: PagePlacement): S {
  const current = getIn(state.messages, account, peer) ?? [];
  const window = getIn(state.windows, account, peer);
  let list: readonly ChatMessage[];
  let next: HistoryWindow;
  if (placement === 'replace') {
    const last = page.messages.at(-1);
    const live = page.newer === null ? missingFrom(page.messages, current).filter((message) => last === undefined || message.timestamp >= last.timestamp) : [];
    list = [...page.messages, ...live];
    next = { older: page.older, newer: page.newer };
  } else if (placement === 'older') {
    list = [...missingFrom(current, page.messages), ...current];
    next = { older: page.older, newer: window?.newer ?? null };
  } else {
    list = [...current, ...missingFrom(current, page.messages)];
    next = { older: window?.older ?? null, newer: page.newer };
  }
  return { ...state, messages: setIn(state.messages, account, peer, list), windows: setIn(state.windows, account, peer, next) };
}

export const windowOf = (state: ChatsSliceState, { account, peer }: ConversationRef): HistoryWindow | undefined => getIn(state.windows, account, peer);

export function setFocus<S extends ChatsSliceState>(state: S, focus: MessageFocus | null): S {
  return state.focus === focus ? state : { ...state, focus };
}
