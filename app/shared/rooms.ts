/**
 * The contract's group chat (issue 10): multi-user chat rooms (XEP-0045), their history (XEP-0313 on
 * the room), bookmarks (XEP-0402) and invitations (XEP-0249 direct, XEP-0045 §7.8 mediated). Part of
 * the contract (contract.ts extends these).
 *
 * A room's messages are plain `ChatMessage`s whose `conversation` is the room's bare JID (a JID the
 * `rooms` list names) and whose `from` is the occupant's room JID (`room@service/nick`); they arrive as
 * `onMessage` and are paged and searched like any conversation. Private messages with an occupant are
 * the conversation of the occupant's room JID (`room@service/nick`), kept out of the room's log.
 */
import type { AccountId, AccountRequest, ChatMessage, ChatState, Jid, Presence } from './contract.ts';
import type { AppError, Result } from './result.ts';

/** XEP-0045 §5.1: what an occupant may do in the room now. */
export type RoomRole = 'moderator' | 'participant' | 'visitor' | 'none';
/** XEP-0045 §5.2: the occupant's lasting standing with the room. `outcast` is banned. */
export type RoomAffiliation = 'owner' | 'admin' | 'member' | 'outcast' | 'none';

export interface Occupant {
  /** The occupant's nickname in the room (the resource of their room JID). */
  readonly nick: string;
  readonly role: RoomRole;
  readonly affiliation: RoomAffiliation;
  /** Their real bare JID, when the room tells us (a non-anonymous room, or we moderate it). */
  readonly jid?: Jid;
  readonly presence: Presence;
  /** This occupant is us. */
  readonly self: boolean;
}

/** How far we are in a room: asking to enter, in it, or out of it (left, kicked, never joined this session). */
export type RoomStatus = 'joining' | 'joined' | 'left';

/** What the room says about itself (disco#info `muc_*` features). */
export interface RoomFeatures {
  readonly passwordProtected: boolean;
  readonly membersOnly: boolean;
  readonly moderated: boolean;
  /** Real JIDs are shown to every occupant. */
  readonly nonAnonymous: boolean;
  readonly persistent: boolean;
  /** The room keeps an archive (XEP-0313): its history is fetched from there. */
  readonly archived: boolean;
  /** XEP-0425: moderators may remove messages (the room offers message moderation). */
  readonly moderation?: boolean;
  /** XEP-0421: the room stamps a stable occupant-id on what occupants send (corrections are matched by it). */
  readonly occupantId?: boolean;
}

export interface Room {
  /** The room's bare JID, e.g. `team@conference.example.com`. */
  readonly jid: Jid;
  /** Its name (disco#info or bookmark), or the JID's local part. */
  readonly name: string;
  /** Our nickname there (the one asked for while joining). */
  readonly nick: string;
  /** The room's subject; empty when none. Plain text. */
  readonly subject: string;
  readonly status: RoomStatus;
  /** Our role and affiliation while joined (`none` otherwise). */
  readonly role: RoomRole;
  readonly affiliation: RoomAffiliation;
  /** Saved in the account's bookmarks (XEP-0402), and whether it is joined at every sign-in. */
  readonly bookmarked: boolean;
  readonly autojoin: boolean;
  /** Known once the room was asked (while joining). */
  readonly features?: RoomFeatures;
  /** Why we are not (or no longer) in the room: a join refused, kicked, banned, the room destroyed. */
  readonly error?: AppError;
}

/** A room the service lists publicly. */
export interface PublicRoom {
  readonly jid: Jid;
  readonly name: string;
  /** Occupants now, when the service says. */
  readonly occupants?: number;
}

export interface RoomInvitation {
  readonly room: Jid;
  /** Who invites: their bare JID, or their occupant JID (`room/nick`) when the room hides real JIDs. */
  readonly from: Jid;
  /** Plain text; empty when none. */
  readonly reason: string;
  /** The room's password, when the invitation carries it. */
  readonly password?: string;
  /** XEP-0249 (sent to us by the inviter) or XEP-0045 §7.8 (relayed by the room). */
  readonly kind: 'direct' | 'mediated';
  readonly receivedAt: number;
}

export interface ListRoomsRequest {
  readonly account: AccountId;
  /** Whose rooms; default: the first multi-user chat service of the account's server. */
  readonly service?: Jid;
  /** Only rooms whose name or address contains this (case ignored). */
  readonly filter?: string;
}

export interface RoomServices {
  /** The account's server's multi-user chat services (disco#items + disco#info), e.g. `conference.example.com`. */
  readonly services: readonly Jid[];
}

export interface JoinRoomRequest {
  readonly account: AccountId;
  /** The room's bare JID; a room that does not exist yet is created (an instant room, with the default configuration). */
  readonly room: Jid;
  readonly nick: string;
  readonly password?: string;
  /** Keep it in the bookmarks with autojoin (default true), so it comes back after a restart and on other devices. */
  readonly bookmark?: boolean;
}

export interface RoomRequest {
  readonly account: AccountId;
  readonly room: Jid;
}

export interface LeaveRoomRequest extends RoomRequest {
  /** Also remove it from the bookmarks (default: it stays bookmarked, without autojoin). */
  readonly forget?: boolean;
}

export interface SendRoomMessageRequest extends RoomRequest {
  readonly body: string;
}

/** A private message to one occupant, through the room (XEP-0045 §7.5); its conversation is `room/nick`. */
export interface SendPrivateMessageRequest extends RoomRequest {
  readonly nick: string;
  readonly body: string;
}

export interface SetRoomSubjectRequest extends RoomRequest {
  readonly subject: string;
}

export interface ChangeNickRequest extends RoomRequest {
  readonly nick: string;
}

/** A moderator's action on an occupant by nickname (kick: role `none`; voice: `participant`/`visitor`; `moderator`). */
export interface SetRoleRequest extends RoomRequest {
  readonly nick: string;
  readonly role: RoomRole;
  readonly reason?: string;
}

/** An admin's or owner's action on a user by real bare JID (ban: `outcast`). */
export interface SetAffiliationRequest extends RoomRequest {
  readonly jid: Jid;
  readonly affiliation: RoomAffiliation;
  readonly reason?: string;
}

export interface OccupantRequest extends RoomRequest {
  readonly nick: string;
  readonly reason?: string;
}

export interface InviteToRoomRequest extends RoomRequest {
  /** Whom: a bare JID. */
  readonly jid: Jid;
  readonly reason?: string;
  /** Send it straight to the invitee (XEP-0249) instead of through the room (XEP-0045 §7.8.2, the default). */
  readonly direct?: boolean;
}

export interface DestroyRoomRequest extends RoomRequest {
  readonly reason?: string;
}

/** XEP-0085 in a room: our typing state, sent to the room (only changes go out). */
export interface SendRoomChatStateRequest extends RoomRequest {
  readonly state: ChatState;
}

/** Our message `id` (as in ChatMessage.id) of the room. */
export interface RoomMessageRequest extends RoomRequest {
  readonly id: string;
}

export interface CorrectRoomMessageRequest extends RoomMessageRequest {
  readonly body: string;
}

/** A moderator removes anyone's message (XEP-0425), with an optional reason shown to everyone. */
export interface ModerateRoomMessageRequest extends RoomMessageRequest {
  readonly reason?: string;
}

/** A reply (XEP-0461) to the room's message `replyTo` (its ChatMessage.id). */
export interface SendRoomReplyRequest extends RoomRequest {
  readonly body: string;
  readonly replyTo: string;
}

/** Our whole set of reactions (XEP-0444) to the room's message `id` (empty: none). */
export interface SendRoomReactionsRequest extends RoomMessageRequest {
  readonly reactions: readonly string[];
}

/** An occupant typing in a room (XEP-0085), by nickname. */
export interface RoomTyping {
  readonly nick: string;
  readonly state: Extract<ChatState, 'composing' | 'paused'>;
}

/** A room message removed by a moderator (XEP-0425). */
export interface RoomModeration {
  /** The message's ChatMessage.id. */
  readonly id: string;
  /** The moderator's nickname, where the room says. */
  readonly by?: string;
  readonly reason?: string;
}

export interface RoomCommands {
  /** The multi-user chat services of the account's server. */
  discoverRooms(request: AccountRequest): Promise<Result<RoomServices>>;
  /** A service's public rooms, optionally filtered. */
  listRooms(request: ListRoomsRequest): Promise<Result<readonly PublicRoom[]>>;
  /**
   * Enters a room (creating an instant room when it does not exist). Fails with `room-password-required`
   * (ask for the password and join again), `nickname-in-use`, or `not-allowed` (members only, banned, full,
   * locked, ...) with a sentence saying which.
   */
  joinRoom(request: JoinRoomRequest): Promise<Result<Room>>;
  leaveRoom(request: LeaveRoomRequest): Promise<Result<null>>;
  /** Sends to the room; the message also arrives as onMessage (the room's echo is not shown twice). */
  sendRoomMessage(request: SendRoomMessageRequest): Promise<Result<ChatMessage>>;
  /** A private message to an occupant; private messages to and from occupants are the conversation `room@service/nick`. */
  sendPrivateMessage(request: SendPrivateMessageRequest): Promise<Result<ChatMessage>>;
  setRoomSubject(request: SetRoomSubjectRequest): Promise<Result<null>>;
  changeNick(request: ChangeNickRequest): Promise<Result<null>>;
  /** Kicks an occupant (a moderator's right). */
  kickOccupant(request: OccupantRequest): Promise<Result<null>>;
  /** Bans the occupant's user (needs their real JID; an admin's or owner's right). */
  banOccupant(request: OccupantRequest): Promise<Result<null>>;
  setRole(request: SetRoleRequest): Promise<Result<null>>;
  setAffiliation(request: SetAffiliationRequest): Promise<Result<null>>;
  /** A mediated invitation through the room (XEP-0045 §7.8.2), or a direct one (XEP-0249) with `direct`. */
  inviteToRoom(request: InviteToRoomRequest): Promise<Result<null>>;
  /** Declines an invitation received: forgotten, and the inviter told through the room when it was mediated. */
  dismissInvitation(request: RoomRequest): Promise<Result<null>>;
  /** The owner destroys the room (XEP-0045 §10.9). */
  destroyRoom(request: DestroyRoomRequest): Promise<Result<null>>;
  /** A visitor in a moderated room asks the moderators for voice (XEP-0045 §8.6); they grant it with setRole. */
  requestVoice(request: RoomRequest): Promise<Result<null>>;
  /** XEP-0085 in the room (only changes are sent; the UI sends nothing when typing notifications are off). */
  sendRoomChatState(request: SendRoomChatStateRequest): Promise<Result<null>>;
  /** XEP-0308: corrects our message in the room; the corrected message. */
  correctRoomMessage(request: CorrectRoomMessageRequest): Promise<Result<ChatMessage>>;
  /** XEP-0424: retracts our message in the room (named by the room's stanza-id); the tombstone. */
  retractRoomMessage(request: RoomMessageRequest): Promise<Result<ChatMessage>>;
  /** XEP-0425: a moderator removes a message; everyone (us too) learns it from the room (onRoomModeration). */
  moderateRoomMessage(request: ModerateRoomMessageRequest): Promise<Result<null>>;
  /** XEP-0461 in the room. */
  sendRoomReply(request: SendRoomReplyRequest): Promise<Result<ChatMessage>>;
  /** XEP-0444 in the room (restricted reactions the room advertises are kept); the message with its reactions. */
  sendRoomReactions(request: SendRoomReactionsRequest): Promise<Result<ChatMessage>>;
}

export interface RoomEventPayloads {
  /** The account's rooms (joined, joining, or bookmarked) changed: the whole list. */
  onRooms: { readonly account: AccountId; readonly rooms: readonly Room[] };
  /** Who is in a room now: the whole list, ourselves included. */
  onOccupants: { readonly account: AccountId; readonly room: Jid; readonly occupants: readonly Occupant[] };
  /** The invitations received and not yet answered. */
  onRoomInvitations: { readonly account: AccountId; readonly invitations: readonly RoomInvitation[] };
  /** Who is typing in a room now (never ourselves): the whole list. */
  onRoomTyping: { readonly account: AccountId; readonly room: Jid; readonly typing: readonly RoomTyping[] };
  /** A moderator removed a message of the room (the message itself arrives retracted as onMessage). */
  onRoomModeration: { readonly account: AccountId; readonly room: Jid; readonly moderation: RoomModeration };
}

export const ROOM_COMMAND_NAMES = [
  'discoverRooms', 'listRooms', 'joinRoom', 'leaveRoom', 'sendRoomMessage', 'sendPrivateMessage', 'setRoomSubject', 'changeNick',
  'kickOccupant', 'banOccupant', 'setRole', 'setAffiliation', 'inviteToRoom', 'dismissInvitation', 'destroyRoom',
  'requestVoice',
  'sendRoomChatState', 'correctRoomMessage', 'retractRoomMessage', 'moderateRoomMessage', 'sendRoomReply', 'sendRoomReactions',
] as const satisfies readonly (keyof RoomCommands)[];
export const ROOM_EVENT_NAMES = ['onRooms', 'onOccupants', 'onRoomInvitations', 'onRoomTyping', 'onRoomModeration'] as const satisfies readonly (keyof RoomEventPayloads)[];
