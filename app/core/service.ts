/**
 * The contract's implementation on top of one session: validates every command's input (it comes
 * from a renderer we do not trust), turns failures into Result errors, and fans events out.
 */
import type {
  ChatMessage, ConnectionState, Contact, EventEnvelope, EventName, JabberEventPayloads, Jid, Presence, Result, SendMessageRequest,
  SetPresenceRequest, SignInRequest, Snapshot,
} from '../shared/contract.ts';
import { formatBare, parseAccountJid, toBareJid } from '../shared/jid.ts';
import { fail, ok } from '../shared/result.ts';
import { createMemoryHistory, type MessageHistory } from '../store/message-history.ts';
import { CoreError, toAppError } from './errors.ts';
import { MAX_OUTGOING_BODY_LENGTH } from './messages.ts';
import { MAX_STATUS_LENGTH } from './presence.ts';
import type { SrvResolver } from './resolve.ts';
import type { JabberService, JabberServiceOptions } from './service-types.ts';
import { startSession, type Session } from './session.ts';

export type { JabberService, JabberServiceOptions } from './service-types.ts';

const OWN_SHOWS = new Set(['online', 'away', 'dnd', 'xa']);
const OFFLINE: Presence = { show: 'offline', status: '' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ServiceDependencies {
  readonly history?: MessageHistory;
  readonly resolveSrv?: SrvResolver;
}

export function createJabberService(options: JabberServiceOptions = {}, deps: ServiceDependencies = {}): JabberService {
  const history = deps.history ?? createMemoryHistory();
  const listeners = new Set<(envelope: EventEnvelope) => void>();
  let session: Session | null = null;
  let connection: ConnectionState = { status: 'disconnected' };
  let contacts = new Map<Jid, Contact>();
  let ownPresence: Presence = OFFLINE;
  let signInAbort: AbortController | null = null;
  /** Whose messages the history holds: another account signing in must not see them. */
  let historyAccount: Jid | null = null;

  function emit<E extends EventName>(event: E, payload: JabberEventPayloads[E]): void {
    const envelope = { event, payload } as EventEnvelope;
    for (const listener of listeners) {
      try {
        listener(envelope);
      } catch {
        // One broken listener must not starve the others.
      }
    }
  }

  function setConnection(state: ConnectionState): void {
    connection = state;
    emit('onConnectionState', state);
  }

  function resetAccountState(): void {
    contacts = new Map();
    ownPresence = OFFLINE;
    emit('onOwnPresence', OFFLINE);
  }

  async function signIn(request: SignInRequest): Promise<Result<{ jid: Jid }>> {
    if (!isRecord(request) || typeof request.jid !== 'string' || typeof request.password !== 'string') {
      return fail('invalid-argument', 'Enter a Jabber ID and a password.');
    }
    if (connection.status !== 'disconnected') return fail('already-connected', 'You are already signed in. Sign out first.');
    const parsed = parseAccountJid(request.jid);
    if (!parsed.ok) return fail('invalid-jid', `“${request.jid.trim()}” is not a valid Jabber ID: ${parsed.reason}.`);
    if (request.password.length === 0) return fail('invalid-argument', 'Enter your password.');
    const host = typeof request.host === 'string' && request.host.trim().length > 0 ? request.host.trim() : undefined;
    const port = request.port === undefined || request.port === null ? undefined : Number(request.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) return fail('invalid-argument', 'The port must be a number from 1 to 65535.');

    const account = formatBare(parsed.jid);
    if (historyAccount !== account) history.clear();
    historyAccount = account;
    const abort = new AbortController();
    signInAbort = abort;
    setConnection({ status: 'connecting' });
    try {
      const started = await startSession(
        {
          account: parsed.jid,
          password: request.password,
          host,
          port,
          resource: options.resource,
          trustedCertificates: options.trustedCertificates ?? [],
          stepTimeoutMs: options.connectTimeoutMs ?? 20_000,
          keepaliveMs: options.keepaliveMs,
          livenessTimeoutMs: options.livenessTimeoutMs,
          backoff: options.backoff,
          resolveSrv: deps.resolveSrv,
          signal: abort.signal,
        },
        {
          roster(list) {
            contacts = new Map(list.map((contact) => [contact.jid, contact]));
            emit('onRoster', list);
          },
          contact(contact) {
            contacts.set(contact.jid, contact);
            emit('onContact', contact);
          },
          contactRemoved(jid) {
            contacts.delete(jid);
            emit('onContactRemoved', jid);
          },
          ownPresence(presence) {
            ownPresence = presence;
            emit('onOwnPresence', presence);
          },
          message(message) {
            if (history.add(message)) emit('onMessage', message);
          },
          reconnecting({ attempt, error, retryInMs }) {
            setConnection({ status: 'connecting', attempt, error, retryInMs });
          },
          reconnected(jid) {
            setConnection({ status: 'connected', jid });
          },
          ended(error) {
            session = null;
            resetAccountState();
            setConnection({ status: 'disconnected', error });
          },
        },
      );
      if (abort.signal.aborted) {
        await started.stop();
        return fail('not-connected', 'Sign-in was cancelled.');
      }
      session = started;
      setConnection({ status: 'connected', jid: started.jid });
      return ok({ jid: started.jid });
    } catch (error) {
      const appError = error instanceof CoreError ? error.appError : toAppError(error, host ?? parsed.jid.domain);
      resetAccountState();
      setConnection({ status: 'disconnected', error: appError });
      return { ok: false, error: appError };
    } finally {
      if (signInAbort === abort) signInAbort = null;
    }
  }

  async function signOut(): Promise<Result<null>> {
    if (signInAbort !== null) {
      signInAbort.abort();
      return ok(null);
    }
    const current = session;
    if (current === null) return ok(null);
    session = null;
    setConnection({ status: 'disconnecting' });
    await current.stop();
    resetAccountState();
    setConnection({ status: 'disconnected' });
    return ok(null);
  }

  async function setPresence(request: SetPresenceRequest): Promise<Result<null>> {
    if (!isRecord(request) || typeof request.show !== 'string' || !OWN_SHOWS.has(request.show)) {
      return fail('invalid-argument', 'Choose Online, Away, Do not disturb or Extended away.');
    }
    const status = request.status === undefined ? ownPresence.status : request.status;
    if (typeof status !== 'string' || status.length > MAX_STATUS_LENGTH) return fail('invalid-argument', `A status message may have at most ${MAX_STATUS_LENGTH} characters.`);
    if (session === null) return fail('not-connected', 'You are not signed in.');
    try {
      await session.setPresence(request.show, status);
      return ok(null);
    } catch (error) {
      return { ok: false, error: toAppError(error, 'the server') };
    }
  }

  async function sendMessage(request: SendMessageRequest): Promise<Result<ChatMessage>> {
    if (!isRecord(request) || typeof request.to !== 'string' || typeof request.body !== 'string') {
      return fail('invalid-argument', 'A message needs a recipient and a text.');
    }
    const to = toBareJid(request.to);
    if (to === null) return fail('invalid-jid', `“${request.to}” is not a valid Jabber ID.`);
    if (request.body.trim().length === 0) return fail('invalid-argument', 'The message is empty.');
    if (request.body.length > MAX_OUTGOING_BODY_LENGTH) return fail('invalid-argument', `The message is too long (at most ${MAX_OUTGOING_BODY_LENGTH} characters).`);
    if (session === null) return fail('not-connected', 'You are offline: the message was not sent. Sign in and send it again.');
    try {
      const message = await session.sendMessage(to, request.body);
      if (history.add(message)) emit('onMessage', message);
      return ok(message);
    } catch (error) {
      return { ok: false, error: toAppError(error, 'the server') };
    }
  }

  async function reconnectNow(): Promise<Result<null>> {
    session?.reconnectNow();
    return ok(null);
  }

  async function getSnapshot(): Promise<Result<Snapshot>> {
    return ok({ connection, ownPresence, contacts: [...contacts.values()], messages: [...history.all()] });
  }

  return {
    signIn,
    signOut,
    setPresence,
    sendMessage,
    getSnapshot,
    reconnectNow,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      await signOut();
      listeners.clear();
    },
  };
}
