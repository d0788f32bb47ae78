/**
 * Conversation features in rooms (issue 10 item 7, issue 12 in rooms): who is typing in each room and the
 * messages a moderator removed (their own small store, fed by onRoomTyping and onRoomModeration), and the
 * room versions of typing, correcting, retracting, removing (XEP-0425), replying and reacting.
 */
import { create } from 'zustand';
import type { ChatMessage, ChatState, JabberApi, JabberEventPayloads, Result, RoomModeration, RoomTyping } from '../../app/shared/contract.ts';
import { getApi } from '../api.ts';
import { call } from './actions.ts';
import type { ConversationRef } from './model.ts';
import { applyMessage } from './reducers.ts';
import { currentSettings } from './settings.ts';
import { startReply, toggledReactions } from './rich-actions.ts';
import { update } from './store.ts';

interface RoomMessagesState {
  /** Per `account room`: who is typing there. */
  readonly typing: Readonly<Record<string, readonly RoomTyping[]>>;
  /** Per `account room`: the messages a moderator removed, by message id. */
  readonly moderated: Readonly<Record<string, Readonly<Record<string, RoomModeration>>>>;
}

export const useRoomMessagesStore = create<RoomMessagesState>()(() => ({ typing: {}, moderated: {} }));

const key = (account: string, room: string): string => `${account} ${room}`;
const NO_TYPING: readonly RoomTyping[] = [];
const NO_MODERATION: Readonly<Record<string, RoomModeration>> = {};

export const useRoomTyping = (ref: ConversationRef): readonly RoomTyping[] => useRoomMessagesStore((state) => state.typing[key(ref.account, ref.peer)] ?? NO_TYPING);
export const useRoomModerations = (ref: ConversationRef): Readonly<Record<string, RoomModeration>> =>
  useRoomMessagesStore((state) => state.moderated[key(ref.account, ref.peer)] ?? NO_MODERATION);

export function applyRoomTyping({ account, room, typing }: JabberEventPayloads['onRoomTyping']): void {
  useRoomMessagesStore.setState((state) => ({ typing: { ...state.typing, [key(account, room)]: typing } }));
}

export function applyRoomModeration({ account, room, moderation }: JabberEventPayloads['onRoomModeration']): void {
  useRoomMessagesStore.setState((state) => {
    const k = key(account, room);
    return { moderated: { ...state.moderated, [k]: { ...state.moderated[k], [moderation.id]: moderation } } };
  });
}

/** Subscribes to the room events of this store; returns the unsubscribes. */
export function bindRoomMessages(api: Pick<JabberApi, 'onRoomTyping' | 'onRoomModeration'>): Array<() => void> {
  return [api.onRoomTyping(applyRoomTyping), api.onRoomModeration(applyRoomModeration)];
}

const stored = (account: string) => (result: Result<ChatMessage>): Result<ChatMessage> => {
  if (result.ok) update((state) => applyMessage(state, { account, message: result.value }));
  return result;
};

/** Typing in a room: best effort, and nothing when the user turned typing notifications off (Settings → Privacy). */
export function sendRoomChatState({ account, peer }: ConversationRef, state: ChatState): void {
  if (!currentSettings().privacy.sendTypingNotifications) return;
  void call(() => getApi().sendRoomChatState({ account, room: peer, state }));
}

export const correctRoomMessage = async ({ account, peer }: ConversationRef, id: string, body: string): Promise<Result<ChatMessage>> =>
  stored(account)(await call(() => getApi().correctRoomMessage({ account, room: peer, id, body })));

export const retractRoomMessage = async ({ account, peer }: ConversationRef, id: string): Promise<Result<ChatMessage>> =>
  stored(account)(await call(() => getApi().retractRoomMessage({ account, room: peer, id })));

export const moderateRoomMessage = ({ account, peer }: ConversationRef, id: string, reason: string): Promise<Result<null>> =>
  call(() => getApi().moderateRoomMessage({ account, room: peer, id, ...(reason.trim() !== '' ? { reason: reason.trim() } : {}) }));

export async function sendRoomReply(conversation: ConversationRef, body: string, original: ChatMessage): Promise<Result<ChatMessage>> {
  const result = stored(conversation.account)(await call(() => getApi().sendRoomReply({ account: conversation.account, room: conversation.peer, body, replyTo: original.id })));
  if (result.ok) startReply(conversation, null);
  return result;
}

/** Our reactions in a room are those of our occupant JID (`room/nick`). */
export const toggleRoomReaction = async (conversation: ConversationRef, ownOccupant: string, message: ChatMessage, emoji: string): Promise<Result<ChatMessage>> =>
  stored(conversation.account)(await call(() => getApi().sendRoomReactions({ account: conversation.account, room: conversation.peer, id: message.id, reactions: toggledReactions(message, ownOccupant, emoji) })));
