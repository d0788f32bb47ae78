/**
 * One account's live side: its session (at most one), its connection state, contacts, own presence
 * and history. Nothing here knows about other accounts, so a failure in one never touches another.
 * Events from an attempt or session that was superseded (signed out, cancelled) are dropped.
 */
import { phrase } from '../../shared/phrase.ts';
import type { AccountId, ChatMessage, ChatState, ConnectionState, Contact, ContactCard, Jid, OwnPresenceShow, Presence, Result, SignedIn } from '../../shared/contract.ts';
import type { ParsedJid } from '../../shared/jid.ts';
import { formatBare } from '../../shared/jid.ts';
import { fail, ok } from '../../shared/result.ts';
import type { MessageHistory } from '../../store/message-history.ts';
import { reconnectDelay, WakeableSleep } from '../session/backoff.ts';
import { CoreError, toAppError } from '../errors.ts';
import type { Resolver, SrvResolver } from '../stream/resolve.ts';
import type { JabberServiceOptions } from '../service-types.ts';
import type { FastTokenStore } from '../auth/fast-token-store.ts';
import type { ProxyConfig } from '../stream/proxy.ts';
import { createMemoryRosterCache, type RosterCache } from '../features/roster/roster-cache.ts';
import type { AvatarStore } from '../../store/avatar-store.ts';
import type { AvatarIndex } from '../features/profile/avatar-index.ts';
import type { CapsCache } from '../features/profile/caps-cache.ts';
import type { CoreMessage } from '../features/chat/conversation-events.ts';
import type { IdleState } from '../features/presence/idle-tracker.ts';
import { createCardBook } from '../features/profile/card-book.ts';
import { emitEach, type AccountCommandName, type AccountCommandRequest, type AccountCommandValue, type AccountSnapshotPart, type FeatureEmitter } from '../session/feature.ts';
import { sendReactions, sendReply, type RichCommandDeps } from '../features/reactions/rich-commands.ts';
import { isFatal, startSession, type IdleSource, type Session, type SessionEvents } from '../session/session.ts';

/** A UI drawing itself from scratch gets this much of each conversation; older pages load on demand. */
export const SNAPSHOT_MESSAGES_PER_CONVERSATION = 200;

/**
 * What a runtime tells the service: its connection state (the service remembers a refused certificate
 * from it), and the contract's events of the account, from the current session only, named and shaped
 * as the UI receives them (onRoster, onMessage, onUnread…): forward them unchanged.
 */
export interface RuntimeEvents {
  connection(state: ConnectionState): void;
  emit: FeatureEmitter;
}

export interface Credentials {
  readonly password: string;
  readonly host?: string;
  readonly port?: number;
  readonly proxy?: ProxyConfig;
  /** Fingerprints of certificates the user trusted for this account. */
  readonly pinnedFingerprints?: readonly string[];
  /** Sign in with this OAuth token (X-OAUTH2) instead of the password. */
  readonly oauthToken?: string;
  /** Company CAs trusted for every account (PEM), in addition to the service's own. */
  readonly authorities?: readonly string[];
  /** Trust only `authorities` (the organisation's required CA): not the system's nor the service's own. */
  readonly exclusiveTrust?: boolean;
}

export interface AccountRuntime {
  readonly account: AccountId;
  connection(): ConnectionState;
  ownPresence(): Presence;
  contacts(): Contact[];
  messages(): readonly ChatMessage[];
  /** The account's stored history (paging and search read it directly). */
  readonly history: MessageHistory;
  /** Neither connected nor trying to be. */
  idle(): boolean;
  /** One attempt, for a user who waits for the answer. */
  signIn(credentials: Credentials): Promise<Result<SignedIn>>;
  /** Attempts until connected, until a failure that retrying cannot fix, or until stopped. */
  connectInBackground(credentials: Credentials): void;
  /** Signs out, or cancels an attempt in progress. */
  stop(): Promise<void>;
  setPresence(show: OwnPresenceShow, status: string | undefined): Promise<Result<null>>;
  /** Stored at once as pending, then sent (or queued while the link is down). */
  sendMessage(to: Jid, body: string): Promise<Result<ChatMessage>>;
  correctMessage(conversation: Jid, id: string, body: string): Promise<Result<ChatMessage>>;
  retractMessage(conversation: Jid, id: string): Promise<Result<ChatMessage>>;
  /** XEP-0461: stored at once as pending, then sent, like sendMessage. */
  sendReply(to: Jid, body: string, replyTo: string): Promise<Result<ChatMessage>>;
  /** XEP-0444: replaces our reactions to a message. */
  sendReactions(conversation: Jid, id: string, reactions: readonly string[]): Promise<Result<ChatMessage>>;
  sendChatState(to: Jid, state: ChatState): Promise<Result<null>>;
  /** Read here; `sendMarker` false keeps it from the peer and our other devices. */
  markRead(conversation: Jid, sendMarker?: boolean): Promise<Result<null>>;
  reconnectNow(): void;
  /** XEP-0077: a new password on the server, for the signed-in session. */
  changePassword(newPassword: string): Promise<Result<null>>;
  /** XEP-0352: applied now and to every later session of this account. */
  setActive(active: boolean): void;
  /** Stops and forgets the history. */
  dispose(): Promise<void>;
  /** Stops and closes the history (the app quits; everything stays for the next start). */
  close(): Promise<void>;
  /** The features' fields of the account snapshot (blocked…); none while signed out. */
  featureSnapshot(): AccountSnapshotPart;
  /**
   * Runs a feature's contract command (see session/feature.ts) on the signed-in session: `not-connected`
   * without one. The one path for every command a feature declares.
   */
  run<K extends AccountCommandName>(command: K, request: AccountCommandRequest<K>): Promise<Result<AccountCommandValue<K>>>;
  /**
   * Asks the server's archive for messages of `conversation` older than `beforeMs` (they are stored as
   * they arrive); resolves with how many came. Remembers where the archive ran out, so scrolling back
   * again does not ask twice. Offline: 0.
   */
  fetchOlder(conversation: Jid, beforeMs: number): Promise<number>;
  /** Avatars and nicknames known, by bare JID (kept while signed out: they are still right). */
  cards(): Readonly<Record<Jid, ContactCard>>;
  /** Unread incoming messages by conversation (kept in the history, so across restarts). */
  unread(): Readonly<Record<Jid, number>>;
  // ---- presence: automatic away, last activity
  /** Automatic away changed (the session, if any, decides whether the user's choice allows it). */
  setIdle(idle: IdleState | null): void;
  /** XEP-0186: whether the server offers it, and whether the account is invisible. */
  invisibility(): { readonly supported: boolean; readonly invisible: boolean };
  setInvisible(invisible: boolean): Promise<Result<null>>;
}

export interface RuntimeDependencies {
  readonly account: AccountId;
  readonly jid: ParsedJid;
  readonly options: JabberServiceOptions;
  readonly history: MessageHistory;
  /** The account's bare JID as it appears as a sender in the history. */
  readonly accountBare: Jid;
  readonly resolveSrv?: SrvResolver;
  /** A whole resolver (SRV and host addresses); overrides `resolveSrv`. */
  readonly resolver?: Resolver;
  readonly events: RuntimeEvents;
  /** Where the account's FAST token lives (XEP-0484): reconnecting then needs no password round trip. */
  readonly fastTokens?: FastTokenStore;
  /** Where the versioned roster is kept between sign-ins (default: in memory, for as long as the app runs). */
  readonly rosterCache?: RosterCache;
  /** Where avatars are kept by hash (default: in memory). */
  readonly avatarStore?: AvatarStore;
  /** Which avatar each contact had last time (default: none). */
  readonly avatarIndex?: AvatarIndex;
  /** XEP-0115 capabilities by ver, shared by the accounts (default: this session only). */
  readonly capsCache?: CapsCache;
  /** The user's idleness, shared by every account (default: never idle). */
  readonly idle?: IdleSource;
}

const OFFLINE: Presence = { show: 'offline', status: '' };

/** An attempt in progress: how to cancel it, and how to cut its wait between retries short. */
interface Attempt {
  readonly abort: AbortController;
  readonly sleeper: WakeableSleep;
}

export function createAccountRuntime(deps: RuntimeDependencies): AccountRuntime {
  const { account, options, history, events } = deps;
  let session: Session | null = null;
  let clientActive = true;
  let attempt: Attempt | null = null;
  let connection: ConnectionState = { status: 'disconnected' };
  /** Per conversation: the position before which the archive had nothing more, when last asked. */
  const exhausted = new Map<Jid, string>();
  const cards = createCardBook();
  const rosterCache = deps.rosterCache ?? createMemoryRosterCache();
  /** Bumped whenever what is running is superseded: events carrying an older number are stale. */
  let generation = 0;

  function setConnection(state: ConnectionState): void {
    connection = state;
    events.connection(state);
  }

  /** Signed out: what the UI shows of the account goes back to nothing; `ended` is the session that was (if any). */
  function resetState(ended: Session | null): void {
    if (ended !== null) emitEach(events.emit, ended.signedOut());
    events.emit('onOwnPresence', { account, presence: OFFLINE });
  }

  /** Conversations whose unread count changed this turn: told once per turn, however many messages came. */
  const unreadChanged = new Set<Jid>();
  function unreadChangedIn(conversation: Jid): void {
    if (unreadChanged.size === 0) setImmediate(tellUnread);
    unreadChanged.add(conversation);
  }
  function tellUnread(): void {
    for (const conversation of unreadChanged) events.emit('onUnread', { account, conversation, count: history.unread(conversation) });
    unreadChanged.clear();
  }
  const tellMessage = (message: ChatMessage): void => events.emit('onMessage', { account, message });
  /** What the reply and reaction commands need (features/reactions/rich-commands.ts). */
  const richDeps = (): RichCommandDeps => ({
    session,
    history,
    accountBare: deps.accountBare,
    account,
    tell: tellMessage,
    restrictions: async (conversation) => {
      const answer = session === null ? null : await session.commands.getReactionRestrictions?.({ account, conversation });
      return answer?.ok === true ? answer.value : {};
    },
  });

  function sessionEvents(current: number): SessionEvents {
    const live = (): boolean => current === generation;
    return {
      emit(event, payload) {
        if (live()) events.emit(event, payload);
      },
      message(stored) {
        if (!live()) return;
        // The archive and origin ids are for the history only; the UI gets the contract's fields.
        const { stanzaId: _archiveId, stanzaIdBy: _archive, originId: _originId, ...message } = stored as CoreMessage & { stanzaIdBy?: Jid };
        // A copy of one of ours (carbon, archive) proves it reached the server: a pending one is sent.
        if (message.direction === 'out' && message.state !== undefined) {
          for (const changed of history.advance(message.conversation, message.id, message.state, false)) tellMessage(changed);
        }
        if (!history.add(stored)) return;
        tellMessage(message);
        if (message.direction === 'in') unreadChangedIn(message.conversation);
      },
      updated(update) {
        if (!live()) return;
        switch (update.kind) {
          case 'state':
            for (const changed of history.advance(update.conversation, update.id, update.state, update.upTo)) tellMessage(changed);
            return;
          case 'correction': {
            const corrected = history.correct(update.conversation, update.sender, update.replaces, update.body, update.id);
            if (corrected !== null) tellMessage(corrected);
            return;
          }
          case 'retraction': {
            // The store only retracts a message of the same sender: nobody can erase someone else's words.
            const retracted = history.retract(update.conversation, update.sender, update.target, update.moderation);
            if (retracted === null) return;
            tellMessage(retracted);
            if (retracted.direction === 'in') unreadChangedIn(update.conversation);
            return;
          }
          case 'read-elsewhere':
            history.markRead(update.conversation, update.upTo);
            unreadChangedIn(update.conversation);
            return;
          case 'reactions': {
            // Not a message: the one it names changes (no unread count); an older set never replaces a newer one.
            const reacted = history.react(update.conversation, update.sender, update.target, update.emojis, update.timestamp, update.id);
            if (reacted !== null) tellMessage(reacted);
            return;
          }
        }
      },
      reconnecting({ attempt: number, error, retryInMs }) {
        if (live()) setConnection({ status: 'connecting', attempt: number, error, retryInMs });
      },
      reconnected(jid) {
        if (live()) setConnection({ status: 'connected', jid });
      },
      ended(error) {
        if (!live()) return;
        const over = session;
        session = null;
        resetState(over);
        setConnection({ status: 'disconnected', error });
      },
    };
  }

  async function open(credentials: Credentials, current: number, signal: AbortSignal): Promise<Session> {
    const fastTokens = deps.fastTokens;
    // A store that cannot be read only costs the token: the password still signs in.
    const [userAgentId, token] = fastTokens === undefined ? [undefined, null] : await Promise.all([fastTokens.userAgentId().catch(() => undefined), fastTokens.load().catch(() => null)]);
    return startSession(
      {
        account: deps.jid,
        password: credentials.password,
        userAgentId,
        fast:
          fastTokens === undefined
            ? null
            : { token, onToken: (next) => void fastTokens.save(next).catch(() => {}), onTokenRejected: () => void fastTokens.forget().catch(() => {}) },
        host: credentials.host,
        port: credentials.port,
        proxy: credentials.proxy ?? null,
        pinnedFingerprints: credentials.pinnedFingerprints ?? [],
        ...(credentials.oauthToken !== undefined ? { token: credentials.oauthToken } : {}),
        resource: options.resource,
        trustedCertificates: credentials.exclusiveTrust === true ? [...(credentials.authorities ?? [])] : [...(options.trustedCertificates ?? []), ...(credentials.authorities ?? [])],
        ...(credentials.exclusiveTrust === true ? { exclusiveTrust: true } : {}),
        stepTimeoutMs: options.connectTimeoutMs ?? 20_000,
        keepaliveMs: options.keepaliveMs,
        livenessTimeoutMs: options.livenessTimeoutMs,
        backoff: options.backoff,
        ...(options.roomSelfPingMs !== undefined ? { roomSelfPingMs: options.roomSelfPingMs } : {}),
        resolveSrv: deps.resolveSrv,
        ...(deps.resolver !== undefined ? { resolver: deps.resolver } : {}),
        archivePosition: { load: () => history.archivePosition(), save: (id) => history.setArchivePosition(id) },
        roomArchivePositions: { load: (room) => history.archivePositionOf(room), save: (room, id) => history.setArchivePositionOf(room, id) },
        beforeAcknowledging: () => history.flush(),
        rosterCache,
        ...(deps.avatarStore !== undefined ? { avatarStore: deps.avatarStore } : {}),
        ...(deps.avatarIndex !== undefined ? { avatarIndex: deps.avatarIndex } : {}),
        cards,
        ...(deps.capsCache !== undefined ? { capsCache: deps.capsCache } : {}),
        ...(deps.idle !== undefined ? { idle: deps.idle } : {}),
        // Files: only a stored message's file is downloaded (theirs, or one of ours).
        findMessage: (conversation, id) => history.find(conversation, conversation, id) ?? history.find(conversation, formatBare(deps.jid), id),
        findAnyMessage: (conversation, id) => history.findAny(conversation, id),
        signal,
      },
      sessionEvents(current),
    );
  }

  const asAppError = (error: unknown, credentials: Credentials) =>
    error instanceof CoreError ? error.appError : toAppError(error, credentials.host ?? deps.jid.domain);

  /** Starts an attempt; the returned number identifies it. */
  function begin(): { current: number; started: Attempt } {
    generation += 1;
    const started: Attempt = { abort: new AbortController(), sleeper: new WakeableSleep() };
    attempt = started;
    setConnection({ status: 'connecting' });
    return { current: generation, started };
  }

  /** The attempt succeeded: keep the session, unless the attempt was superseded meanwhile. */
  async function adopt(opened: Session, current: number): Promise<boolean> {
    if (current !== generation) {
      await opened.stop();
      return false;
    }
    attempt = null;
    session = opened;
    if (!clientActive) opened.setActive(false);
    setConnection({ status: 'connected', jid: opened.jid });
    // The outbox of an earlier run (the app quit or crashed before the server took them).
    for (const message of history.pending()) void opened.send(message).catch(() => {});
    return true;
  }

  async function stop(): Promise<void> {
    generation += 1;
    const cancelled = attempt;
    const stopping = session;
    attempt = null;
    session = null;
    cancelled?.abort.abort();
    cancelled?.sleeper.wake();
    if (stopping !== null) {
      setConnection({ status: 'disconnecting' });
      await stopping.stop();
    }
    if (cancelled !== null || stopping !== null) {
      resetState(stopping);
      setConnection({ status: 'disconnected' });
    }
  }

  return {
    account,
    connection: () => connection,
    ownPresence: () => session?.ownPresence() ?? OFFLINE,
    contacts: () => session?.contacts() ?? [],
    messages: () => history.recent(SNAPSHOT_MESSAGES_PER_CONVERSATION),
    history,
    idle: () => session === null && attempt === null,

    async signIn(credentials) {
      if (session !== null || attempt !== null) return fail('already-connected', phrase('{{account}} is already signed in or signing in. Sign it out first.', { account }));
      const { current, started } = begin();
      try {
        const opened = await open(credentials, current, started.abort.signal);
        if (await adopt(opened, current)) return ok({ account, jid: opened.jid });
      } catch (error) {
        if (current === generation) {
          const appError = asAppError(error, credentials);
          attempt = null;
          resetState(null);
          setConnection({ status: 'disconnected', error: appError });
          return { ok: false, error: appError };
        }
      }
      return fail('not-connected', 'Sign-in was cancelled.');
    },

    connectInBackground(credentials) {
      if (session !== null || attempt !== null) return;
      const { current, started } = begin();
      void (async () => {
        for (let number = 1; current === generation; number += 1) {
          try {
            await adopt(await open(credentials, current, started.abort.signal), current);
            return;
          } catch (error) {
            if (current !== generation) return;
            const appError = asAppError(error, credentials);
            if (isFatal(appError)) {
              attempt = null;
              resetState(null);
              setConnection({ status: 'disconnected', error: appError });
              return;
            }
            const retryInMs = reconnectDelay(number, options.backoff);
            setConnection({ status: 'connecting', attempt: number, error: appError, retryInMs });
            await started.sleeper.sleep(retryInMs);
          }
        }
      })();
    },

    stop,

    async setPresence(show, status) {
      if (session === null) return fail('not-connected', phrase('{{account}} is not signed in.', { account }));
      try {
        await session.setPresence(show, status ?? session.ownPresence().status);
        return ok(null);
      } catch (error) {
        return { ok: false, error: toAppError(error, 'the server') };
      }
    },

    async sendMessage(to, body) {
      if (session === null) return fail('not-connected', phrase('{{account}} is offline: the message was not sent. Sign in and send it again.', { account }));
      const message = session.compose(to, body);
      // Stored before it goes anywhere: a crash or restart from here on sends it later, never loses it.
      history.enqueue(message);
      tellMessage(message);
      try {
        await session.send(message);
        return ok(message);
      } catch (error) {
        return { ok: false, error: toAppError(error, 'the server') };
      }
    },

    async correctMessage(conversation, id, body) {
      if (session === null) return fail('not-connected', phrase('{{account}} is offline: sign in to correct a message.', { account }));
      const original = history.find(conversation, deps.accountBare, id);
      if (original === null || original.direction !== 'out') return fail('invalid-argument', 'Only your own messages can be corrected.');
      if (original.retracted === true) return fail('invalid-argument', 'A retracted message cannot be corrected.');
      try {
        const correctionId = await session.correctMessage(conversation, original.id, body);
        const corrected = history.correct(conversation, deps.accountBare, original.id, body, correctionId);
        if (corrected === null) return fail('invalid-argument', 'The message could not be corrected.');
        tellMessage(corrected);
        return ok(corrected);
      } catch (error) {
        return { ok: false, error: toAppError(error, 'the server') };
      }
    },

    async retractMessage(conversation, id) {
      if (session === null) return fail('not-connected', phrase('{{account}} is offline: sign in to retract a message.', { account }));
      const original = history.find(conversation, deps.accountBare, id);
      if (original === null || original.direction !== 'out') return fail('invalid-argument', 'Only your own messages can be retracted.');
      try {
        await session.retractMessage(conversation, original.id);
        const retracted = history.retract(conversation, deps.accountBare, original.id) ?? history.find(conversation, deps.accountBare, original.id);
        if (retracted === null) return fail('invalid-argument', 'The message could not be retracted.');
        tellMessage(retracted);
        return ok(retracted);
      } catch (error) {
        return { ok: false, error: toAppError(error, 'the server') };
      }
    },

    sendReply: (to, body, replyTo) => sendReply(richDeps(), to, body, replyTo),
    sendReactions: (conversation, id, reactions) => sendReactions(richDeps(), conversation, id, reactions),

    async sendChatState(to, state) {
      // Typing notifications are best effort: offline, there is nobody to tell.
      await session?.sendChatState(to, state).catch(() => {});
      return ok(null);
    },

    async markRead(conversation, sendMarker = true) {
      // Read here whether or not we are online: the count is ours; the marker tells the peer and our other devices.
      if (history.unread(conversation) > 0) {
        history.markRead(conversation);
        unreadChangedIn(conversation);
      }
      if (sendMarker) await session?.markDisplayed(conversation).catch(() => {});
      return ok(null);
    },

    reconnectNow() {
      session?.reconnectNow();
      attempt?.sleeper.wake();
    },

    async changePassword(newPassword) {
      if (session === null) return fail('not-connected', phrase('Sign in to {{account}} first: the password is changed on the server.', { account: deps.account }));
      try {
        await session.changePassword(newPassword);
        return ok(null);
      } catch (error) {
        return { ok: false, error: error instanceof CoreError ? error.appError : toAppError(error, deps.jid.domain) };
      }
    },

    setActive(active) {
      clientActive = active;
      session?.setActive(active);
    },

    async dispose() {
      await stop();
      history.clear();
      rosterCache.save(null);
      deps.avatarIndex?.save(null);
    },

    featureSnapshot: () => session?.snapshot() ?? {},

    async run(command, request) {
      if (session === null) return fail('not-connected', phrase('{{account}} is not signed in: sign in first.', { account }));
      // The table pairs each name with its own handler; TypeScript cannot follow that pairing through a generic key.
      const handler = session.commands[command] as ((request: unknown) => Promise<Result<AccountCommandValue<typeof command>>>) | undefined;
      if (handler === undefined) return fail('internal', phrase("No feature of {{account}}'s session answers {{command}}.", { account, command }));
      try {
        return await handler(request);
      } catch (error) {
        return { ok: false, error: error instanceof CoreError ? error.appError : toAppError(error, deps.jid.domain) };
      }
    },

    async fetchOlder(conversation, beforeMs) {
      const archiveId = history.oldestArchiveId(conversation);
      const position = archiveId ?? `time ${beforeMs}`;
      if (session === null || exhausted.get(conversation) === position) return 0;
      try {
        const { fetched, complete } = await session.fetchOlder(conversation, { ms: beforeMs, archiveId });
        if (complete) exhausted.set(conversation, position);
        return fetched;
      } catch {
        return 0; // No archive, or it failed: what is stored is all there is for now.
      }
    },

    cards: () => cards.all(),
    unread: () => history.unreadCounts(),

    async close() {
      await stop();
      history.close();
    },

    setIdle(idle) {
      void session?.setIdle(idle).catch(() => {});
    },

    invisibility: () => session?.invisibility() ?? { supported: false, invisible: false },

    async setInvisible(invisible) {
      if (session === null) return fail('not-connected', phrase('{{account}} is not signed in.', { account }));
      try {
        await session.setInvisible(invisible);
        return ok(null);
      } catch (error) {
        return { ok: false, error: error instanceof CoreError ? error.appError : toAppError(error, deps.jid.domain) };
      }
    },
  };
}
