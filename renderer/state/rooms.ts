/**
 * The rooms slice (group chat, issue 10): its pure transitions (fed by onRooms, onOccupants,
 * onRoomInvitations and the snapshot), the hooks that read it, and the actions that call the contract.
 * A room's messages live with every other conversation's (chats slice), under the room's JID.
 */
import { useShallow } from 'zustand/react/shallow';
import type { AccountId, JabberEventPayloads, Jid, Occupant, Result, Room, RoomInvitation, RoomRole, Snapshot } from '../../app/shared/contract.ts';
import { unreadMentions } from '../text/mentions.ts';
import { getApi } from '../api.ts';
import { call, openConversation } from './actions.ts';
import type { ConversationRef, JabberState, RoomsSliceState } from './model.ts';
import { useJabberStore } from './store.ts';

// ---- transitions

export function applyRooms<S extends RoomsSliceState>(state: S, { account, rooms }: JabberEventPayloads['onRooms']): S {
  const known = new Set(rooms.filter((room) => room.status === 'joined').map((room) => room.jid));
  const occupants = Object.fromEntries(Object.entries(state.occupants[account] ?? {}).filter(([jid]) => known.has(jid)));
  return { ...state, rooms: { ...state.rooms, [account]: rooms }, occupants: { ...state.occupants, [account]: occupants } };
}

export function applyOccupants<S extends RoomsSliceState>(state: S, { account, room, occupants }: JabberEventPayloads['onOccupants']): S {
  return { ...state, occupants: { ...state.occupants, [account]: { ...state.occupants[account], [room]: occupants } } };
}

export function applyRoomInvitations<S extends RoomsSliceState>(state: S, { account, invitations }: JabberEventPayloads['onRoomInvitations']): S {
  return { ...state, roomInvitations: { ...state.roomInvitations, [account]: invitations } };
}

export function applyRoomsFromSnapshot<S extends RoomsSliceState>(state: S, snapshot: Snapshot): S {
  let next = state;
  for (const account of snapshot.accounts) {
    next = applyRooms(next, { account: account.account, rooms: account.rooms ?? [] });
    for (const [room, occupants] of Object.entries(account.occupants ?? {})) next = applyOccupants(next, { account: account.account, room, occupants });
    next = applyRoomInvitations(next, { account: account.account, invitations: account.roomInvitations ?? [] });
  }
  return next;
}

// ---- reading

const NO_ROOMS: readonly Room[] = [];
const NO_OCCUPANTS: readonly Occupant[] = [];
const NO_INVITATIONS: readonly RoomInvitation[] = [];

export const roomOf = (state: Pick<JabberState, 'rooms'>, account: AccountId, jid: Jid): Room | undefined => state.rooms[account]?.find((room) => room.jid === jid);
export const isRoom = (state: Pick<JabberState, 'rooms'>, ref: ConversationRef | null): boolean => ref !== null && roomOf(state, ref.account, ref.peer) !== undefined;

export const useRooms = (account: AccountId | undefined): readonly Room[] => useJabberStore((state) => (account === undefined ? NO_ROOMS : (state.rooms[account] ?? NO_ROOMS)));
export const useRoom = (ref: ConversationRef): Room | undefined => useJabberStore((state) => roomOf(state, ref.account, ref.peer));
export const useOccupants = (ref: ConversationRef): readonly Occupant[] => useJabberStore((state) => state.occupants[ref.account]?.[ref.peer] ?? NO_OCCUPANTS);
export const useRoomInvitations = (account: AccountId | undefined): readonly RoomInvitation[] =>
  useJabberStore((state) => (account === undefined ? NO_INVITATIONS : (state.roomInvitations[account] ?? NO_INVITATIONS)));
/** Unread counts of an account's rooms, in the order of its rooms. */
export const useRoomUnread = (account: AccountId | undefined): readonly number[] =>
  useJabberStore(useShallow((state) => (account === undefined ? [] : (state.rooms[account] ?? NO_ROOMS).map((room) => state.unread[account]?.[room.jid] ?? 0))));

/** Unread messages naming our nickname, per room of the account, in the order of its rooms (of the messages loaded). */
export const useRoomMentions = (account: AccountId | undefined): readonly number[] =>
  useJabberStore(useShallow((state) => (account === undefined ? [] : (state.rooms[account] ?? NO_ROOMS).map((room) => unreadMentions(state.messages[account]?.[room.jid] ?? [], state.unread[account]?.[room.jid] ?? 0, room.nick)))));

// ---- actions (the contract's room commands)

export async function joinRoom(account: AccountId, room: Jid, nick: string, password?: string): Promise<Result<Room>> {
  const result = await call(() => getApi().joinRoom({ account, room, nick, ...(password !== undefined && password !== '' ? { password } : {}) }));
  if (result.ok) openConversation({ account, peer: result.value.jid });
  return result;
}

export const leaveRoom = (ref: ConversationRef, forget: boolean): Promise<Result<null>> => call(() => getApi().leaveRoom({ account: ref.account, room: ref.peer, forget }));
export const sendRoomMessage = (ref: ConversationRef, body: string): Promise<Result<unknown>> => call(() => getApi().sendRoomMessage({ account: ref.account, room: ref.peer, body }));
/** A conversation `room@service/nick`: private messages with an occupant of one of the account's rooms. */
export const isPrivateConversation = (state: Pick<JabberState, 'rooms'>, ref: ConversationRef): boolean => {
  const slash = ref.peer.indexOf('/');
  return slash !== -1 && roomOf(state, ref.account, ref.peer.slice(0, slash)) !== undefined;
};

export function sendPrivateMessage(ref: ConversationRef, body: string): Promise<Result<unknown>> {
  const slash = ref.peer.indexOf('/');
  return call(() => getApi().sendPrivateMessage({ account: ref.account, room: ref.peer.slice(0, slash), nick: ref.peer.slice(slash + 1), body }));
}

export const setRoomSubject = (ref: ConversationRef, subject: string): Promise<Result<null>> => call(() => getApi().setRoomSubject({ account: ref.account, room: ref.peer, subject }));
export const changeNick = (ref: ConversationRef, nick: string): Promise<Result<null>> => call(() => getApi().changeNick({ account: ref.account, room: ref.peer, nick }));
export const inviteToRoom = (ref: ConversationRef, jid: Jid, reason: string): Promise<Result<null>> => call(() => getApi().inviteToRoom({ account: ref.account, room: ref.peer, jid, reason }));
export const kickOccupant = (ref: ConversationRef, nick: string): Promise<Result<null>> => call(() => getApi().kickOccupant({ account: ref.account, room: ref.peer, nick }));
export const banOccupant = (ref: ConversationRef, nick: string): Promise<Result<null>> => call(() => getApi().banOccupant({ account: ref.account, room: ref.peer, nick }));
export const setRole = (ref: ConversationRef, nick: string, role: RoomRole): Promise<Result<null>> => call(() => getApi().setRole({ account: ref.account, room: ref.peer, nick, role }));
export const destroyRoom = (ref: ConversationRef): Promise<Result<null>> => call(() => getApi().destroyRoom({ account: ref.account, room: ref.peer }));
export const dismissInvitation = (account: AccountId, room: Jid): Promise<Result<null>> => call(() => getApi().dismissInvitation({ account, room }));
export const requestVoice = (ref: ConversationRef): Promise<Result<null>> => call(() => getApi().requestVoice({ account: ref.account, room: ref.peer }));
