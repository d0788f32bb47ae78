/**
 * The sidebar's Conversations list (issue 11, layout): every conversation with messages (1:1 chats,
 * rooms, private messages in a room), the most recently active first, each with its unread count and a
 * one-line preview of its last message. Derived from what the store holds (the snapshot brings the
 * latest messages of every stored conversation; live messages and onUnread keep it current).
 */
import type { AccountId, ChatMessage, Jid } from '../../app/shared/contract.ts';
import { meAction } from '../text/me-command.ts';
import { selectDisplayName } from './derive.ts';
import type { ConversationRef, JabberState } from './model.ts';
import { roomOf } from './rooms.ts';
import { t } from '../i18n/i18n.ts';

export interface ConversationEntry extends ConversationRef {
  /** `account\npeer`: unique over every account. */
  readonly key: string;
  /** The contact's or the room's name (a private conversation: "nick in Room"). */
  readonly name: string;
  readonly kind: 'chat' | 'room' | 'private';
  readonly unread: number;
  /** The last message on one line: "You: " before our own, the nickname before a room occupant's. */
  readonly preview: string;
  /** The last message's time (ms since the epoch). */
  readonly timestamp: number;
}

/** At most this many conversations are listed (the quick switcher reaches every one). */
export const LISTED_CONVERSATIONS = 50;
/** Longest preview, in characters. */
export const PREVIEW_CHARS = 80;

const nickOf = (from: Jid): string => {
  const slash = from.indexOf('/');
  return slash === -1 ? from : from.slice(slash + 1);
};

/** One line standing for a message: whitespace folded, shortened with an ellipsis, /me as an action. */
export function previewOf(message: ChatMessage, kind: ConversationEntry['kind'], peerName: string): string {
  if (message.retracted === true) return message.direction === 'out' ? t('You retracted a message') : t('Message retracted');
  const sender = message.direction === 'out' ? t('You') : kind === 'chat' ? peerName : nickOf(message.from);
  const action = meAction(message.body);
  const body = (action === null ? message.body : `${sender} ${action}`).replace(/\s+/gu, ' ').trim();
  const short = body.length > PREVIEW_CHARS ? `${body.slice(0, PREVIEW_CHARS - 1)}…` : body;
  if (action !== null) return short;
  if (message.direction === 'out') return t('You: {{text}}', { text: short });
  return kind === 'room' ? `${sender}: ${short}` : short;
}

type Source = Pick<JabberState, 'messages' | 'unread' | 'contacts' | 'cards' | 'rooms'>;

function entryOf(state: Source, account: AccountId, peer: Jid, last: ChatMessage): ConversationEntry {
  const ref = { account, peer };
  const slash = peer.indexOf('/');
  const room = roomOf(state, account, peer);
  const privateRoom = slash === -1 ? undefined : roomOf(state, account, peer.slice(0, slash));
  const kind = room !== undefined ? 'room' : privateRoom !== undefined ? 'private' : 'chat';
  const name = room !== undefined ? room.name : privateRoom !== undefined ? t('{{nick}} in {{room}}', { nick: peer.slice(slash + 1), room: privateRoom.name }) : selectDisplayName(state, ref);
  return { account, peer, key: `${account}\n${peer}`, name, kind, unread: state.unread[account]?.[peer] ?? 0, preview: previewOf(last, kind, name), timestamp: last.timestamp };
}

/** The conversations to list, the most recent first (ties by address), at most `limit`. */
export function conversationEntries(state: Source, accounts: readonly AccountId[], limit: number = LISTED_CONVERSATIONS): ConversationEntry[] {
  const latest: { account: AccountId; peer: Jid; last: ChatMessage }[] = [];
  for (const account of accounts) {
    for (const [peer, list] of Object.entries(state.messages[account] ?? {})) {
      const last = list.at(-1);
      if (last !== undefined) latest.push({ account, peer, last });
    }
  }
  latest.sort((a, b) => b.last.timestamp - a.last.timestamp || (a.peer < b.peer ? -1 : a.peer > b.peer ? 1 : a.account < b.account ? -1 : 1));
  return latest.slice(0, limit).map(({ account, peer, last }) => entryOf(state, account, peer, last));
}
