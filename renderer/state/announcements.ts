/**
 * Incoming messages announced to screen readers (issue 11, accessibility), through one polite live
 * region on the main screen (containers/AnnouncementsContainer.tsx): "New message from Bob: see you"
 * for a chat that is not open, "Carol in Team: standup?" for the open room. Never our own messages,
 * nor history caught up at sign-in, nor copies of messages already shown. The open chat announces its
 * own new messages (ConversationView's region), so it is left out here. Which message says what is a
 * pure function (announcementFor, unit-tested).
 */
import { create } from 'zustand';
import type { AccountId, ChatMessage } from '../../app/shared/contract.ts';
import { meAction } from '../text/me-command.ts';
import { selectDisplayName } from './derive.ts';
import { CLOCK_GRACE_MS, NOTIFY_MAX_AGE_MS } from './notify.ts';
import { roomOf } from './rooms.ts';
import { useJabberStore } from './store.ts';
import { t } from '../i18n/i18n.ts';

/** Longest text read out. */
export const ANNOUNCED_CHARS = 140;

export interface AnnouncementInput {
  readonly message: ChatMessage;
  /** The message is already shown (a delivery update, a correction, a copy): not news. */
  readonly known: boolean;
  /** The contact's name (1:1), or the room's name (rooms and private messages in a room). */
  readonly name: string;
  readonly kind: 'chat' | 'room' | 'private';
  /** Its conversation is the open one. */
  readonly open: boolean;
  readonly now: number;
  /** Messages sent before this (the page's start, the account's sign-in) are history, not news. */
  readonly notBefore: number;
}

const nickOf = (from: string): string => from.slice(from.indexOf('/') + 1);

/** What to read out for a message that just arrived, or null: nothing. */
export function announcementFor(input: AnnouncementInput): string | null {
  const { message, kind, open } = input;
  if (input.known || message.direction !== 'in' || message.retracted === true || message.body.trim() === '') return null;
  if (input.now - message.timestamp > NOTIFY_MAX_AGE_MS || message.timestamp < input.notBefore - CLOCK_GRACE_MS) return null;
  // The open chat announces its own; a room that is not open would speak all day.
  if ((kind === 'chat' && open) || (kind === 'room' && !open)) return null;
  const sender = kind === 'chat' ? input.name : nickOf(message.from);
  const action = meAction(message.body);
  const folded = (action === null ? message.body : `${sender} ${action}`).replace(/\s+/gu, ' ').trim();
  const text = folded.length > ANNOUNCED_CHARS ? `${folded.slice(0, ANNOUNCED_CHARS - 1)}…` : folded;
  if (kind === 'room') return action === null ? t('{{sender}} in {{room}}: {{text}}', { sender, room: input.name, text }) : t('In {{room}}: {{text}}', { room: input.name, text });
  const from = kind === 'private' ? t('{{nick}} in {{room}}', { nick: sender, room: input.name }) : sender;
  return action === null ? t('New message from {{from}}: {{text}}', { from, text }) : t('New message: {{text}}', { text });
}

export interface AnnouncementState {
  readonly text: string;
}

export const useAnnouncementStore = create<AnnouncementState>()(() => ({ text: '' }));
export const useAnnouncement = (): string => useAnnouncementStore((state) => state.text);

/** Called for every onMessage before the store takes it in (bind-events.ts), like the notifications. */
export function createAnnouncements(now: () => number = Date.now) {
  const started = now();
  const signedInAt = new Map<AccountId, number>();
  return {
    connectionChanged(account: AccountId, status: string): void {
      if (status === 'connected') signedInAt.set(account, now());
    },
    consider({ account, message }: { readonly account: AccountId; readonly message: ChatMessage }): string | null {
      const state = useJabberStore.getState();
      const peer = message.conversation;
      const known = (state.messages[account]?.[peer] ?? []).some((m) => m.direction === message.direction && m.id === message.id);
      const slash = peer.indexOf('/');
      const room = roomOf(state, account, peer);
      const privateRoom = slash === -1 ? undefined : roomOf(state, account, peer.slice(0, slash));
      const kind = room !== undefined ? 'room' : privateRoom !== undefined ? 'private' : 'chat';
      const name = room?.name ?? privateRoom?.name ?? selectDisplayName(state, { account, peer });
      const open = state.active !== null && state.active.account === account && state.active.peer === peer;
      const text = announcementFor({ message, known, name, kind, open, now: now(), notBefore: Math.max(started, signedInAt.get(account) ?? started) });
      // The same words twice in a row would not be read again: a trailing no-break space tells them apart.
      if (text !== null) useAnnouncementStore.setState((previous) => ({ text: previous.text === text ? `${text}\u00a0` : text }));
      return text;
    },
  };
}
