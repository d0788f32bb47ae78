/**
 * The composition root of one account's session: opens the stream, wires the feature modules
 * (IQ answers, roster, presence, messages) onto it, and keeps it alive: XEP-0198 acknowledgements
 * and resumption, dead-link detection, and reconnection with backoff. Messages sent while the link
 * is down wait in a queue; acknowledgements decide what is sent again. No globals: two accounts are
 * two sessions.
 */
import { phrase, messageOf } from '../../shared/phrase.ts';
import { randomUUID } from 'node:crypto';
import type { Client } from '@xmpp/client-core';
import { xml, type Element } from '@xmpp/xml';
import type { AppError, ChatMessage, ChatState, Contact, Jid, OwnPresenceShow, Presence } from '../../shared/contract.ts';
import type { ReplyReference } from '../../shared/contract.ts';
import { toBareJid, formatBare } from '../../shared/jid.ts';
import type { ConversationUpdate } from '../features/chat/conversation-events.ts';
import { reconnectDelay, WakeableSleep, type BackoffOptions } from './backoff.ts';
import { NS_CSI, openStream, type ConnectOptions, type FastOptions, type FastToken, type LinkInfo, type OpenStream } from '../stream/connection.ts';
import { ContactBook } from '../features/roster/contact-book.ts';
import { discoInfoHandler, pingHandler } from '../features/disco/disco.ts';
import { createReactionRestrictions } from '../features/reactions/restrictions.ts';
import { CoreError, coreError, streamError, toAppError } from '../errors.ts';
import { collectCommands, collectSignedOut, collectSnapshot, emitEach, type AccountEvent, type AccountSnapshotPart, type FeatureCommands, type FeatureEmitter } from './feature.ts';
import { IqRouter } from './iq.ts';
import { StanzaRouter } from './router.ts';
import { createHistorySync, type ArchivePosition } from '../features/archive/history-sync.ts';
import { createMessaging } from '../features/chat/messages.ts';
import { NS } from '../xml/namespaces.ts';
import { parseStreamError } from '../xml/stanza-error.ts';
import { createPresence, ownPresenceStanza } from '../features/presence/presence.ts';
import type { IdleState } from '../features/presence/idle-tracker.ts';
import { createLastActivity } from '../features/presence/last-activity.ts';
import { createBusiness } from '../features/business/business-commands.ts';
import { createInvisibility } from '../features/presence/invisibility.ts';
import type { CardBook } from '../features/profile/card-book.ts';
import { createServerFeatures } from '../features/disco/server-features.ts';
import { changePassword } from '../auth/registration.ts';
import { createBlocking } from '../features/blocking/blocking.ts';
import { createAvatars } from '../features/profile/avatars.ts';
import { createMemoryAvatarStore, type AvatarStore } from '../../store/avatar-store.ts';
import { createProfileCommands } from '../features/profile/profile-commands.ts';
import type { AvatarIndex } from '../features/profile/avatar-index.ts';
import { createCapabilities } from '../features/profile/caps.ts';
import { createMemoryCapsCache, type CapsCache } from '../features/profile/caps-cache.ts';
import { createRoster } from '../features/roster/roster.ts';
import type { RosterCache } from '../features/roster/roster-cache.ts';
import { createSubscriptions } from '../features/roster/subscriptions.ts';
import { createContactCommands } from '../features/roster/contact-commands.ts';
import { createMuc, type RoomArchivePositions } from '../features/muc/muc.ts';
import { createUpload } from '../features/upload/upload.ts';
import { NS_SM, parseH, StreamManagementState } from './stream-management.ts';

/** A session is configured like the stream it opens, plus how it keeps the link alive. */
export interface SessionConfig extends ConnectOptions {
  /** Silence after which we check the link (XEP-0198 `<r/>` or XEP-0199 ping). */
  readonly keepaliveMs?: number;
  /** How long that check may take before the link counts as dead. */
  readonly livenessTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  /** Where the last archive (MAM) id seen is kept, so catching up resumes there after a restart. */
  readonly archivePosition?: ArchivePosition;
  /** Called before we tell the server what we received (XEP-0198 `<a/>`): make it durable first. */
  readonly beforeAcknowledging?: () => void;
  /** Where the last stanza-id of each group chat room's archive is kept, so a join catches up from there. */
  readonly roomArchivePositions?: RoomArchivePositions;
  /** How often joined rooms are self-pinged (XEP-0410); default 5 minutes. */
  readonly roomSelfPingMs?: number;
  /** Keeps the versioned roster between sessions (XEP-0237); default: this session only. */
  readonly rosterCache?: RosterCache;
  /** Where avatars are kept by hash (default: this session only). */
  readonly avatarStore?: AvatarStore;
  /** Which avatar each contact had last time (default: none known). */
  readonly avatarIndex?: AvatarIndex;
  /** The account's avatars and nicknames, kept across sessions (default: this session only). */
  readonly cards?: CardBook;
  /** XEP-0115 capabilities by ver (default: this session only). */
  readonly capsCache?: CapsCache;
  /** The user's idleness (automatic away, XEP-0012 answers); default: never idle. */
  readonly idle?: IdleSource;
  /** A stored message of a conversation by id (the history's): only their files may be downloaded; default: none. */
  readonly findMessage?: (conversation: Jid, id: string) => ChatMessage | null;
  /** Anyone's stored message of the conversation that `id` names (id, origin-id, stanza-id), with those ids (rooms). */
  readonly findAnyMessage?: (conversation: Jid, id: string) => ChatMessage | null;
}

/** Where a session learns how idle the user is. */
export interface IdleSource {
  state(): IdleState | null;
  idleSeconds(): number;
}

export interface ReconnectInfo {
  readonly attempt: number;
  /** Why the link is down. */
  readonly error: AppError;
  readonly retryInMs: number;
}

/**
 * What a session tells its runtime. The UI's events leave through `emit`, with the contract's names and
 * payloads (the runtime forwards them unchanged); messages and their updates go to the history first
 * (the runtime owns it and emits onMessage and onUnread from it); the rest is the link's life.
 */
export interface SessionEvents {
  /** A contract event of a feature (onRoster, onContact, onBlocklist…), as the UI receives it. */
  emit: FeatureEmitter;
  /** A message to store (new, or a copy of one stored): live, a carbon, or from the archive. */
  message(message: ChatMessage): void;
  /** Something happened to stored messages: delivery state, correction, retraction, read on another device. */
  updated(update: StoredUpdate): void;
  /** The link is down and a new attempt is scheduled. */
  reconnecting(info: ReconnectInfo): void;
  /** The link is back (resumed, or a new stream with the roster fetched again). */
  reconnected(jid: Jid): void;
  /** The session is over for good (a failure retrying cannot fix). */
  ended(error: AppError): void;
}

/** The updates that change stored messages (typing is not stored: it goes out as onChatState). */
export type StoredUpdate = Exclude<ConversationUpdate, { readonly kind: 'chat-state' }>;

export interface Session {
  readonly jid: Jid;
  /** The contract commands the features answer for this account (see feature.ts); the runtime routes them here. */
  readonly commands: FeatureCommands;
  /** The features' fields of the account snapshot (blocked…). */
  snapshot(): AccountSnapshotPart;
  /** The account is signed out: the features forget this session's state and say what the UI must now show. */
  signedOut(): readonly AccountEvent[];
  contacts(): Contact[];
  ownPresence(): Presence;
  setPresence(show: OwnPresenceShow, status: string): Promise<void>;
  /** Composes and sends (or queues while the link is down); resolves with the message either way. */
  sendMessage(to: Jid, body: string): Promise<ChatMessage>;
  /** A new outgoing message, not sent yet (state `pending`), for the caller to store first. */
  compose(to: Jid, body: string): ChatMessage;
  /** Sends a composed (or stored, still pending) message now, or queues it while the link is down. */
  send(message: ChatMessage): Promise<void>;
  /** XEP-0308; resolves with the correction's id. Needs the link. */
  correctMessage(to: Jid, id: string, body: string): Promise<string>;
  /** XEP-0424; queued like a message while the link is down. */
  retractMessage(to: Jid, id: string): Promise<void>;
  /** A new outgoing reply (XEP-0461), not sent yet: `send` sends it with its quoted fallback. */
  composeReply(to: Jid, body: string, replyTo: ReplyReference): ChatMessage;
  /** XEP-0444: our whole set of reactions to the message `id`; resolves with the reaction message's id. */
  sendReactions(to: Jid, id: string, emojis: readonly string[]): Promise<string>;
  /** XEP-0085; only changes are sent, and nothing while the link is down. */
  sendChatState(to: Jid, state: ChatState): Promise<void>;
  /** XEP-0333 displayed marker for the newest unmarked incoming message of the conversation. */
  markDisplayed(conversation: Jid): Promise<void>;
  /** Network back or machine awake: retry at once, or check a link that may have died unseen. */
  reconnectNow(): void;
  /**
   * XEP-0352: the user is not looking (window hidden) or is back. An inactive client lets the server
   * hold back presence floods and other unimportant traffic, saving battery and bandwidth.
   */
  setActive(active: boolean): void;
  /** XEP-0077: sets a new password on the server; later reconnections use it. */
  changePassword(newPassword: string): Promise<void>;
  /** Sends unavailable presence and closes the stream cleanly; stops reconnecting. */
  stop(): Promise<void>;
  /** Older messages of a conversation from the server's archive (XEP-0313), before `beforeMs`; they arrive as messages. */
  fetchOlder(conversation: Jid, before: { readonly ms: number; readonly archiveId: string | null }): Promise<{ fetched: number; complete: boolean }>;
  // ---- presence: automatic away, last activity, invisibility
  /** Automatic away starts, deepens or ends; a choice other than "online" is left alone. */
  setIdle(idle: IdleState | null): Promise<void>;
  /** XEP-0186, where the server offers it; becoming visible sends our presence again. */
  setInvisible(invisible: boolean): Promise<void>;
  /** XEP-0186: whether the server offers it, and whether we are invisible. */
  invisibility(): { readonly supported: boolean; readonly invisible: boolean };
}

/** Failures that another attempt cannot fix: the user must act. */
const FATAL_CODES = new Set(['auth-failed', 'tls-untrusted', 'starttls-unavailable', 'invalid-jid', 'invalid-argument']);
const FATAL_STREAM_CONDITIONS = new Set(['conflict', 'host-unknown', 'not-authorized', 'policy-violation', 'improper-addressing']);

export function isFatal(error: AppError): boolean {
  return FATAL_CODES.has(error.code) || (error.code === 'stream-error' && FATAL_STREAM_CONDITIONS.has(error.condition ?? ''));
}

interface LiveStream {
  readonly entity: Client;
  detach(): void;
  /** Handles one element from the server, as if it had just arrived. */
  deliver(element: Element): void;
}

const STANZA_NAMES = new Set(['iq', 'message', 'presence']);

export async function startSession(initialConfig: SessionConfig, events: SessionEvents): Promise<Session> {
  let config = initialConfig;
  const keepaliveMs = config.keepaliveMs ?? 60_000;
  const livenessTimeoutMs = config.livenessTimeoutMs ?? 20_000;
  const host = config.host ?? config.account.domain;
  const ownBareJid = formatBare(config.account);
  const sm = new StreamManagementState();
  const book = new ContactBook();
  const sleeper = new WakeableSleep();
  /** Messages written while the link was down, in order. */
  const outbox: Element[] = [];
  let live: LiveStream | null = null;
  let jid: Jid = '';
  let stopping = false;
  let reconnecting = false;
  /** Set once the first connection is up: only then does a dropped link mean "reconnect". */
  let established = false;
  /** Our presence changed while the link was down. */
  let presencePending = false;
  /** XEP-0352 state the user last asked for, and whether the current stream supports it. */
  let active = true;
  let csiSupported = false;
  /** How the current stream is secured and what it offered (the Server features view). */
  let link: LinkInfo | null = null;
  // SASL2 user agent: stable for this session at least, so Bind 2 gives reconnections the same resource. Only a
  // caller-supplied id (stable per installation and account) lets FAST tokens outlive the session.
  const userAgentId = config.userAgentId ?? randomUUID();
  /** FAST (XEP-0484): the newest token, so that reconnecting needs no password round trip. */
  let fastToken: FastToken | null = config.fast?.token ?? null;
  let ackRequestTimer: NodeJS.Timeout | null = null;
  let keepaliveTimer: NodeJS.Timeout | null = null;
  let livenessDeadline: NodeJS.Timeout | null = null;

  async function write(stanza: Element): Promise<void> {
    if (live === null) throw coreError('not-connected', 'The connection is down.');
    if (stanza.name === 'presence' && stanza.attrs.to === undefined) presencePending = false;
    sm.sent(stanza);
    try {
      await live.entity.send(stanza);
    } catch (error) {
      // Kept for the server's acknowledgement: a link lost under it resends it (resumed or new stream). Failing
      // here would tell the caller "not sent" about a message that will arrive, and invite sending it twice.
      if (!sm.enabled) throw error;
    }
    // Without stream management, written is as far as we can know.
    if (!sm.enabled) reportSent([stanza]);
    scheduleAckRequest();
  }

  /** Our chat messages the server has (acknowledged) are `sent`. */
  function reportSent(stanzas: readonly Element[]): void {
    for (const stanza of stanzas) {
      if (stanza.name !== 'message' || stanza.getChild('body') === undefined || stanza.getChild('replace', NS.correction) !== undefined) continue;
      const conversation = toBareJid(stanza.attrs.to ?? '');
      const id = stanza.attrs.id;
      if (conversation !== null && typeof id === 'string') events.updated({ kind: 'state', conversation, id, state: 'sent', upTo: false });
    }
  }

  /** Stanzas from the feature modules: messages wait for the link; presence is re-sent on reconnect; IQs fail. */
  async function send(stanza: Element): Promise<void> {
    if (live !== null) return write(stanza);
    // Messages with content wait for the link; typing notifications and markers would be stale by then.
    if (stanza.name === 'message' && (stanza.getChild('body') !== undefined || stanza.getChild('retract', NS.retract) !== undefined)) {
      outbox.push(stanza);
      return;
    }
    if (stanza.name === 'presence') {
      presencePending = true;
      return;
    }
    throw coreError('not-connected', 'You are offline; this needs a connection.');
  }

  const iq = new IqRouter(send, ownBareJid);
  iq.handle('get', NS.discoInfo, 'query', discoInfoHandler);
  iq.handle('get', NS.ping, 'ping', pingHandler);
  /** Subscription presences are addressed to someone: unlike our own presence, they are not kept for later. */
  async function sendNow(stanza: Element): Promise<void> {
    if (live === null) throw coreError('not-connected', 'You are offline; sign in again to change your contacts.');
    await write(stanza);
  }
  /** Features emit the contract's events; they go out as they are. */
  const emit: FeatureEmitter = (event, payload) => events.emit(event, payload);
  const account = ownBareJid;
  const subscriptions = createSubscriptions({
    send: sendNow,
    ownBareJid,
    emit,
    sharesWith: (contact) => {
      const subscription = book.item(contact)?.subscription;
      return subscription === 'from' || subscription === 'both';
    },
  });
  const roster = createRoster({
    iq,
    book,
    ownBareJid,
    cache: config.rosterCache,
    events: {
      roster(contacts) {
        for (const contact of contacts) subscriptions.contactChanged(contact);
        emit('onRoster', { account, contacts });
      },
      contact(contact) {
        subscriptions.contactChanged(contact);
        emit('onContact', { account, contact });
      },
      removed(jid) {
        subscriptions.contactRemoved(jid);
        emit('onContactRemoved', { account, jid });
      },
    },
  });
  const blocking = createBlocking({
    iq,
    ownBareJid,
    emit,
    timeoutMs: config.stepTimeoutMs,
    // Their request, if any, is moot: the server no longer passes anything of theirs on.
    blockedContact(contact) {
      subscriptions.contactRemoved(contact);
      const offline = book.clearPresenceOf(contact);
      if (offline !== null) emit('onContact', { account, contact: offline });
    },
  });
  const avatars = createAvatars({
    iq,
    ownBareJid,
    store: config.avatarStore ?? createMemoryAvatarStore(),
    isKnown: (bare) => book.item(bare) !== null,
    emit,
    ...(config.cards !== undefined ? { book: config.cards } : {}),
    timeoutMs: config.stepTimeoutMs,
    ...(config.avatarIndex !== undefined ? { index: config.avatarIndex } : {}),
  });
  const capabilities = createCapabilities({
    iq,
    cache: config.capsCache ?? createMemoryCapsCache(),
    timeoutMs: config.stepTimeoutMs,
    ownBareJid,
    isContact: (bare) => book.has(bare),
  });
  const presence = createPresence({
    send,
    book,
    events: { contact: (contact) => emit('onContact', { account, contact }), own: (presence) => {
      emit('onOwnPresence', { account, presence });
      // Group chat: the rooms we are in see it too.
      muc.ownPresenceChanged(presence.show === 'offline' ? null : ownPresenceStanza(presence.show, presence.status, presence.idleSince));
    } },
    subscription: (parsed) => subscriptions.receive(parsed),
    initialIdle: config.idle?.state() ?? null,
  });
  const invisibility = createInvisibility({
    iq,
    domain: config.account.domain,
    account,
    emit,
  });
  const lastActivity = createLastActivity({
    iq,
    ownBareJid,
    idleSeconds: () => config.idle?.idleSeconds() ?? 0,
    seesOurPresence: (contact) => ['from', 'both'].includes(book.item(contact)?.subscription ?? 'none'),
    hidden: () => invisibility.invisible(),
    availableResource: (contact) => book.get(contact)?.resources.filter((resource) => resource.show !== 'offline').at(-1)?.resource,
    timeoutMs: config.stepTimeoutMs,
  });
  // The full JID changes when a new stream binds; messaging reads it at send time.
  const messaging = createMessaging({
    send,
    ownJid: () => jid,
    ownBareJid,
    received: events.message,
    updated: (update) => (update.kind === 'chat-state' ? emit('onChatState', { account, conversation: update.conversation, state: update.state }) : events.updated(update)),
    mayKnowWeAreOnline: (bare) => ['from', 'both'].includes(book.get(bare)?.subscription ?? 'none'),
  });
  const historySync = createHistorySync({ iq, ownBareJid, position: config.archivePosition, progress: (fetched, done) => emit('onArchiveSync', { account, fetched, syncing: !done }), forwarded: (message, source, timestamp, archiveId) => {
    // A private message with a room occupant is the room's feature's (its own conversation, not the room's).
    if (!muc.receiveForwarded(message, timestamp)) messaging.receiveForwarded(message, source, timestamp, archiveId);
  } });
  // Every feature's claims and observers, in one place. The order registered is the order observers see a
  // stanza (presence first: it updates the contact book), and breaks ties between equally specific claims.
  const router = new StanzaRouter({ ownBareJid, iq: (stanza) => void iq.receive(stanza).catch(() => {}), isBlocked: (from) => blocking.isBlocked(from) });
  // Group chat (XEP-0045): needs the link (a join or a room message is not queued for later).
  const muc = createMuc({
    iq, ownBareJid, domain: config.account.domain, emit, received: events.message, positions: config.roomArchivePositions, timeoutMs: config.stepTimeoutMs,
    updated: events.updated, findMessage: (conversation, id) => config.findAnyMessage?.(conversation, id) ?? null,
    ...(config.roomSelfPingMs !== undefined ? { selfPingMs: config.roomSelfPingMs } : {}),
    send: (stanza) => (live === null ? Promise.reject(coreError('not-connected', 'You are offline; group chat needs a connection.')) : write(stanza)),
  });
  for (const feature of [presence, avatars, capabilities, historySync, messaging, muc]) router.add(feature);
  const business = createBusiness({ request: (type, payload, to) => iq.request(type, payload, to, config.stepTimeoutMs), domain: config.account.domain });
  // The features on the generic command path (feature.ts): their commands, snapshot fields and sign-out.
  const profile = createProfileCommands({ iq, ownBareJid, timeoutMs: config.stepTimeoutMs, avatars, capabilities });
  const contactCommands = createContactCommands({ book, roster, subscriptions, timeoutMs: config.stepTimeoutMs });
  const serverFeatures = createServerFeatures({ iq, domain: config.account.domain, ownBareJid, link: () => link, timeoutMs: config.stepTimeoutMs });
  // XEP-0444 restricted reactions of a conversation (asked on demand, remembered for the session).
  const reactionRestrictions = createReactionRestrictions({ iq, timeoutMs: config.stepTimeoutMs });
  // Files (XEP-0363 upload, downloads): over HTTPS with this account's trust and proxy.
  const upload = createUpload({
    iq, account, domain: config.account.domain, emit, ownJid: () => jid, send, stored: events.message, timeoutMs: config.stepTimeoutMs,
    findMessage: (conversation, id) => config.findMessage?.(conversation, id) ?? null,
    // A file for a room goes to the room as a groupchat message, from our occupant JID (rooms, features/muc).
    roomSender: (to) => muc.occupantJid(to),
    trust: () => ({ trustedCertificates: config.trustedCertificates, pinnedFingerprints: config.pinnedFingerprints ?? [], proxy: config.proxy ?? null, timeoutMs: config.stepTimeoutMs }),
  });
  const features = [subscriptions, contactCommands, blocking, lastActivity, business, profile, invisibility, serverFeatures, muc, reactionRestrictions, upload];
  const commands = collectCommands(features);

  function scheduleAckRequest(): void {
    if (!sm.enabled || ackRequestTimer !== null) return;
    // One <r/> for a burst of stanzas, soon after it.
    ackRequestTimer = setTimeout(() => {
      ackRequestTimer = null;
      void checkLiveness();
    }, 200);
  }

  /** Asks the server to prove the link works; no answer in time means the link is dead. */
  async function checkLiveness(timeoutMs = livenessTimeoutMs): Promise<void> {
    const stream = live;
    if (stream === null || livenessDeadline !== null) return;
    livenessDeadline = setTimeout(() => {
      livenessDeadline = null;
      if (live === stream) dropLink(stream, coreError('timeout', phrase('{{host}} stopped answering.', { host })).appError);
    }, timeoutMs);
    try {
      if (sm.enabled) {
        await stream.entity.send(xml('r', { xmlns: NS_SM }));
      } else {
        await iq.request('get', xml('ping', { xmlns: NS.ping }), config.account.domain, timeoutMs);
        clearLivenessDeadline();
      }
    } catch {
      // The deadline decides.
    }
  }

  function clearLivenessDeadline(): void {
    if (livenessDeadline !== null) clearTimeout(livenessDeadline);
    livenessDeadline = null;
  }

  function restartKeepalive(): void {
    if (keepaliveTimer !== null) clearTimeout(keepaliveTimer);
    keepaliveTimer = live === null ? null : setTimeout(() => void checkLiveness(), keepaliveMs);
  }

  function stopTimers(): void {
    for (const timer of [ackRequestTimer, keepaliveTimer, livenessDeadline]) if (timer !== null) clearTimeout(timer);
    ackRequestTimer = keepaliveTimer = livenessDeadline = null;
  }

  function dropLink(stream: LiveStream, error: AppError): void {
    stream.detach();
    (stream.entity.socket as unknown as { destroy?: () => void } | null)?.destroy?.();
    if (live !== stream) return;
    live = null;
    stopTimers();
    iq.dispose();
    if (stopping || !established) return;
    if (isFatal(error)) {
      end(error);
      return;
    }
    void reconnectLoop(error);
  }

  function end(error: AppError): void {
    stopping = true;
    sleeper.wake();
    events.ended(error);
  }

  function attach(entity: Client): LiveStream {
    let endError: AppError | null = null;
    const stream: LiveStream = { entity, detach, deliver };
    function receiveStanza(stanza: Element): void {
      sm.received();
      // Blocked senders are dropped first; a handler that throws drops only its stanza (see router.ts).
      router.route(stanza);
    }
    function receiveNonza(element: Element): void {
      if (element.is('r', NS_SM)) {
        // Once acknowledged, the server forgets a message: it must be on disk by then.
        try {
          config.beforeAcknowledging?.();
        } catch {
          // A store that cannot write is reported where it fails; the link stays up.
        }
        void entity.send(xml('a', { xmlns: NS_SM, h: String(sm.inbound) })).catch(() => {});
      } else if (element.is('a', NS_SM)) {
        const h = parseH(element);
        const acknowledged = h === null ? null : sm.acknowledge(h);
        if (acknowledged !== null) reportSent(acknowledged);
        else {
          dropLink(stream, coreError('stream-error', 'The server acknowledged messages it never received.', { condition: 'undefined-condition' }).appError);
        }
      } else if (element.is('error', NS.streams)) {
        const { condition, text } = parseStreamError(element);
        endError = streamError(condition, text).appError;
      }
    }
    function deliver(element: Element): void {
      // Anything from the server proves the link is alive.
      clearLivenessDeadline();
      restartKeepalive();
      if (STANZA_NAMES.has(element.name)) receiveStanza(element);
      else receiveNonza(element);
    }
    const onError = (error: unknown): void => {
      endError ??= toAppError(error, host);
    };
    const onGone = (): void => dropLink(stream, endError ?? { code: 'connection-lost', ...messageOf(phrase('The connection to {{host}} was lost.', { host })) });
    function detach(): void {
      entity.off('element', deliver);
      entity.off('error', onError);
      entity.off('disconnect', onGone);
      entity.off('close', onGone);
    }
    entity.on('element', deliver);
    entity.on('error', onError);
    entity.on('disconnect', onGone);
    entity.on('close', onGone);
    return stream;
  }

  /** The caller's FAST hooks, with the session keeping the newest token for its own reconnections. */
  function fastOptions(): FastOptions | null {
    const caller = config.fast;
    if (!caller) return null;
    return {
      token: fastToken,
      onToken(token) {
        fastToken = token;
        // Storing the token is the caller's business; a failure there must not break the sign-in.
        try {
          caller.onToken(token);
        } catch {
          // The session still has the token for its reconnections.
        }
      },
      onTokenRejected() {
        fastToken = null;
        try {
          caller.onTokenRejected?.();
        } catch {
          // As above.
        }
      },
    };
  }

  /** Opens a stream (resuming the previous one when possible) and brings the session up to date on it. */
  async function connect(): Promise<void> {
    const resumeId = sm.resumeId;
    const opened: OpenStream = await openStream({
      ...config,
      userAgentId,
      fast: fastOptions(),
      resume: resumeId !== null && jid !== '' ? { resumeId, jid, inboundH: sm.inbound } : null,
    });
    jid = opened.jid;
    csiSupported = opened.csi;
    link = opened.link;
    const stream = attach(opened.entity);
    live = stream;
    restartKeepalive();
    try {
      if (opened.resumedServerH !== null) {
        // The server kept our session: send again only what it never received.
        reportSent(sm.acknowledge(opened.resumedServerH) ?? []);
        // Through the outbox: if this link drops too, what was not written yet is still queued.
        outbox.unshift(...sm.resumed(opened.resumedServerH));
        for (const element of opened.pending) stream.deliver(element);
        await flushOutbox(stream);
        if (presencePending) await presence.resend();
        // A catch-up the last drop cut short: the archive holds what the dead stream's queue lost.
        void historySync.resumed(config.stepTimeoutMs);
      } else {
        // A new session: the server may never have received what it did not acknowledge.
        // Queued at once: the steps below can fail with the link, and these must then wait for the next one.
        outbox.unshift(...sm.abandon().filter((stanza) => stanza.name === 'message'));
        // What a dead stream's queue held is in the archive, after the last position seen so far.
        historySync.newStream();
        if (opened.sm !== null) sm.enable(opened.sm);
        book.clearPresence();
        capabilities.reset();
        // Requests still unanswered are delivered again after our initial presence.
        subscriptions.reset();
        for (const element of opened.pending) stream.deliver(element);
        // RFC 6121 §2.2: the roster first, then initial presence, so presence lands on known contacts.
        await roster.fetch(config.stepTimeoutMs, opened.rosterVersioning === true);
        // Invisible (XEP-0186) is per stream: say it again before any presence goes out.
        await invisibility.restore(config.stepTimeoutMs);
        await presence.resend();
        // The server already enforces the list; a failure to read it only leaves the UI without it.
        await blocking.fetch(config.stepTimeoutMs).catch(() => {});
        // What other devices sent and received meanwhile (not awaited: the session is usable at once).
        void historySync.start(config.stepTimeoutMs);
        // The rooms we were in, and the bookmarked autojoin ones, joined again (not awaited either).
        void muc.start().catch(() => {});
      }
      await flushOutbox(stream);
      // A new stream starts active (XEP-0352 §4); a resumed one keeps its state, but saying it again is harmless.
      if (!active) await sendClientState(stream);
      // The link can drop under the steps above without any of them failing (queued presence, a swallowed
      // blocklist error): that attempt did not succeed, or the session would say "connected" with no link.
      if (live !== stream) throw coreError('connection-lost', phrase('The connection to {{host}} was lost.', { host }));
    } catch (error) {
      dropLink(stream, error instanceof CoreError ? error.appError : toAppError(error, host));
      throw error;
    }
  }

  /** Writes the outbox in order; a stanza leaves it only as it is written (and tracked for acknowledgement). */
  async function flushOutbox(stream: LiveStream): Promise<void> {
    while (live === stream) {
      const stanza = outbox.shift();
      if (stanza === undefined) return;
      await write(stanza);
    }
  }

  async function sendClientState(stream: LiveStream): Promise<void> {
    if (!csiSupported) return;
    await stream.entity.send(xml(active ? 'active' : 'inactive', { xmlns: NS_CSI }));
  }

  async function reconnectLoop(cause: AppError): Promise<void> {
    if (reconnecting) return;
    reconnecting = true;
    let error = cause;
    try {
      for (let attempt = 1; !stopping; attempt += 1) {
        const retryInMs = reconnectDelay(attempt, config.backoff);
        events.reconnecting({ attempt, error, retryInMs });
        await sleeper.sleep(retryInMs);
        if (stopping) return;
        try {
          await connect();
          events.reconnected(jid);
          return;
        } catch (failure) {
          error = failure instanceof CoreError ? failure.appError : toAppError(failure, host);
          if (isFatal(error)) {
            end(error);
            return;
          }
        }
      }
    } finally {
      reconnecting = false;
    }
  }

  try {
    await connect();
    established = true;
  } catch (error) {
    stopping = true;
    // What the features announced during the failed attempt (a block list) is not the account's any more.
    emitEach(events.emit, collectSignedOut(features));
    throw error;
  }

  return {
    get jid() {
      return jid;
    },
    commands,
    snapshot: () => collectSnapshot(features),
    signedOut: () => collectSignedOut(features),
    contacts: () => book.list(),
    ownPresence: () => presence.own(),
    setPresence: (show, status) => presence.setOwn(show, status),
    async sendMessage(to, body) {
      const message = messaging.compose(to, body);
      await messaging.send(message);
      return message;
    },
    compose: (to, body) => messaging.compose(to, body),
    send: (message) => messaging.send(message),
    correctMessage: (to, id, body) => messaging.correct(to, id, body),
    retractMessage: (to, id) => messaging.retract(to, id),
    composeReply: (to, body, replyTo) => messaging.compose(to, body, replyTo),
    sendReactions: (to, id, emojis) => messaging.react(to, id, emojis),
    sendChatState: (to, state) => messaging.chatState(to, state),
    markDisplayed: (conversation) => messaging.markDisplayed(conversation),
    setActive(value) {
      if (active === value) return;
      active = value;
      if (live !== null) void sendClientState(live).catch(() => {});
    },
    async changePassword(newPassword) {
      await changePassword(iq, config.account, newPassword, config.stepTimeoutMs);
      config = { ...config, password: newPassword };
    },
    // A room's older history is in the room's archive, not ours.
    fetchOlder: (conversation, before) => (muc.isRoomConversation(conversation) ? muc.fetchOlder(conversation, before) : historySync.fetchOlder(conversation, before, config.stepTimeoutMs)),
    invisibility: () => ({ supported: invisibility.supported(), invisible: invisibility.invisible() }),
    setIdle: (idle) => presence.setIdle(idle),
    async setInvisible(invisible) {
      const wasInvisible = invisibility.invisible();
      await invisibility.set(invisible, config.stepTimeoutMs);
      // Visible again: the server broadcasts nothing until we send our presence (XEP-0186 §3.2).
      if (wasInvisible && !invisible) await presence.resend();
    },
    reconnectNow() {
      if (stopping) return;
      if (!sleeper.wake() && live !== null) void checkLiveness(Math.min(livenessTimeoutMs, 10_000));
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      muc.stop();
      sleeper.wake();
      const stream = live;
      live = null;
      stopTimers();
      if (stream !== null) {
        stream.detach();
        await closeGracefully(stream.entity);
      }
      iq.dispose();
    },
  };
}

async function closeGracefully(entity: Client): Promise<void> {
  try {
    if (entity.status === 'online') await entity.write("<presence type='unavailable'/>");
    await entity.stop();
  } catch {
    (entity.socket as unknown as { destroy?: () => void } | null)?.destroy?.();
  }
}
