/**
 * Group chat (XEP-0045): finding the server's rooms, joining (creating an instant room where none
 * exists), leaving, nicknames, subject, the occupant list kept live from presence, the room's messages
 * into the account's history (under the room's bare JID, deduplicated by the room's stanza-id and the
 * sender's origin-id), the room's archive (XEP-0313 on the room) caught up from the last stanza-id
 * known on every join, self-ping (XEP-0410) to find a membership the room dropped, rejoin on a new
 * stream, bookmarks with autojoin (XEP-0402), invitations and moderation.
 *
 * Its contract commands, events (onRooms, onOccupants, onRoomInvitations) and snapshot fields travel
 * the generic feature path (session/feature.ts). Room messages leave as the session's messages
 * (`received`): the runtime stores them once and tells the UI with onMessage.
 */
import { phrase, type Phrase } from '../../../shared/phrase.ts';
import { randomUUID } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import type { AppError, ChatMessage, ChatState, Jid, Room, Occupant, RoomAffiliation, RoomInvitation, RoomRole, RoomFeatures, RoomTyping, ReactionRestrictions } from '../../../shared/contract.ts';
import { parseJid, toBareJid } from '../../../shared/jid.ts';
import { appError, ok } from '../../../shared/result.ts';
import { CoreError, coreError, roomSaid, withReason } from '../../errors.ts';
import type { AccountEvent, FeatureEmitter, FeatureParts } from '../../session/feature.ts';
import type { IqRouter } from '../../session/iq.ts';
import type { StanzaClaim, StanzaObserver, StanzaRoutes } from '../../session/router.ts';
import { ArchiveCollector, queryArchive } from '../archive/archive.ts';
import type { ConversationUpdate, CoreMessage } from '../chat/conversation-events.ts';
import { messageReference, replyReference, type ReferencedMessage } from '../reactions/references.ts';
import { parseReactionRestrictions, restrictionBroken } from '../reactions/restrictions.ts';
import { cleanReactions, MAX_REACTIONS_PER_MESSAGE, reactionsElement, replyElements } from '../../xml/rich-message.ts';
import { NS_MODERATE, NS_MODERATE_LEGACY, NS_OCCUPANT_ID, mentionElements, moderationRequest, parseMentions, parseModeration, parseOccupantId } from '../../xml/muc-message.ts';
import { RecentMap } from '../../recent-map.ts';
import { parseDelay, parseStanzaId } from '../../xml/forwarded.ts';
import { parseMessage, type ParsedMessage } from '../../xml/message.ts';
import {
  NS_MUC, NS_MUC_ADMIN, NS_MUC_OWNER, NS_MUC_USER, NS_CONFERENCE, NS_BOOKMARKS,
  isMucService, parseDiscoItems, parseInvitation, parseOccupantPresence, parseRoomInfo, toPublicRoom,
  type Bookmark, type OccupantPresence, type RoomInfo,
} from '../../xml/muc.ts';
import { parseDiscoInfo } from '../../xml/caps.ts';
import { NS } from '../../xml/namespaces.ts';
import { BOOKMARKS_COMPAT, fetchBookmarks, fetchPrivateBookmarks, parseBookmarkEvent, publishBookmark, retractBookmark, storePrivateBookmarks } from './bookmarks.ts';

/** A room message as stored: its stanza-id is the room's (`stanzaIdBy`), its sender the occupant's room JID. */
export type RoomMessage = CoreMessage & { readonly stanzaIdBy?: Jid };

/** Where the last stanza-id seen of each room's archive is kept (the account's history). */
export interface RoomArchivePositions {
  load(room: Jid): string | null;
  save(room: Jid, id: string): void;
}

export interface MucDependencies {
  readonly iq: IqRouter;
  readonly ownBareJid: Jid;
  readonly domain: string;
  readonly emit: FeatureEmitter;
  /** Writes a stanza now; throws `not-connected` while the link is down. */
  readonly send: (stanza: Element) => Promise<void>;
  /** A room message for the history (the runtime stores it once and tells the UI). */
  readonly received: (message: RoomMessage) => void;
  readonly positions?: RoomArchivePositions;
  /** A change to stored room messages (correction, retraction, reactions): the runtime applies it to the history. */
  readonly updated?: (update: Exclude<ConversationUpdate, { readonly kind: 'chat-state' }>) => void;
  /** A stored message of the conversation that `id` names (id, origin-id or the room's stanza-id), with its ids. */
  readonly findMessage?: (conversation: Jid, id: string) => ChatMessage | null;
  readonly timeoutMs: number;
  /** How often joined rooms are self-pinged (XEP-0410); default 5 minutes, 0: never. */
  readonly selfPingMs?: number;
  readonly now?: () => number;
}

export interface Muc extends FeatureParts, StanzaRoutes {
  readonly claims: readonly StanzaClaim[];
  readonly observers: readonly StanzaObserver[];
  /** A new stream is up (not a resumed one): bookmarks read, and the rooms we were in (and autojoin ones) joined again. */
  start(): Promise<void>;
  /** The session stops: timers off. */
  stop(): void;
  /**
   * Our presence changed (a `<presence/>` with show, status, idle and caps, no `to`): it goes to every joined
   * room (XEP-0045 §7.7), and with every later join. Null: nothing to say (offline).
   */
  ownPresenceChanged(presence: Element | null): void;
  /** XEP-0410 self-ping of every joined room now; rooms that dropped us are joined again. */
  selfPing(): Promise<void>;
  /** The conversation is one of our rooms, or the private messages with one of its occupants (`room/nick`). */
  isRoomConversation(conversation: Jid): boolean;
  /**
   * Older history of a room from the room's own archive, before `before.ms` (paging back past what is stored);
   * private conversations with occupants have nothing to page here.
   */
  fetchOlder(conversation: Jid, before: { readonly ms: number }): Promise<{ fetched: number; complete: boolean }>;
  /**
   * A copy of a private message with an occupant from our own archive or a carbon: taken (true) into its
   * own conversation (`room/nick`), so the chat feature does not file it under the room.
   */
  receiveForwarded(message: ParsedMessage, timestamp: number): boolean;
  /** Our occupant JID (`room/nick`) in a room we are in now; null for anything else. */
  occupantJid(conversation: Jid): Jid | null;
}

/** How many archive pages a join fetches at most (50 each); the next join resumes after them. */
const MAX_CATCH_UP_PAGES = 20;
const PAGE = 50;
const MESSAGE_TYPES = ['normal', 'chat', 'groupchat', 'headline', 'error'];
const MAX_INVITATIONS = 50;

interface RoomEntry {
  readonly jid: Jid;
  name: string;
  nick: string;
  subject: string;
  status: Room['status'];
  role: RoomRole;
  affiliation: RoomAffiliation;
  bookmarked: boolean;
  autojoin: boolean;
  features?: RoomFeatures;
  error?: AppError;
  password?: string;
  readonly occupants: Map<string, Occupant>;
  /** The archive of this room is being read: its results go to this collector. */
  collector: ArchiveCollector | null;
  /** The self-presence or error a join or nickname change waits for. */
  waiter: { readonly nick: string; resolve(presence: OccupantPresence): void; reject(error: CoreError): void } | null;
  /** We asked to leave: the unavailable self-presence is expected. */
  leaving: boolean;
  /** The user wants to be in this room (joined it, and neither left nor was thrown out): a new stream joins it again. */
  wanted: boolean;
  /** The room archive's id of the oldest message fetched from it this session: paging back goes on from there. */
  oldestArchiveId: string | null;
  /** Ids of the messages we sent here (our copies when they come back from the archive). */
  readonly sentIds: Set<string>;
  /** Occupants typing now (XEP-0085), by nickname; and the state we last sent. */
  readonly typing: Map<string, RoomTyping['state']>;
  ownChatState: ChatState | null;
  /** The room's disco#info features, and the reactions it allows (XEP-0444 §3.2). */
  discoFeatures: ReadonlySet<string>;
  restrictions: ReactionRestrictions;
}

/** Who wrote a room message, as far as the room told us: checked before a correction or retraction is accepted. */
interface Author {
  readonly nick: string;
  readonly occupantId: string | null;
  readonly jid: Jid | null;
}
const MAX_AUTHORS = 5_000;
/** How long "composing" or "paused" is shown without news from the occupant. */
const TYPING_EXPIRES_MS = 60_000;

function joinError(presence: OccupantPresence, room: Jid): CoreError {
  const condition = presence.error?.condition ?? 'undefined-condition';
  const said = presence.error?.text;
  const extra = { condition };
  switch (condition) {
    case 'not-authorized':
      return coreError('room-password-required', roomSaid(phrase("{{room}} needs a password. Enter the room's password and join again.", { room }), said), extra);
    case 'conflict':
      return coreError('nickname-in-use', roomSaid(phrase('Someone in {{room}} already uses the nickname "{{nick}}". Choose another nickname.', { room, nick: presence.nick }), said), extra);
    case 'registration-required':
      return coreError('not-allowed', roomSaid(phrase('{{room}} is for members only, and you are not a member. Ask its owner or an admin for an invitation.', { room }), said), extra);
    case 'forbidden':
      return coreError('not-allowed', roomSaid(phrase('You are banned from {{room}}.', { room }), said), extra);
    case 'service-unavailable':
      return coreError('not-allowed', roomSaid(phrase('{{room}} is full: it has as many occupants as it allows. Try again later.', { room }), said), extra);
    case 'item-not-found':
      return coreError('not-allowed', roomSaid(phrase('{{room}} is locked or does not exist, and could not be created.', { room }), said), extra);
    case 'not-allowed':
      return coreError('not-allowed', roomSaid(phrase('You may not create the room {{room}} on this server.', { room }), said), extra);
    case 'not-acceptable':
      return coreError('nickname-in-use', roomSaid(phrase('The nickname "{{nick}}" is reserved in {{room}}. Use your registered nickname or choose another.', { nick: presence.nick, room }), said), extra);
    case 'jid-malformed':
      return coreError('invalid-argument', roomSaid(phrase('A nickname is needed to join {{room}}.', { room }), said), extra);
    default:
      return coreError('not-allowed', roomSaid(phrase('{{room}} refused you ({{condition}}).', { room, condition }), said), extra);
  }
}

/** Why we were taken out of a room, from our own unavailable presence's status codes. */
function removalError(presence: OccupantPresence, room: Jid): AppError | undefined {
  if (presence.destroyed !== undefined) {
    return appError('not-allowed', withReason(phrase('{{room}} was destroyed by its owner.', { room }), presence.destroyed.reason), { condition: 'destroyed' });
  }
  if (presence.codes.has(301)) return appError('not-allowed', withReason(phrase('You were banned from {{room}}.', { room }), presence.reason), { condition: 'banned' });
  if (presence.codes.has(307)) return appError('not-allowed', withReason(phrase('You were kicked from {{room}}.', { room }), presence.reason), { condition: 'kicked' });
  if (presence.codes.has(321)) return appError('not-allowed', phrase('You were removed from {{room}}: your membership was taken away.', { room }), { condition: 'affiliation-changed' });
  if (presence.codes.has(322)) return appError('not-allowed', phrase('You were removed from {{room}}: it is now for members only.', { room }), { condition: 'members-only' });
  if (presence.codes.has(332)) return appError('connection-lost', phrase('{{room}} closed: its service is shutting down.', { room }), { condition: 'system-shutdown' });
  return undefined;
}

/** The words of a role or affiliation, where a refusal names the one asked for. */
const ROLE_WORDS: Readonly<Record<RoomRole | RoomAffiliation, Phrase>> = {
  moderator: phrase('moderator'),
  participant: phrase('participant'),
  visitor: phrase('visitor'),
  owner: phrase('owner'),
  admin: phrase('admin'),
  member: phrase('member'),
  outcast: phrase('outcast'),
  none: phrase('none'),
};

/** `what` is the request, as in "You may not kick bob". */
function requestFailed(error: unknown, what: Phrase): never {
  const condition = (error as { appError?: { condition?: string } }).appError?.condition;
  if (condition === 'forbidden' || condition === 'not-allowed' || condition === 'not-authorized') {
    throw coreError('not-allowed', phrase('You may not {{what}}.', { what }), { condition });
  }
  if (condition === 'item-not-found') throw coreError('invalid-argument', phrase('Nobody to {{what}}: not found in the room.', { what }), { condition });
  throw error;
}

export function createMuc(deps: MucDependencies): Muc {
  const { iq, ownBareJid, emit, timeoutMs } = deps;
  const now = deps.now ?? Date.now;
  const rooms = new Map<Jid, RoomEntry>();
  const invitations = new Map<Jid, RoomInvitation>();
  const dirtyOccupants = new Set<Jid>();
  let occupantFlush: NodeJS.Immediate | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  let services: Jid[] | null = null;
  /**
   * Where bookmarks live: PEP (XEP-0402) where the account's PEP service takes publish options, else private XML
   * storage (XEP-0048). `compat`: the server converts between them (XEP-0411), so XEP-0402 alone is enough.
   */
  let bookmarkStore: { mode: 'pep' | 'private'; compat: boolean } = { mode: 'pep', compat: true };
  /** Our presence as the session last sent it (show, status...), for the rooms. */
  let ownPresence: Element | null = null;
  const presenceChildren = (): Element[] => (ownPresence === null ? [] : ownPresence.getChildElements().map((child) => xml(child.name, { ...child.attrs }, child.text() === '' ? undefined : child.text())));

  // ---- what the UI sees

  const view = (entry: RoomEntry): Room => ({
    jid: entry.jid,
    name: entry.name,
    nick: entry.nick,
    subject: entry.subject,
    status: entry.status,
    role: entry.status === 'joined' ? entry.role : 'none',
    affiliation: entry.status === 'joined' ? entry.affiliation : 'none',
    bookmarked: entry.bookmarked,
    autojoin: entry.autojoin,
    ...(entry.features !== undefined ? { features: entry.features } : {}),
    ...(entry.error !== undefined ? { error: entry.error } : {}),
  });
  const roomList = (): Room[] => [...rooms.values()].map(view);
  const announceRooms = (): void => emit('onRooms', { account: ownBareJid, rooms: roomList() });
  const occupantList = (entry: RoomEntry): Occupant[] => [...entry.occupants.values()].sort((a, b) => a.nick.localeCompare(b.nick));
  const announceInvitations = (): void => emit('onRoomInvitations', { account: ownBareJid, invitations: [...invitations.values()] });

  /** A join floods presence: the occupant list goes out once per turn of the event loop, not once per occupant. */
  function occupantsChanged(entry: RoomEntry): void {
    dirtyOccupants.add(entry.jid);
    occupantFlush ??= setImmediate(() => {
      occupantFlush = null;
      for (const jid of dirtyOccupants) {
        const current = rooms.get(jid);
        emit('onOccupants', { account: ownBareJid, room: jid, occupants: current === undefined ? [] : occupantList(current) });
      }
      dirtyOccupants.clear();
    });
  }

  function entryFor(room: Jid): RoomEntry {
    let entry = rooms.get(room);
    if (entry === undefined) {
      entry = {
        jid: room, name: room.split('@')[0] ?? room, nick: '', subject: '', status: 'left', role: 'none', affiliation: 'none',
        bookmarked: false, autojoin: false, occupants: new Map(), collector: null, waiter: null, leaving: false, wanted: false, oldestArchiveId: null, sentIds: new Set(),
        typing: new Map(), ownChatState: null, discoFeatures: new Set(), restrictions: {},
      };
      rooms.set(room, entry);
    }
    return entry;
  }

  function parseRoomJid(room: string): Jid {
    const parsed = parseJid(room.trim());
    if (!parsed.ok || parsed.jid.local === '' || parsed.jid.resource !== '') throw coreError('invalid-argument', phrase('"{{room}}" is not a room address: it looks like name@conference.example.com.', { room }));
    return `${parsed.jid.local}@${parsed.jid.domain}`;
  }

  function joined(room: string): RoomEntry {
    const entry = rooms.get(parseRoomJid(room));
    if (entry === undefined || entry.status !== 'joined') throw coreError('invalid-argument', phrase('You are not in {{room}}: join it first.', { room }));
    return entry;
  }

  function checkNick(nick: string): string {
    const trimmed = nick.trim();
    if (trimmed === '' || trimmed.length > 256 || trimmed.includes('/')) throw coreError('invalid-argument', 'Choose a nickname (not empty, no "/").');
    const full = parseJid(`room@example.invalid/${trimmed}`);
    if (!full.ok) throw coreError('invalid-argument', phrase('"{{nick}}" cannot be used as a nickname.', { nick: trimmed }));
    return trimmed;
  }

  // ---- discovery

  async function discoInfo(jid: Jid): Promise<Element | null> {
    try {
      const reply = await iq.request('get', xml('query', { xmlns: NS.discoInfo }), jid, timeoutMs);
      return reply.getChild('query', NS.discoInfo) ?? null;
    } catch (error) {
      const condition = (error as { appError?: { condition?: string } }).appError?.condition;
      if (condition === 'item-not-found' || condition === 'remote-server-not-found' || condition === 'service-unavailable') return null;
      throw error;
    }
  }

  async function findServices(): Promise<Jid[]> {
    if (services !== null) return services;
    const reply = await iq.request('get', xml('query', { xmlns: NS.discoItems }), deps.domain, timeoutMs);
    const items = parseDiscoItems(reply.getChild('query', NS.discoItems) ?? xml('query'));
    const found: Jid[] = [];
    for (const item of items.slice(0, 50)) {
      const info = await discoInfo(item.jid).catch(() => null);
      if (info !== null && isMucService(info)) found.push(item.jid);
    }
    services = found;
    return found;
  }

  async function roomInfo(room: Jid): Promise<RoomInfo | null> {
    const query = await discoInfo(room);
    if (query === null) return null;
    const info = parseRoomInfo(query);
    const features = new Set(parseDiscoInfo(query).features);
    const entry = rooms.get(room);
    if (entry !== undefined) {
      entry.discoFeatures = features;
      entry.restrictions = parseReactionRestrictions(query);
    }
    const moderation = features.has(NS_MODERATE) || features.has(NS_MODERATE_LEGACY);
    return { ...info, features: { ...info.features, ...(moderation ? { moderation } : {}), ...(features.has(NS_OCCUPANT_ID) ? { occupantId: true } : {}) } };
  }

  // ---- messages

  /** Who wrote the room's messages seen this session, by `room id` (each of its ids). */
  const authors = new RecentMap<string, Author>(MAX_AUTHORS);
  const authorKey = (room: Jid, id: string): string => `${room} ${id}`;

  function authorOf(entry: RoomEntry, nick: string, occupantId: string | null): Author {
    return { nick, occupantId, jid: entry.occupants.get(nick)?.jid ?? null };
  }

  function remember(entry: RoomEntry, ids: readonly (string | null | undefined)[], author: Author): void {
    for (const id of ids) if (id !== null && id !== undefined) authors.set(authorKey(entry.jid, id), author);
  }

  /**
   * Whether `author` wrote the stored message `original` (XEP-0308 §5, XEP-0424 §5.1): by the occupant-id where the
   * room stamps one (XEP-0421), else by the same nickname and, where the room shows it, the same real JID.
   */
  function sameAuthor(entry: RoomEntry, original: ReferencedMessage, author: Author): boolean {
    const known = [original.id, original.originId, original.stanzaId].map((id) => (id === undefined ? undefined : authors.get(authorKey(entry.jid, id)))).find((found) => found !== undefined);
    if (entry.features?.occupantId === true && known?.occupantId != null && author.occupantId !== null) return known.occupantId === author.occupantId;
    if (original.from !== `${entry.jid}/${author.nick}`) return false;
    return known?.jid == null || author.jid === null || known.jid === author.jid;
  }

  function roomMessage(parsed: ParsedMessage, entry: RoomEntry, timestamp: number, stanzaId: string | null): RoomMessage | null {
    if (parsed.body === null || parsed.body === '' || parsed.replaces !== null || parsed.retracts !== null || parsed.reactions !== null) return null;
    const sender = parseJid(parsed.from);
    const nick = sender.ok ? sender.jid.resource : '';
    // A message from the room itself (no nick) is a notice; it has no sender to show.
    if (nick === '') return null;
    const ownId = (parsed.originId !== null && entry.sentIds.has(parsed.originId)) || (parsed.id !== null && entry.sentIds.has(parsed.id));
    const outgoing = ownId || nick === entry.nick;
    const id = parsed.originId ?? parsed.id ?? stanzaId;
    if (id === null) return null;
    return {
      id,
      conversation: entry.jid,
      direction: outgoing ? 'out' : 'in',
      from: parsed.from,
      to: outgoing ? entry.jid : ownBareJid,
      body: parsed.body,
      timestamp,
      ...(outgoing ? { state: 'sent' as const } : {}),
      ...(stanzaId !== null ? { stanzaId, stanzaIdBy: entry.jid } : {}),
      ...(parsed.originId !== null ? { originId: parsed.originId } : {}),
      ...(parsed.replyTo !== null ? { replyTo: withMessageId(entry, parsed.replyTo) } : {}),
      ...(parsed.file !== undefined ? { file: parsed.file } : {}),
    };
  }

  function announceTyping(entry: RoomEntry): void {
    emit('onRoomTyping', { account: ownBareJid, room: entry.jid, typing: [...entry.typing].map(([nick, state]) => ({ nick, state })) });
  }

  /** A typing state nobody ended (a client gone quiet) is dropped after a while. */
  const typingTimers = new Map<string, NodeJS.Timeout>();
  function setTyping(entry: RoomEntry, nick: string, state: ChatState | null): void {
    const shown = state === 'composing' || state === 'paused' ? state : null;
    const timerKey = `${entry.jid} ${nick}`;
    const timer = typingTimers.get(timerKey);
    if (timer !== undefined) clearTimeout(timer);
    typingTimers.delete(timerKey);
    if (shown !== null) {
      const expiry = setTimeout(() => {
        typingTimers.delete(timerKey);
        if (entry.typing.delete(nick)) announceTyping(entry);
      }, TYPING_EXPIRES_MS);
      expiry.unref?.();
      typingTimers.set(timerKey, expiry);
    }
    if ((entry.typing.get(nick) ?? null) === shown) return;
    if (shown === null) entry.typing.delete(nick);
    else entry.typing.set(nick, shown);
    announceTyping(entry);
  }

  /** A reply names the room's stanza-id; the UI finds the original by its ChatMessage.id, where it is stored. */
  function withMessageId(entry: RoomEntry, reply: NonNullable<ParsedMessage['replyTo']>): NonNullable<ParsedMessage['replyTo']> {
    const original = find(entry, reply.id);
    return original === null || original.id === reply.id ? reply : { ...reply, messageId: original.id };
  }

  const find = (entry: RoomEntry, id: string): ReferencedMessage | null => (deps.findMessage?.(entry.jid, id) ?? null) as ReferencedMessage | null;

  /**
   * One room message, live or from the room's archive: a new message, or a change to one stored (a correction or a
   * retraction by its author, reactions, a moderator's removal announced by the room).
   */
  function takeRoomMessage(parsed: ParsedMessage, element: Element | undefined, entry: RoomEntry, timestamp: number, stanzaId: string | null, live: boolean): void {
    const sender = parseJid(parsed.from);
    const nick = sender.ok ? sender.jid.resource : '';
    if (nick === '') {
      const moderation = element === undefined ? null : parseModeration(element);
      if (moderation !== null) moderated(entry, moderation);
      return;
    }
    const occupantId = entry.features?.occupantId === true && element !== undefined ? parseOccupantId(element) : null;
    const author = authorOf(entry, nick, occupantId);
    if (live && nick !== entry.nick) {
      if (parsed.chatState !== null) setTyping(entry, nick, parsed.chatState);
      else if (parsed.body !== null && parsed.body !== '') setTyping(entry, nick, null);
    }
    if (parsed.reactions !== null) {
      const { id: target, emojis } = parsed.reactions;
      deps.updated?.({ kind: 'reactions', conversation: entry.jid, sender: parsed.from, target, emojis, timestamp, id: stanzaId ?? parsed.originId ?? parsed.id });
      return;
    }
    if (parsed.retracts !== null) {
      // In a room a retraction names the room's stanza-id of the message (XEP-0424 §5.2), some clients its id.
      const original = find(entry, parsed.retracts);
      if (original !== null && sameAuthor(entry, original, author)) deps.updated?.({ kind: 'retraction', conversation: entry.jid, sender: entry.jid, target: original.id });
      return;
    }
    if (parsed.replaces !== null) {
      if (parsed.body === null || parsed.body === '') return;
      const original = find(entry, parsed.replaces);
      if (original === null || !sameAuthor(entry, original, author)) return;
      const id = parsed.originId ?? parsed.id ?? stanzaId ?? `${parsed.replaces}:${parsed.body.length}:${timestamp}`;
      deps.updated?.({ kind: 'correction', conversation: entry.jid, sender: entry.jid, replaces: original.id, body: parsed.body, id });
      return;
    }
    const roomMessageFound = roomMessage(parsed, entry, timestamp, stanzaId);
    if (roomMessageFound === null) return;
    // XEP-0372: a reference naming our occupant JID (or our account) is a mention, whatever the text says.
    const named = element === undefined || roomMessageFound.direction === 'out' ? [] : parseMentions(element);
    const message = named.includes(`${entry.jid}/${entry.nick}`) || named.includes(ownBareJid) ? { ...roomMessageFound, mentionsMe: true } : roomMessageFound;
    remember(entry, [message.id, message.originId, message.stanzaId], author);
    deps.received(message);
  }

  /** XEP-0425: the room removed a message at a moderator's request; every occupant's copy goes. */
  function moderated(entry: RoomEntry, moderation: { readonly target: string; readonly by: Jid | null; readonly reason: string | null }): void {
    const original = find(entry, moderation.target);
    if (original === null) return;
    const by = moderation.by === null || !moderation.by.includes('/') ? '' : moderation.by.slice(moderation.by.indexOf('/') + 1);
    const info = { ...(by !== '' ? { by } : {}), ...(moderation.reason !== null ? { reason: moderation.reason } : {}) };
    deps.updated?.({ kind: 'retraction', conversation: entry.jid, sender: entry.jid, target: original.id, moderation: info });
    emit('onRoomModeration', { account: ownBareJid, room: entry.jid, moderation: { id: original.id, ...info } });
  }

  function receiveGroupchat(stanza: Element): boolean {
    const parsed = parseMessage(stanza);
    if (parsed === null) return true;
    const entry = rooms.get(parsed.bareFrom);
    // Not a room we are in: nobody else takes a groupchat message.
    if (entry === undefined || entry.status === 'left') return true;
    const subject = stanza.getChild('subject');
    if (subject !== undefined && parsed.body === null) {
      entry.subject = subject.text().trim().slice(0, 1024);
      announceRooms();
      return true;
    }
    // Only the room's own stanza-id counts (anyone can put one in what they send).
    const stanzaId = parseStanzaId(stanza, entry.jid);
    const delay = stanza.getChild('delay', NS.delay);
    const timestamp = delay !== undefined ? (parseDelay(stanza) ?? now()) : now();
    takeRoomMessage(parsed, stanza, entry, timestamp, stanzaId, delay === undefined);
    // A live message moves the archive position once this join's catch-up is over (until then it could skip unfetched ones).
    if (stanzaId !== null && delay === undefined && entry.collector === null) deps.positions?.save(entry.jid, stanzaId);
    return true;
  }

  /** A private message from an occupant (XEP-0045 §7.5): its own conversation, never the room's log. */
  function receivePrivate(stanza: Element): boolean {
    const parsed = parseMessage(stanza);
    if (parsed === null) return false;
    const entry = rooms.get(parsed.bareFrom);
    const sender = parseJid(parsed.from);
    if (entry === undefined || !sender.ok || sender.jid.resource === '') return false;
    if (parsed.body === null || parsed.body === '' || parsed.replaces !== null || parsed.retracts !== null) return true;
    const id = parsed.originId ?? parsed.id ?? `pm-${now()}-${Math.random().toString(36).slice(2)}`;
    deps.received({ id, conversation: parsed.from, direction: 'in', from: parsed.from, to: ownBareJid, body: parsed.body, timestamp: parseDelay(stanza) ?? now(), ...(parsed.originId !== null ? { originId: parsed.originId } : {}) });
    return true;
  }

  async function catchUp(entry: RoomEntry): Promise<void> {
    if (entry.features?.archived !== true || entry.collector !== null) return;
    const collector = new ArchiveCollector(entry.jid);
    entry.collector = collector;
    try {
      let after = deps.positions?.load(entry.jid) ?? null;
      let last: string | null = null;
      for (let page = 0; page < MAX_CATCH_UP_PAGES; page += 1) {
        let result;
        try {
          result = await queryArchive(iq, collector, after === null ? { before: true, max: PAGE } : { after, max: PAGE }, timeoutMs, entry.jid);
        } catch (error) {
          const condition = (error as { appError?: { condition?: string } }).appError?.condition;
          // The position is not in the archive any more (expired): the newest page instead.
          if (after !== null && condition === 'item-not-found') {
            after = null;
            continue;
          }
          throw error;
        }
        for (const item of result.results) {
          if (item.message.type !== 'groupchat') continue;
          takeRoomMessage(item.message, item.element, entry, item.sentAt ?? now(), item.archiveId, false);
        }
        if (after === null || entry.oldestArchiveId === null) entry.oldestArchiveId = result.first ?? entry.oldestArchiveId;
        last = result.last ?? last;
        if (last !== null) deps.positions?.save(entry.jid, last);
        // The newest page was asked for: what is before it is paged in on scroll-up, not here.
        if (after === null || result.complete || result.last === null) break;
        after = result.last;
      }
    } finally {
      entry.collector = null;
    }
  }

  // ---- presence

  function settleWaiter(entry: RoomEntry, presence: OccupantPresence): void {
    const waiter = entry.waiter;
    if (waiter === null) return;
    if (presence.type === 'error') {
      entry.waiter = null;
      waiter.reject(joinError({ ...presence, nick: presence.nick || waiter.nick }, entry.jid));
    } else if (presence.type === 'available' && (presence.codes.has(110) || presence.nick === waiter.nick)) {
      entry.waiter = null;
      waiter.resolve(presence);
    }
  }

  function receivePresence(stanza: Element): void {
    const presence = parseOccupantPresence(stanza);
    if (presence === null) return;
    const entry = rooms.get(presence.room);
    if (entry === undefined) return;
    if (presence.type === 'error') {
      settleWaiter(entry, presence);
      return;
    }
    const self = presence.codes.has(110) || (presence.nick === entry.nick && entry.status !== 'left') || presence.nick === entry.waiter?.nick;
    if (presence.type === 'available') {
      entry.occupants.set(presence.nick, {
        nick: presence.nick,
        role: presence.role,
        affiliation: presence.affiliation,
        ...(presence.jid !== undefined ? { jid: presence.jid } : {}),
        presence: { show: presence.show, status: presence.status },
        self,
      });
      if (self) {
        const changed = entry.role !== presence.role || entry.affiliation !== presence.affiliation || entry.nick !== presence.nick;
        entry.role = presence.role;
        entry.affiliation = presence.affiliation;
        entry.nick = presence.nick;
        settleWaiter(entry, presence);
        if (changed && entry.status === 'joined') announceRooms();
      }
      occupantsChanged(entry);
      return;
    }
    // Unavailable: gone, renamed (303) or removed.
    entry.occupants.delete(presence.nick);
    if (entry.typing.delete(presence.nick)) announceTyping(entry);
    occupantsChanged(entry);
    if (!self) return;
    if (presence.codes.has(303) && presence.newNick !== undefined) {
      // Our new nickname's presence follows.
      entry.nick = presence.newNick;
      return;
    }
    const error = entry.leaving ? undefined : removalError(presence, entry.jid);
    // Out for good unless the service only shut down (332): then the next stream joins it again.
    if (!presence.codes.has(332)) entry.wanted = false;
    entry.leaving = false;
    entry.status = 'left';
    entry.occupants.clear();
    if (entry.typing.size > 0) {
      entry.typing.clear();
      announceTyping(entry);
    }
    if (error !== undefined) entry.error = error;
    else delete entry.error;
    if (presence.destroyed !== undefined && entry.bookmarked) void forgetBookmark(entry).catch(() => {});
    announceRooms();
  }

  // ---- joining

  async function enter(entry: RoomEntry, nick: string, password: string | undefined): Promise<OccupantPresence> {
    if (entry.waiter !== null) throw coreError('invalid-argument', phrase('Already joining {{jid}}: wait a moment.', { jid: entry.jid }));
    // The room's own delayed history is not needed where its archive gives it (fetched from the last stanza-id known).
    const history = entry.features?.archived === true ? xml('history', { maxstanzas: '0' }) : xml('history', { maxstanzas: '50' });
    const presence = xml('presence', { to: `${entry.jid}/${nick}` }, xml('x', { xmlns: NS_MUC }, password !== undefined && password !== '' ? xml('password', {}, password) : undefined, history), ...presenceChildren());
    const answered = new Promise<OccupantPresence>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (entry.waiter?.nick !== nick) return;
        entry.waiter = null;
        reject(coreError('timeout', phrase('{{jid}} did not answer in time.', { jid: entry.jid })));
      }, timeoutMs);
      entry.waiter = {
        nick,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
    try {
      await deps.send(presence);
    } catch (error) {
      entry.waiter = null;
      void answered.catch(() => {});
      throw error;
    }
    return answered;
  }

  async function join(room: Jid, nick: string, password: string | undefined, bookmark: boolean): Promise<Room> {
    const entry = entryFor(room);
    if (entry.status === 'joined' && entry.nick === nick) return view(entry);
    const info = await roomInfo(room).catch(() => null);
    if (info !== null) {
      entry.features = info.features;
      if (info.name !== '') entry.name = info.name;
    }
    entry.status = 'joining';
    entry.nick = nick;
    delete entry.error;
    entry.occupants.clear();
    announceRooms();
    let self: OccupantPresence;
    try {
      self = await enter(entry, nick, password);
    } catch (error) {
      entry.status = 'left';
      entry.error = error instanceof CoreError ? error.appError : { code: 'internal', message: String(error) };
      // A room never joined and not bookmarked is not one of ours.
      if (!entry.bookmarked && !entry.wanted) rooms.delete(room);
      announceRooms();
      throw error;
    }
    if (password !== undefined && password !== '') entry.password = password;
    if (self.codes.has(201)) {
      // A new room is locked until configured (XEP-0045 §10.1.2): accept the default configuration (an instant room).
      await iq.request('set', xml('query', { xmlns: NS_MUC_OWNER }, xml('x', { xmlns: NS.dataForms, type: 'submit' })), room, timeoutMs);
      const created = await roomInfo(room).catch(() => null);
      if (created !== null) entry.features = created.features;
    }
    entry.status = 'joined';
    entry.wanted = true;
    entry.role = self.role;
    entry.affiliation = self.affiliation;
    announceRooms();
    if (bookmark && (!entry.bookmarked || !entry.autojoin)) {
      entry.bookmarked = true;
      entry.autojoin = true;
      await saveBookmark(entry).catch(() => {});
      announceRooms();
    }
    void catchUp(entry).catch(() => {});
    startPinging();
    return view(entry);
  }

  // ---- bookmarks

  const bookmarkOf = (entry: RoomEntry): Bookmark => ({
    room: entry.jid,
    name: entry.name,
    nick: entry.nick,
    autojoin: entry.autojoin,
    ...(entry.password !== undefined ? { password: entry.password } : {}),
  });

  const storePrivately = (): Promise<void> => storePrivateBookmarks(iq, [...rooms.values()].filter((candidate) => candidate.bookmarked).map(bookmarkOf), timeoutMs);

  async function saveBookmark(entry: RoomEntry): Promise<void> {
    if (bookmarkStore.mode === 'private') await storePrivately();
    else await publishBookmark(iq, bookmarkOf(entry), timeoutMs);
  }

  async function forgetBookmark(entry: RoomEntry): Promise<void> {
    entry.bookmarked = false;
    entry.autojoin = false;
    if (bookmarkStore.mode === 'private') await storePrivately();
    else await retractBookmark(iq, entry.jid, timeoutMs);
  }

  /** Which store the account's server offers (disco#info of our bare JID), and the bookmarks in it. */
  async function readBookmarks(): Promise<Bookmark[]> {
    const account = await discoInfo(ownBareJid).catch(() => null);
    const features = new Set(account === null ? [] : parseDiscoInfo(account).features);
    // PEP on the account (XEP-0163): its identity pubsub/pep, or pubsub features. Without it, private storage.
    const pep = (account !== null && parseDiscoInfo(account).identities.some((identity) => identity.category === 'pubsub' && identity.type === 'pep')) || features.has(NS.pubsub) || features.has(`${NS.pubsub}#publish`);
    bookmarkStore = { mode: account === null || pep ? 'pep' : 'private', compat: BOOKMARKS_COMPAT.some((feature) => features.has(feature)) };
    if (bookmarkStore.mode === 'private') return fetchPrivateBookmarks(iq, timeoutMs);
    const found = await fetchBookmarks(iq, timeoutMs);
    if (bookmarkStore.compat) return found;
    // No conversion on this server: rooms an older client bookmarked (XEP-0048) count too.
    const legacy = await fetchPrivateBookmarks(iq, timeoutMs).catch(() => []);
    return [...found, ...legacy.filter((bookmark) => !found.some((known) => known.room === bookmark.room))];
  }

  function applyBookmark(bookmark: Bookmark): RoomEntry {
    const entry = entryFor(bookmark.room);
    entry.bookmarked = true;
    entry.autojoin = bookmark.autojoin;
    if (bookmark.name !== '') entry.name = bookmark.name;
    if (entry.status === 'left' && bookmark.nick !== '') entry.nick = bookmark.nick;
    if (bookmark.password !== undefined) entry.password = bookmark.password;
    return entry;
  }

  function receiveBookmarkEvent(stanza: Element): boolean {
    const event = parseBookmarkEvent(stanza);
    if (event === null) return false;
    for (const bookmark of event.published) {
      const entry = applyBookmark(bookmark);
      if (bookmark.autojoin && entry.status === 'left' && entry.nick !== '') void join(entry.jid, entry.nick, entry.password, false).catch(() => {});
    }
    for (const room of event.retracted) {
      const entry = rooms.get(room);
      if (entry === undefined) continue;
      entry.bookmarked = false;
      entry.autojoin = false;
      if (entry.status === 'left') rooms.delete(room);
    }
    announceRooms();
    return true;
  }

  // ---- self-ping (XEP-0410)

  async function pingRoom(entry: RoomEntry): Promise<void> {
    // The service shut the room down under us (332): it is wanted still, so each ping round tries to join it again.
    if (entry.status === 'left' && entry.wanted && entry.waiter === null && entry.error?.condition === 'system-shutdown') {
      await join(entry.jid, entry.nick, entry.password, false).catch(() => {});
      return;
    }
    if (entry.status !== 'joined') return;
    try {
      await iq.request('get', xml('ping', { xmlns: NS.ping }), `${entry.jid}/${entry.nick}`, timeoutMs);
    } catch (error) {
      const condition = (error as { appError?: { condition?: string } }).appError?.condition;
      // Still in (the occupant's client or the room does not do pings), or the room is slow: nothing to do.
      if (condition === undefined || condition === 'service-unavailable' || condition === 'feature-not-implemented' || condition === 'remote-server-timeout') return;
      if (entry.status !== 'joined') return;
      // not-acceptable, item-not-found...: the room dropped us. Join again, silently.
      entry.status = 'left';
      entry.occupants.clear();
      await join(entry.jid, entry.nick, entry.password, false).catch(() => {});
    }
  }

  function startPinging(): void {
    const every = deps.selfPingMs ?? 300_000;
    if (every <= 0 || pingTimer !== null) return;
    pingTimer = setInterval(() => void selfPing(), every);
    pingTimer.unref?.();
  }

  async function selfPing(): Promise<void> {
    await Promise.all([...rooms.values()].map((entry) => pingRoom(entry)));
  }

  // ---- invitations

  function receiveInvitation(stanza: Element): boolean {
    const parsed = parseInvitation(stanza);
    if (parsed === null) return false;
    if (rooms.get(parsed.room)?.status === 'joined') return true;
    invitations.delete(parsed.room);
    invitations.set(parsed.room, { ...parsed, receivedAt: now() });
    while (invitations.size > MAX_INVITATIONS) invitations.delete(invitations.keys().next().value as Jid);
    announceInvitations();
    return true;
  }

  // ---- moderation

  async function admin(room: Jid, item: Record<string, string>, reason: string | undefined, what: Phrase): Promise<void> {
    const query = xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', item, reason !== undefined && reason !== '' ? xml('reason', {}, reason) : undefined));
    try {
      await iq.request('set', query, room, timeoutMs);
    } catch (error) {
      requestFailed(error, what);
    }
  }

  function occupant(entry: RoomEntry, nick: string): Occupant {
    const found = entry.occupants.get(nick);
    if (found === undefined) throw coreError('invalid-argument', phrase('Nobody called "{{nick}}" is in {{jid}}.', { nick, jid: entry.jid }));
    return found;
  }

  function roomOfConversation(conversation: Jid): RoomEntry | undefined {
    const slash = conversation.indexOf('/');
    return rooms.get(slash === -1 ? conversation : conversation.slice(0, slash));
  }

  function stopTimers(): void {
    for (const timer of typingTimers.values()) clearTimeout(timer);
    typingTimers.clear();
    if (pingTimer !== null) clearInterval(pingTimer);
    pingTimer = null;
    if (occupantFlush !== null) clearImmediate(occupantFlush);
    occupantFlush = null;
    dirtyOccupants.clear();
  }

  /** The nicknames a message of ours may mention (XEP-0372): everyone in the room but us. */
  const mentionable = (entry: RoomEntry): string[] => [...entry.occupants.keys()].filter((nick) => nick !== entry.nick);

  function stripIds(message: ChatMessage): ChatMessage {
    const { stanzaId: _stanzaId, stanzaIdBy: _by, originId: _originId, ...shown } = message as ReferencedMessage;
    return shown;
  }

  function ownMessage(entry: RoomEntry, id: string, change: 'correct' | 'retract'): ReferencedMessage {
    const original = find(entry, id);
    if (original === null || original.direction !== 'out' || original.from !== `${entry.jid}/${entry.nick}`) {
      throw coreError('invalid-argument', change === 'correct' ? 'Only your own messages can be corrected.' : 'Only your own messages can be retracted.');
    }
    if (original.retracted === true) throw coreError('invalid-argument', change === 'correct' ? 'A retracted message cannot be corrected.' : 'A retracted message cannot be retracted.');
    return original;
  }

  /** Our message to the room (a reply where `replyTo` says), with references to the occupants it names; stored, then told. */
  async function sendOwn(entry: RoomEntry, text: string, replyTo?: ReturnType<typeof replyReference>): Promise<ChatMessage> {
    if (text.trim() === '') throw coreError('invalid-argument', 'The message is empty.');
    const id = randomUUID();
    entry.sentIds.add(id);
    const reply = replyTo !== undefined && replyTo !== null ? replyElements(replyTo, text) : null;
    const body = reply?.body ?? text;
    const offset = Array.from(body).length - Array.from(text).length;
    const mentions = mentionElements(entry.jid, text, mentionable(entry)).map((reference) => {
      reference.attrs.begin = String(Number(reference.attrs.begin) + offset);
      reference.attrs.end = String(Number(reference.attrs.end) + offset);
      return reference;
    });
    await deps.send(xml('message', { type: 'groupchat', to: entry.jid, id }, xml('body', {}, body), ...(reply?.children ?? []), ...mentions, xml('origin-id', { xmlns: NS.stanzaId, id })));
    entry.ownChatState = 'active';
    const message: RoomMessage = {
      id, conversation: entry.jid, direction: 'out', from: `${entry.jid}/${entry.nick}`, to: entry.jid, body: text, timestamp: now(), state: 'sent', originId: id,
      ...(replyTo !== undefined && replyTo !== null ? { replyTo: withMessageId(entry, replyTo) } : {}),
    };
    deps.received(message);
    const { originId: _originId, ...shown } = message;
    return shown;
  }

  const mucResultClaim: StanzaClaim = {
    kind: 'message',
    // Every type: more specific than the account archive's claim, which takes (and checks) the rest.
    types: MESSAGE_TYPES,
    child: { name: 'result', ns: NS.mam },
    from: 'anyone',
    handle(stanza) {
      const room = toBareJid(stanza.attrs.from ?? '');
      const collector = room === null ? null : (rooms.get(room)?.collector ?? null);
      if (collector === null) return false;
      return collector.receive(stanza);
    },
  };

  return {
    claims: [
      mucResultClaim,
      { kind: 'message', types: ['groupchat'], from: 'anyone', handle: receiveGroupchat },
      // A chat from an occupant of one of our rooms is a private message; any other chat goes on to the chat feature.
      { kind: 'message', types: ['chat'], from: 'anyone', handle: receivePrivate },
      { kind: 'message', child: { name: 'x', ns: NS_CONFERENCE }, from: 'anyone', handle: receiveInvitation },
      // A mediated invitation; other muc#user messages (a private message's marker) go on to the chat.
      { kind: 'message', child: { name: 'x', ns: NS_MUC_USER }, from: 'anyone', handle: (stanza) => (stanza.attrs.type === 'groupchat' ? false : receiveInvitation(stanza)) },
      { kind: 'message', child: { name: 'event', ns: NS.pubsubEvent, node: NS_BOOKMARKS }, from: 'own-bare-jid', handle: receiveBookmarkEvent },
    ],
    observers: [{ kind: 'presence', from: 'anyone', observe: receivePresence }],

    commands: {
      async discoverRooms() {
        return ok({ services: await findServices() });
      },
      async listRooms(request) {
        const service = request.service !== undefined && request.service !== '' ? request.service : (await findServices())[0];
        if (service === undefined) throw coreError('unsupported', 'Your server has no group chat service.');
        const reply = await iq.request('get', xml('query', { xmlns: NS.discoItems }), service, timeoutMs);
        const filter = (request.filter ?? '').trim().toLowerCase();
        const found = parseDiscoItems(reply.getChild('query', NS.discoItems) ?? xml('query'))
          .map(toPublicRoom)
          .filter((room) => filter === '' || room.name.toLowerCase().includes(filter) || room.jid.includes(filter));
        return ok(found);
      },
      async joinRoom(request) {
        const room = parseRoomJid(request.room);
        const nick = checkNick(request.nick);
        const joinedRoom = await join(room, nick, request.password, request.bookmark ?? true);
        if (invitations.delete(room)) announceInvitations();
        return ok(joinedRoom);
      },
      async leaveRoom(request) {
        const room = parseRoomJid(request.room);
        const entry = rooms.get(room);
        if (entry === undefined) return ok(null);
        entry.wanted = false;
        if (entry.status !== 'left') {
          entry.leaving = true;
          await deps.send(xml('presence', { to: `${room}/${entry.nick}`, type: 'unavailable' }));
        }
        entry.status = 'left';
        entry.occupants.clear();
        occupantsChanged(entry);
        if (entry.typing.size > 0) {
          entry.typing.clear();
          announceTyping(entry);
        }
        if (request.forget === true) {
          if (entry.bookmarked) await forgetBookmark(entry).catch(() => {});
          rooms.delete(room);
        } else if (entry.autojoin) {
          entry.autojoin = false;
          await saveBookmark(entry).catch(() => {});
        }
        announceRooms();
        return ok(null);
      },
      async sendRoomMessage(request) {
        const entry = joined(request.room);
        return ok(await sendOwn(entry, request.body));
      },
      async sendPrivateMessage(request) {
        const entry = joined(request.room);
        const nick = checkNick(request.nick);
        const body = request.body;
        if (body.trim() === '') throw coreError('invalid-argument', 'The message is empty.');
        const to = `${entry.jid}/${nick}`;
        const id = randomUUID();
        await deps.send(xml('message', { type: 'chat', to, id }, xml('body', {}, body), xml('origin-id', { xmlns: NS.stanzaId, id }), xml('x', { xmlns: NS_MUC_USER })));
        const message: RoomMessage = { id, conversation: to, direction: 'out', from: `${entry.jid}/${entry.nick}`, to, body, timestamp: now(), state: 'sent', originId: id };
        deps.received(message);
        const { originId: _originId, ...shown } = message;
        return ok(shown);
      },
      async setRoomSubject(request) {
        const entry = joined(request.room);
        await deps.send(xml('message', { type: 'groupchat', to: entry.jid, id: randomUUID() }, xml('subject', {}, request.subject)));
        return ok(null);
      },
      async changeNick(request) {
        const entry = joined(request.room);
        const nick = checkNick(request.nick);
        if (nick === entry.nick) return ok(null);
        if (entry.waiter !== null) throw coreError('invalid-argument', 'A nickname change is already under way.');
        const answered = new Promise<OccupantPresence>((resolve, reject) => {
          const timer = setTimeout(() => {
            entry.waiter = null;
            reject(coreError('timeout', phrase('{{jid}} did not answer in time.', { jid: entry.jid })));
          }, timeoutMs);
          entry.waiter = { nick, resolve: (value) => (clearTimeout(timer), resolve(value)), reject: (error) => (clearTimeout(timer), reject(error)) };
        });
        await deps.send(xml('presence', { to: `${entry.jid}/${nick}` }));
        await answered;
        entry.nick = nick;
        announceRooms();
        if (entry.bookmarked) await saveBookmark(entry).catch(() => {});
        return ok(null);
      },
      async kickOccupant(request) {
        const entry = joined(request.room);
        occupant(entry, request.nick);
        await admin(entry.jid, { nick: request.nick, role: 'none' }, request.reason, phrase('kick {{nick}}', { nick: request.nick }));
        return ok(null);
      },
      async banOccupant(request) {
        const entry = joined(request.room);
        const target = occupant(entry, request.nick);
        if (target.jid === undefined) throw coreError('invalid-argument', phrase("The room does not show {{nick}}'s address to you, so they cannot be banned.", { nick: request.nick }));
        await admin(entry.jid, { jid: target.jid, affiliation: 'outcast' }, request.reason, phrase('ban {{nick}}', { nick: request.nick }));
        return ok(null);
      },
      async setRole(request) {
        const entry = joined(request.room);
        occupant(entry, request.nick);
        await admin(entry.jid, { nick: request.nick, role: request.role }, request.reason, phrase('make {{nick}} a {{role}}', { nick: request.nick, role: ROLE_WORDS[request.role] }));
        return ok(null);
      },
      async setAffiliation(request) {
        const entry = joined(request.room);
        const target = toBareJid(request.jid);
        if (target === null) throw coreError('invalid-jid', phrase('"{{jid}}" is not a valid address.', { jid: request.jid }));
        await admin(entry.jid, { jid: target, affiliation: request.affiliation }, request.reason, phrase('make {{jid}} {{affiliation}}', { jid: target, affiliation: ROLE_WORDS[request.affiliation] }));
        return ok(null);
      },
      async inviteToRoom(request) {
        const entry = joined(request.room);
        const target = toBareJid(request.jid);
        if (target === null) throw coreError('invalid-jid', phrase('"{{jid}}" is not a valid address.', { jid: request.jid }));
        if (request.direct === true) {
          // Direct (XEP-0249): to the invitee, naming the room (and its password, which they need to get in).
          const attrs = { xmlns: NS_CONFERENCE, jid: entry.jid, ...(request.reason !== undefined && request.reason !== '' ? { reason: request.reason } : {}), ...(entry.password !== undefined ? { password: entry.password } : {}) };
          await deps.send(xml('message', { to: target, id: randomUUID() }, xml('x', attrs)));
          return ok(null);
        }
        const reason = request.reason !== undefined && request.reason !== '' ? xml('reason', {}, request.reason) : undefined;
        // Mediated (XEP-0045 §7.8.2): the room relays it, and a members-only room lets the invitee in.
        await deps.send(xml('message', { to: entry.jid, id: randomUUID() }, xml('x', { xmlns: NS_MUC_USER }, xml('invite', { to: target }, reason))));
        return ok(null);
      },
      async dismissInvitation(request) {
        const room = parseRoomJid(request.room);
        const invitation = invitations.get(room);
        if (invitation === undefined) return ok(null);
        invitations.delete(room);
        announceInvitations();
        // Declining a mediated invitation tells the inviter, through the room (XEP-0045 §7.8.2); a direct one has no decline.
        if (invitation.kind === 'mediated' && invitation.from !== room) {
          await deps.send(xml('message', { to: room, id: randomUUID() }, xml('x', { xmlns: NS_MUC_USER }, xml('decline', { to: invitation.from })))).catch(() => {});
        }
        return ok(null);
      },
      async requestVoice(request) {
        const entry = joined(request.room);
        if (entry.role !== 'visitor') throw coreError('invalid-argument', phrase('You already have voice in {{jid}}.', { jid: entry.jid }));
        // XEP-0045 §8.6: the muc#request form, to the room, which hands it to its moderators.
        const field = (name: string, fieldValue: string, type?: string) => xml('field', { var: name, ...(type !== undefined ? { type } : {}) }, xml('value', {}, fieldValue));
        await deps.send(xml('message', { to: entry.jid, id: randomUUID() }, xml('x', { xmlns: NS.dataForms, type: 'submit' },
          field('FORM_TYPE', 'http://jabber.org/protocol/muc#request', 'hidden'), field('muc#role', 'participant', 'list-single'))));
        return ok(null);
      },
      async sendRoomChatState(request) {
        const entry = joined(request.room);
        // Only changes, and "active" only after something else (XEP-0085 §5.1); never stored (XEP-0334).
        if (entry.ownChatState === request.state || (entry.ownChatState === null && request.state === 'active')) return ok(null);
        entry.ownChatState = request.state;
        await deps.send(xml('message', { type: 'groupchat', to: entry.jid, id: randomUUID() }, xml(request.state, { xmlns: NS.chatStates }), xml('no-store', { xmlns: NS.hints })));
        return ok(null);
      },
      async correctRoomMessage(request) {
        const entry = joined(request.room);
        const original = ownMessage(entry, request.id, 'correct');
        if (request.body.trim() === '') throw coreError('invalid-argument', 'The correction is empty.');
        const id = randomUUID();
        entry.sentIds.add(id);
        // XEP-0308: the corrected message's own id (not the room's stanza-id).
        await deps.send(xml('message', { type: 'groupchat', to: entry.jid, id }, xml('body', {}, request.body), xml('replace', { xmlns: NS.correction, id: original.originId ?? original.id }),
          xml('origin-id', { xmlns: NS.stanzaId, id }), ...mentionElements(entry.jid, request.body, mentionable(entry))));
        entry.ownChatState = 'active';
        deps.updated?.({ kind: 'correction', conversation: entry.jid, sender: entry.jid, replaces: original.id, body: request.body, id });
        return ok(stripIds(find(entry, original.id) ?? { ...original, body: request.body, edited: true }));
      },
      async retractRoomMessage(request) {
        const entry = joined(request.room);
        const original = ownMessage(entry, request.id, 'retract');
        const target = messageReference(original, 'groupchat');
        if (target === null) throw coreError('invalid-argument', 'The room has not confirmed this message yet (it has no id from the room): try again in a moment.');
        await deps.send(xml('message', { type: 'groupchat', to: entry.jid, id: randomUUID() },
          xml('retract', { xmlns: NS.retract, id: target }),
          xml('fallback', { xmlns: NS.fallback, for: NS.retract }),
          xml('body', {}, 'This person attempted to retract a previous message, but it is unsupported by your client.'),
          xml('store', { xmlns: NS.hints })));
        deps.updated?.({ kind: 'retraction', conversation: entry.jid, sender: entry.jid, target: original.id });
        return ok(stripIds(find(entry, original.id) ?? { ...original, body: '', retracted: true }));
      },
      async moderateRoomMessage(request) {
        const entry = joined(request.room);
        if (entry.role !== 'moderator') throw coreError('not-allowed', phrase('Only moderators may remove messages in {{jid}}.', { jid: entry.jid }));
        const current = entry.discoFeatures.has(NS_MODERATE);
        if (!current && !entry.discoFeatures.has(NS_MODERATE_LEGACY)) throw coreError('unsupported', phrase('{{jid}} does not offer message moderation (XEP-0425).', { jid: entry.jid }));
        const original = find(entry, request.id);
        if (original === null) throw coreError('invalid-argument', 'That message is not in this room.');
        const target = messageReference(original, 'groupchat');
        if (target === null) throw coreError('invalid-argument', 'The room gave this message no id, so it cannot be removed.');
        try {
          await iq.request('set', moderationRequest(target, request.reason, current), entry.jid, timeoutMs);
        } catch (error) {
          requestFailed(error, phrase('remove that message'));
        }
        return ok(null);
      },
      async sendRoomReply(request) {
        const entry = joined(request.room);
        const original = find(entry, request.replyTo);
        if (original === null) throw coreError('invalid-argument', 'The message to reply to is not in this room.');
        if (original.retracted === true) throw coreError('invalid-argument', 'A retracted message cannot be replied to.');
        const reference = replyReference(original, 'groupchat');
        if (reference === null) throw coreError('invalid-argument', 'The room gave this message no id, so it cannot be replied to.');
        return ok(await sendOwn(entry, request.body, reference));
      },
      async sendRoomReactions(request) {
        const entry = joined(request.room);
        const original = find(entry, request.id);
        if (original === null) throw coreError('invalid-argument', 'That message is not in this room.');
        const target = messageReference(original, 'groupchat');
        if (target === null) throw coreError('invalid-argument', 'The room gave this message no id, so it cannot be reacted to.');
        const emojis = cleanReactions(request.reactions);
        if (emojis.length !== request.reactions.length && request.reactions.length <= MAX_REACTIONS_PER_MESSAGE) throw coreError('invalid-argument', 'A reaction is one emoji, given once.');
        const broken = restrictionBroken(emojis, entry.restrictions);
        if (broken !== null) throw coreError('invalid-argument', broken);
        const id = randomUUID();
        entry.sentIds.add(id);
        await deps.send(xml('message', { type: 'groupchat', to: entry.jid, id }, reactionsElement(target, emojis), xml('origin-id', { xmlns: NS.stanzaId, id }), xml('store', { xmlns: NS.hints })));
        deps.updated?.({ kind: 'reactions', conversation: entry.jid, sender: `${entry.jid}/${entry.nick}`, target, emojis, timestamp: now(), id });
        return ok(stripIds(find(entry, original.id) ?? original));
      },
      async destroyRoom(request) {
        const entry = joined(request.room);
        const destroy = xml('destroy', {}, request.reason !== undefined && request.reason !== '' ? xml('reason', {}, request.reason) : undefined);
        try {
          await iq.request('set', xml('query', { xmlns: NS_MUC_OWNER }, destroy), entry.jid, timeoutMs);
        } catch (error) {
          requestFailed(error, phrase('destroy {{room}}', { room: entry.jid }));
        }
        entry.leaving = true;
        if (entry.bookmarked) await forgetBookmark(entry).catch(() => {});
        rooms.delete(entry.jid);
        announceRooms();
        return ok(null);
      },
    },

    snapshot() {
      if (rooms.size === 0 && invitations.size === 0) return {};
      const occupants = Object.fromEntries([...rooms.values()].filter((entry) => entry.status === 'joined').map((entry) => [entry.jid, occupantList(entry)]));
      return { rooms: roomList(), occupants, roomInvitations: [...invitations.values()] };
    },

    signedOut() {
      stopTimers();
      const had = rooms.size > 0 || invitations.size > 0;
      rooms.clear();
      invitations.clear();
      if (!had) return [];
      return [
        { event: 'onRooms', payload: { account: ownBareJid, rooms: [] } } satisfies AccountEvent,
        { event: 'onRoomInvitations', payload: { account: ownBareJid, invitations: [] } } satisfies AccountEvent,
      ];
    },

    async start() {
      // A new stream: the rooms are not ours any more until joined again.
      const rejoin = [...rooms.values()].filter((entry) => entry.wanted || entry.status !== 'left');
      for (const entry of rooms.values()) {
        entry.status = 'left';
        entry.waiter = null;
        entry.collector = null;
        entry.occupants.clear();
      }
      let bookmarks: Bookmark[] = [];
      try {
        bookmarks = await readBookmarks();
      } catch {
        // No bookmarks (no PEP): the rooms of this session are still joined again.
      }
      const autojoin = bookmarks.map(applyBookmark).filter((entry) => entry.autojoin && entry.nick !== '');
      announceRooms();
      const targets = new Map<Jid, RoomEntry>([...rejoin, ...autojoin].map((entry) => [entry.jid, entry]));
      await Promise.all([...targets.values()].map((entry) => join(entry.jid, entry.nick, entry.password, false).catch(() => {})));
    },

    stop: stopTimers,

    ownPresenceChanged(presence) {
      ownPresence = presence;
      if (presence === null) return;
      for (const entry of rooms.values()) {
        if (entry.status !== 'joined') continue;
        void deps.send(xml('presence', { to: `${entry.jid}/${entry.nick}` }, ...presenceChildren())).catch(() => {});
      }
    },

    selfPing,

    isRoomConversation: (conversation) => roomOfConversation(conversation) !== undefined,

    async fetchOlder(conversation, before) {
      const entry = roomOfConversation(conversation);
      if (entry === undefined || conversation !== entry.jid || entry.features?.archived !== true) return { fetched: 0, complete: true };
      const collector = entry.collector ?? new ArchiveCollector(entry.jid);
      const own = entry.collector === null;
      if (own) entry.collector = collector;
      try {
        // Before the oldest archive id fetched this session; by time only when none is known (archives stamp whole seconds).
        const position = entry.oldestArchiveId !== null ? { before: entry.oldestArchiveId } : { end: before.ms - 1, before: true as const };
        const page = await queryArchive(iq, collector, { ...position, max: PAGE }, timeoutMs, entry.jid);
        entry.oldestArchiveId = page.first ?? entry.oldestArchiveId;
        let fetched = 0;
        for (const [index, item] of page.results.entries()) {
          if (item.message.type !== 'groupchat') continue;
          // Older than what is held, in the archive's order, even where the archive's second-precision stamps say otherwise.
          const timestamp = Math.min(item.sentAt ?? before.ms, before.ms - (page.results.length - index));
          const message = roomMessage(item.message, entry, timestamp, item.archiveId);
          if (message === null) {
            takeRoomMessage(item.message, item.element, entry, timestamp, item.archiveId, false);
            continue;
          }
          takeRoomMessage(item.message, item.element, entry, timestamp, item.archiveId, false);
          fetched += 1;
        }
        return { fetched, complete: page.complete || page.results.length === 0 };
      } finally {
        if (own) entry.collector = null;
      }
    },

    occupantJid(conversation) {
      const entry = rooms.get(conversation);
      return entry !== undefined && entry.status === 'joined' ? `${entry.jid}/${entry.nick}` : null;
    },

    receiveForwarded(message, timestamp) {
      if (message.type !== 'chat') return false;
      const outgoing = message.bareFrom === ownBareJid;
      const occupantJid = outgoing ? message.to : message.from;
      const entry = roomOfConversation(occupantJid);
      if (entry === undefined || !occupantJid.includes('/')) return false;
      // Typing, receipts, corrections of private messages: not shown (yet), and never filed under the room.
      if (message.body === null || message.body === '' || message.replaces !== null || message.retracts !== null) return true;
      const id = message.originId ?? message.id;
      if (id === null) return true;
      deps.received({
        id,
        conversation: occupantJid,
        direction: outgoing ? 'out' : 'in',
        from: outgoing ? `${entry.jid}/${entry.nick}` : message.from,
        to: outgoing ? occupantJid : ownBareJid,
        body: message.body,
        timestamp,
        ...(outgoing ? { state: 'sent' as const } : {}),
        ...(message.originId !== null ? { originId: message.originId } : {}),
      });
      return true;
    },
  };
}
