/**
 * Replies and reactions in the renderer: the message being replied to per conversation (its own small
 * store), sending a reply or our new set of reactions (XEP-0461, XEP-0444), jumping to a quoted original,
 * and the reactions a conversation accepts (asked once per conversation).
 */
import { create } from 'zustand';
import type { ChatMessage, ReactionRestrictions, Result } from '../../app/shared/contract.ts';
import { getApi } from '../api.ts';
import { messageKey } from '../history/rows.ts';
import { call } from './actions.ts';
import type { ConversationRef } from './model.ts';
import { setFocus } from './history.ts';
import { applyMessage } from './reducers.ts';
import { update, useJabberStore } from './store.ts';

/** The emoji the picker always offers (and those already used on the message). */
export const COMMON_REACTIONS: readonly string[] = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

interface RichState {
  /** Per `account peer`: the message the composer replies to. */
  readonly replying: Readonly<Record<string, ChatMessage>>;
  /** Per `account peer`: what the conversation accepts as reactions (absent: not asked yet). */
  readonly restrictions: Readonly<Record<string, ReactionRestrictions>>;
}

export const useRichStore = create<RichState>()(() => ({ replying: {}, restrictions: {} }));

const key = ({ account, peer }: ConversationRef): string => `${account} ${peer}`;

export const useReplying = (conversation: ConversationRef): ChatMessage | undefined => useRichStore((state) => state.replying[key(conversation)]);
export const useReactionRestrictions = (conversation: ConversationRef): ReactionRestrictions | undefined =>
  useRichStore((state) => state.restrictions[key(conversation)]);

/** Starts replying to `message` (null: stops). */
export function startReply(conversation: ConversationRef, message: ChatMessage | null): void {
  useRichStore.setState((state) => {
    const replying = { ...state.replying };
    if (message === null) delete replying[key(conversation)];
    else replying[key(conversation)] = message;
    return { replying };
  });
}

export async function sendReply(conversation: ConversationRef, body: string, original: ChatMessage): Promise<Result<ChatMessage>> {
  const { account, peer } = conversation;
  const result = await call(() => getApi().sendReply({ account, to: peer, body, replyTo: original.id }));
  if (result.ok) {
    update((state) => applyMessage(state, { account, message: result.value }));
    startReply(conversation, null);
  }
  return result;
}

/** Our reactions to the message without `emoji` if we had it, with it if not. */
export function toggledReactions(message: ChatMessage, own: string, emoji: string): string[] {
  const ours = (message.reactions ?? []).filter((reaction) => reaction.from.includes(own)).map((reaction) => reaction.emoji);
  return ours.includes(emoji) ? ours.filter((mine) => mine !== emoji) : [...ours, emoji];
}

export async function toggleReaction(conversation: ConversationRef, message: ChatMessage, emoji: string): Promise<Result<ChatMessage>> {
  const { account, peer } = conversation;
  const result = await call(() => getApi().sendReactions({ account, conversation: peer, id: message.id, reactions: toggledReactions(message, account, emoji) }));
  if (result.ok) update((state) => applyMessage(state, { account, message: result.value }));
  return result;
}

/** Asks once per conversation which reactions it accepts (a failure: no restriction known). */
export async function loadReactionRestrictions(conversation: ConversationRef): Promise<void> {
  if (useRichStore.getState().restrictions[key(conversation)] !== undefined) return;
  const result = await call(() => getApi().getReactionRestrictions({ account: conversation.account, conversation: conversation.peer }));
  const restrictions = result.ok ? result.value : {};
  useRichStore.setState((state) => ({ restrictions: { ...state.restrictions, [key(conversation)]: restrictions } }));
}

let jumpNonce = 1_000_000;
/** Brings the message a reply quotes into view (where it is loaded) and focuses it; false when it is not loaded. */
export function jumpToMessage(conversation: ConversationRef, id: string): boolean {
  const list = useJabberStore.getState().messages[conversation.account]?.[conversation.peer] ?? [];
  const original = list.find((message) => message.id === id);
  if (original === undefined) return false;
  jumpNonce += 1;
  update((state) => setFocus(state, { ...conversation, key: messageKey(original), nonce: jumpNonce }));
  return true;
}
