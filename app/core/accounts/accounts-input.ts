/**
 * Checks every command's input: it comes from a renderer we do not trust. Each parser returns the
 * clean values or the error the user sees; the service never touches a field that was not checked.
 */
import { asPhrase, phrase } from '../../shared/phrase.ts';
import type { AccountId, AccountProxyInput, ChatState, Jid, OwnPresenceShow, Result } from '../../shared/contract.ts';
import { formatBare, parseAccountJid, toBareJid, type ParsedJid } from '../../shared/jid.ts';
import { fail, ok } from '../../shared/result.ts';
import { parseProxy } from '../../store/account-store.ts';
import { MAX_OUTGOING_BODY_LENGTH } from '../features/chat/messages.ts';
import { MAX_STATUS_LENGTH } from '../features/presence/presence.ts';

const OWN_SHOWS: ReadonlySet<string> = new Set<OwnPresenceShow>(['online', 'away', 'dnd', 'xa']);
const MAX_HOST_LENGTH = 253;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const unknownAccount = <T>(account: string): Result<T> => fail('invalid-argument', phrase('{{account}} is not one of your accounts.', { account }));

/** An account named in a command: a bare JID, normalized. */
export function parseAccountId(value: unknown): Result<AccountId> {
  if (typeof value !== 'string') return fail('invalid-argument', 'Say which account this is for.');
  const parsed = parseAccountJid(value);
  if (!parsed.ok || parsed.jid.resource !== '') return fail('invalid-jid', phrase("“{{input}}” is not an account's Jabber ID.", { input: value.trim() }));
  return ok(formatBare(parsed.jid));
}

export interface Server {
  readonly host?: string;
  readonly port?: number;
}

/** A server override: an empty or missing host means "found automatically". */
function parseHost(value: unknown): Result<string | undefined> {
  if (value === undefined || value === null) return ok(undefined);
  if (typeof value !== 'string') return fail('invalid-argument', 'The server must be a host name or an IP address.');
  const host = value.trim();
  if (host.length === 0) return ok(undefined);
  if (host.length > MAX_HOST_LENGTH || /\s|\//u.test(host)) return fail('invalid-argument', 'The server must be a host name or an IP address, without spaces or slashes.');
  return ok(host);
}

function parsePort(value: unknown): Result<number | undefined> {
  if (value === undefined || value === null) return ok(undefined);
  const port = Number(value);
  if (typeof value === 'boolean' || !Number.isInteger(port) || port < 1 || port > 65535) return fail('invalid-argument', 'The port must be a number from 1 to 65535.');
  return ok(port);
}

function parseServer(host: unknown, port: unknown): Result<Server> {
  const h = parseHost(host);
  if (!h.ok) return h;
  const p = parsePort(port);
  if (!p.ok) return p;
  return ok({ ...(h.value !== undefined ? { host: h.value } : {}), ...(p.value !== undefined ? { port: p.value } : {}) });
}

export function parseCertificateRequest(request: unknown): Result<{ account: AccountId; fingerprintSha256: string }> {
  if (!isRecord(request) || typeof request.fingerprintSha256 !== 'string' || !/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/u.test(request.fingerprintSha256)) {
    return fail('invalid-argument', 'A certificate is named by its SHA-256 fingerprint (colon-separated uppercase hex).');
  }
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  return ok({ account: account.value, fingerprintSha256: request.fingerprintSha256 });
}

/** A proxy as typed, with its password (which goes to the secret store). */
export function parseProxyInput(value: unknown): Result<AccountProxyInput> {
  const proxy = parseProxy(value);
  if (proxy === null) return fail('invalid-argument', 'The proxy needs a type (SOCKS5 or HTTP), a server name and a port from 1 to 65535.');
  const password = isRecord(value) ? value.password : undefined;
  if (password !== undefined && (typeof password !== 'string' || password.length > 255)) return fail('invalid-argument', 'The proxy password is not valid.');
  return ok({ ...proxy, ...(typeof password === 'string' && password.length > 0 ? { password } : {}) });
}

export interface AddAccountInput extends Server {
  readonly account: AccountId;
  readonly jid: ParsedJid;
  readonly password: string;
  readonly rememberPassword: boolean;
  readonly createOnServer: boolean;
  readonly proxy?: AccountProxyInput;
  readonly oauthToken?: string;
}

export function parseAddAccount(request: unknown): Result<AddAccountInput> {
  if (!isRecord(request) || typeof request.jid !== 'string' || typeof request.password !== 'string') {
    return fail('invalid-argument', 'Enter a Jabber ID and a password.');
  }
  const parsed = parseAccountJid(request.jid);
  if (!parsed.ok) return fail('invalid-jid', phrase('“{{input}}” is not a valid Jabber ID: {{reason}}.', { input: request.jid.trim(), reason: asPhrase(parsed.reason) }));
  const { oauthToken } = request;
  if (oauthToken !== undefined && (typeof oauthToken !== 'string' || oauthToken.length > 8192)) return fail('invalid-argument', 'The access token is not valid.');
  const withToken = typeof oauthToken === 'string' && oauthToken.length > 0;
  if (request.password.length === 0 && !withToken) return fail('invalid-argument', 'Enter your password.');
  const server = parseServer(request.host, request.port);
  if (!server.ok) return server;
  if (request.rememberPassword !== undefined && typeof request.rememberPassword !== 'boolean') return fail('invalid-argument', 'rememberPassword must be true or false.');
  if (request.createOnServer !== undefined && typeof request.createOnServer !== 'boolean') return fail('invalid-argument', 'createOnServer must be true or false.');
  const proxy = request.proxy === undefined ? undefined : parseProxyInput(request.proxy);
  if (proxy !== undefined && !proxy.ok) return proxy;
  // Any resource typed after the JID is dropped: the account is the bare JID.
  const jid = { ...parsed.jid, resource: '' };
  return ok({
    account: formatBare(jid),
    jid,
    password: request.password,
    rememberPassword: request.rememberPassword ?? true,
    createOnServer: request.createOnServer ?? false,
    ...(proxy !== undefined ? { proxy: proxy.value } : {}),
    ...(withToken ? { oauthToken } : {}),
    ...server.value,
  });
}

/** Passwords the app sets on a server: long enough to be worth having, short enough for any server. */
export const MIN_NEW_PASSWORD_LENGTH = 8;
export const MAX_NEW_PASSWORD_LENGTH = 1024;

export function parseChangePassword(request: unknown): Result<{ account: AccountId; newPassword: string }> {
  if (!isRecord(request) || typeof request.newPassword !== 'string') return fail('invalid-argument', 'Enter the new password.');
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  const { newPassword } = request;
  if (newPassword.length < MIN_NEW_PASSWORD_LENGTH) return fail('invalid-argument', phrase('The new password needs at least {{min}} characters.', { min: MIN_NEW_PASSWORD_LENGTH }));
  if (newPassword.length > MAX_NEW_PASSWORD_LENGTH) return fail('invalid-argument', 'The new password is too long.');
  return ok({ account: account.value, newPassword });
}

export interface SignInInput {
  readonly account: AccountId;
  readonly password?: string;
  readonly rememberPassword?: boolean;
}

export function parseSignIn(request: unknown): Result<SignInInput> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which account to sign in.');
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  const { password, rememberPassword } = request;
  if (password !== undefined && (typeof password !== 'string' || password.length === 0)) return fail('invalid-argument', 'Enter your password.');
  if (rememberPassword !== undefined && typeof rememberPassword !== 'boolean') return fail('invalid-argument', 'rememberPassword must be true or false.');
  return ok({ account: account.value, ...(password !== undefined ? { password } : {}), ...(rememberPassword !== undefined ? { rememberPassword } : {}) });
}

export function parseAccountRequest(request: unknown): Result<AccountId> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which account this is for.');
  return parseAccountId(request.account);
}

export function parseSetEnabled(request: unknown): Result<{ account: AccountId; enabled: boolean }> {
  const account = parseAccountRequest(request);
  if (!account.ok) return account;
  const enabled = isRecord(request) ? request.enabled : undefined;
  if (typeof enabled !== 'boolean') return fail('invalid-argument', 'enabled must be true or false.');
  return ok({ account: account.value, enabled });
}

/** A change of server settings: an absent field stays as it is, null (or an empty host) clears it. */
export interface ServerChange {
  readonly account: AccountId;
  readonly host?: string | null;
  readonly port?: number | null;
  readonly proxy?: AccountProxyInput | null;
}

export function parseUpdateAccount(request: unknown): Result<ServerChange> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which account this is for.');
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  let change: ServerChange = { account: account.value };
  if (request.host !== undefined) {
    const host = parseHost(request.host);
    if (!host.ok) return host;
    change = { ...change, host: host.value ?? null };
  }
  if (request.port !== undefined) {
    const port = parsePort(request.port);
    if (!port.ok) return port;
    change = { ...change, port: port.value ?? null };
  }
  if (request.proxy !== undefined) {
    if (request.proxy === null) change = { ...change, proxy: null };
    else {
      const proxy = parseProxyInput(request.proxy);
      if (!proxy.ok) return proxy;
      change = { ...change, proxy: proxy.value };
    }
  }
  return ok(change);
}

export function parseSetPresence(request: unknown): Result<{ account: AccountId; show: OwnPresenceShow; status?: string }> {
  if (!isRecord(request) || typeof request.show !== 'string' || !OWN_SHOWS.has(request.show)) {
    return fail('invalid-argument', 'Choose Online, Away, Do not disturb or Extended away.');
  }
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  const status = request.status;
  if (status !== undefined && (typeof status !== 'string' || status.length > MAX_STATUS_LENGTH)) {
    return fail('invalid-argument', phrase('A status message may have at most {{max}} characters.', { max: MAX_STATUS_LENGTH }));
  }
  return ok({ account: account.value, show: request.show as OwnPresenceShow, ...(status !== undefined ? { status } : {}) });
}

export function parseSendMessage(request: unknown): Result<{ account: AccountId; to: Jid; body: string }> {
  if (!isRecord(request) || typeof request.to !== 'string' || typeof request.body !== 'string') {
    return fail('invalid-argument', 'A message needs a recipient and a text.');
  }
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  const to = toBareJid(request.to);
  if (to === null) return fail('invalid-jid', phrase('“{{input}}” is not a valid Jabber ID.', { input: request.to }));
  const body = parseBody(request.body);
  return body.ok ? ok({ account: account.value, to, body: body.value }) : body;
}

function parseBody(body: string): Result<string> {
  if (body.trim().length === 0) return fail('invalid-argument', 'The message is empty.');
  if (body.length > MAX_OUTGOING_BODY_LENGTH) return fail('invalid-argument', phrase('The message is too long (at most {{max}} characters).', { max: MAX_OUTGOING_BODY_LENGTH }));
  return ok(body);
}

/** An account and a conversation (a peer's bare JID), the fields every conversation command starts with. */
function parseConversationRef(request: Record<string, unknown>, field: 'conversation' | 'to'): Result<{ account: AccountId; conversation: Jid }> {
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  const raw = request[field];
  const conversation = typeof raw === 'string' ? toBareJid(raw) : null;
  if (conversation === null) return fail('invalid-jid', phrase('“{{input}}” is not a valid Jabber ID.', { input: String(raw) }));
  return ok({ account: account.value, conversation });
}

function parseMessageId(id: unknown): Result<string> {
  return typeof id === 'string' && id.length > 0 && id.length <= 256 ? ok(id) : fail('invalid-argument', 'Say which message (its id).');
}

export function parseCorrectMessage(request: unknown): Result<{ account: AccountId; conversation: Jid; id: string; body: string }> {
  if (!isRecord(request) || typeof request.body !== 'string') return fail('invalid-argument', 'A correction needs the message and its new text.');
  const ref = parseConversationRef(request, 'conversation');
  if (!ref.ok) return ref;
  const id = parseMessageId(request.id);
  if (!id.ok) return id;
  const body = parseBody(request.body);
  return body.ok ? ok({ ...ref.value, id: id.value, body: body.value }) : body;
}

export function parseRetractMessage(request: unknown): Result<{ account: AccountId; conversation: Jid; id: string }> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which message to retract.');
  const ref = parseConversationRef(request, 'conversation');
  if (!ref.ok) return ref;
  const id = parseMessageId(request.id);
  return id.ok ? ok({ ...ref.value, id: id.value }) : id;
}

const CHAT_STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive'];

export function parseSendChatState(request: unknown): Result<{ account: AccountId; conversation: Jid; state: ChatState }> {
  if (!isRecord(request) || !CHAT_STATES.includes(request.state as ChatState)) return fail('invalid-argument', 'A chat state is active, composing, paused or inactive.');
  const ref = parseConversationRef(request, 'to');
  return ref.ok ? ok({ ...ref.value, state: request.state as ChatState }) : ref;
}

export function parseMarkRead(request: unknown): Result<{ account: AccountId; conversation: Jid; sendMarker: boolean }> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which conversation was read.');
  if (request.sendMarker !== undefined && typeof request.sendMarker !== 'boolean') return fail('invalid-argument', 'sendMarker is true or false.');
  const ref = parseConversationRef(request, 'conversation');
  return ref.ok ? ok({ ...ref.value, sendMarker: request.sendMarker !== false }) : ref;
}

/** reconnectNow takes no argument (every account) or `{ account }`. */
export function parseReconnect(request: unknown): Result<AccountId | null> {
  if (request === undefined || request === null) return ok(null);
  if (!isRecord(request)) return fail('invalid-argument', 'Say which account to reconnect, or none for all.');
  if (request.account === undefined) return ok(null);
  return parseAccountId(request.account);
}
