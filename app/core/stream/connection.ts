/**
 * Opens an authenticated, bound XMPP stream: TCP → stream → STARTTLS (required) → verified TLS →
 * SASL → resource binding. Credentials are never sent before the certificate has been verified.
 * When the server offers SASL2 (XEP-0388), authentication, Bind 2 (XEP-0386), stream management and a
 * FAST token (XEP-0484) go in one round trip, and a stored FAST token replaces the password.
 */
import { phrase } from '../../shared/phrase.ts';
import { appError } from '../../shared/result.ts';
import { hostname } from 'node:os';
import { isIP, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Client, type XmppSocket } from '@xmpp/client-core';
import tcp from '@xmpp/tcp';
import { xml, type Element } from '@xmpp/xml';
import { formatBare, parseJid, type ParsedJid } from '../../shared/jid.ts';
import { bind2Request, parseBind2Result, parseInlineResumption, parseSmEnabled } from '../auth/bind2.ts';
import { availableChannelBindings, type ChannelBinding } from '../auth/channel-binding.ts';
import { ElementQueue } from './element-queue.ts';
import { CoreError, coreError, toAppError } from '../errors.ts';
import {
  chooseFastMechanism,
  fastChannelBindingData,
  fastMarker,
  fastTokenRequest,
  isFastTokenExpired,
  parseFastToken,
  type FastOptions,
  type FastToken,
} from '../auth/fast.ts';
import { NS } from '../xml/namespaces.ts';
import { connectThroughProxy, type ProxyConfig } from './proxy.ts';
import { parseStanzaError } from '../xml/stanza-error.ts';
import { DIRECT_TLS_PORT, resolveTargets, systemResolver, type ConnectTarget, type Resolver, type SrvResolver } from './resolve.ts';
import { authenticate, createSaslFactory, offeredChannelBindings, offeredMechanisms } from '../auth/sasl.ts';
import { fastMechanism, parseSasl2Offer, passwordMechanism, runSasl2, type Sasl2Mechanism, type Sasl2Offer, type UserAgent } from '../auth/sasl2.ts';
import { SecureSocket } from './secure-socket.ts';
import { guardStreamParsing } from './stream-guard.ts';
import { NS_SM, parseH, type SmSession } from '../session/stream-management.ts';
import { upgradeToVerifiedTls } from './tls-trust.ts';

export interface ConnectOptions {
  readonly account: ParsedJid;
  readonly password: string;
  /** Sign in with this OAuth token (X-OAUTH2) instead of the password. */
  readonly token?: string;
  readonly host?: string;
  readonly port?: number;
  readonly resource?: string;
  readonly trustedCertificates: readonly string[];
  /** Trust only `trustedCertificates`, not the system's CAs (an organisation's required CA, app/core/policy). */
  readonly exclusiveTrust?: boolean;
  /** SHA-256 fingerprints of certificates the user trusted for this account (see tls-trust.ts). */
  readonly pinnedFingerprints?: readonly string[];
  /** For each network step (TCP connect, each server answer). */
  readonly stepTimeoutMs: number;
  /** DNS for SRV records and host addresses (tests serve their own). */
  readonly resolver?: Resolver;
  /** Only the SRV part of a resolver; addresses then come from the system. */
  readonly resolveSrv?: SrvResolver;
  /** Aborts the attempt (sign-out while signing in). */
  readonly signal?: AbortSignal;
  /** Reach the server through this proxy (the proxy resolves the server's name). */
  readonly proxy?: ProxyConfig | null;
  /** Try to resume this stream instead of binding a new resource. */
  readonly resume?: ResumeRequest | null;
  /**
   * SASL2 `<user-agent id>`: a UUID v4, stable per installation and account. Servers key FAST tokens (and
   * Bind 2 resources) on it, so a token only works with the id it was issued for. Without it, no FAST.
   */
  readonly userAgentId?: string;
  /** FAST (XEP-0484): the stored token to sign in with instead of the password, and where new tokens go. */
  readonly fast?: FastOptions | null;
}

export type { FastOptions, FastToken } from '../auth/fast.ts';

/** How the stream was authenticated: RFC 6120 SASL, SASL2 with the password (or OAuth token), or SASL2 with a FAST token. */
export type AuthenticationMethod = 'sasl' | 'sasl2' | 'fast';

export interface OpenStream {
  readonly entity: Client;
  /** The full JID the server bound (or the resumed session's). */
  readonly jid: string;
  /** Stream management, when the server offered it and enabled or resumed it. */
  readonly sm: SmSession | null;
  /** Set when the previous session was resumed: how many of our stanzas the server had received. */
  readonly resumedServerH: number | null;
  /** Elements that arrived right behind the last negotiation step (e.g. stanzas resent on resumption). */
  readonly pending: readonly Element[];
  /** The server understands client state indication (XEP-0352). */
  readonly csi: boolean;
  /** The server versions the roster (XEP-0237): a cached roster can be brought up to date instead of refetched. */
  readonly rosterVersioning?: boolean;
  readonly authenticatedWith: AuthenticationMethod;
  /** How this stream is secured and what its negotiation offered (the Server features view shows it). */
  readonly link: LinkInfo;
}

/** What the stream's negotiation showed: TLS, authentication, and the stream features on offer. */
export interface LinkInfo {
  /** e.g. `TLSv1.3`. */
  readonly tlsVersion: string | null;
  readonly cipher: string | null;
  /** Direct TLS (XEP-0368) rather than STARTTLS. */
  readonly directTls: boolean;
  readonly authentication: AuthenticationMethod;
  /** The SASL mechanism used (for FAST, the token's). */
  readonly mechanism: string;
  /** The SASL mechanisms the server offered. */
  readonly mechanisms: readonly string[];
  /** XEP-0440 channel-binding types the server advertised; null: not advertised. */
  readonly channelBindings: readonly string[] | null;
  readonly sasl2: boolean;
  readonly bind2: boolean;
  readonly fast: boolean;
  readonly streamManagement: boolean;
  readonly csi: boolean;
  readonly rosterVersioning: boolean;
}

/** The parts of LinkInfo the TLS socket knows. */
function tlsInfo(tlsSocket: TLSSocket, directTls: boolean): Pick<LinkInfo, 'tlsVersion' | 'cipher' | 'directTls'> {
  return { tlsVersion: tlsSocket.getProtocol() ?? null, cipher: tlsSocket.getCipher()?.name ?? null, directTls };
}

/** What is needed to resume a previous stream (XEP-0198). */
export interface ResumeRequest {
  readonly resumeId: string;
  readonly jid: string;
  /** Stanzas we handled on the old stream. */
  readonly inboundH: number;
}

function serviceUri(address: string, port: number): string {
  return `xmpp://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

function destroyEntitySocket(entity: Client): void {
  const socket = entity.socket as unknown as { destroy?: () => void } | null;
  socket?.destroy?.();
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => CoreError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(onTimeout()), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

interface Connected {
  readonly entity: Client;
  /** Set for direct TLS: the stream is encrypted and verified before its first byte. */
  readonly tlsSocket: TLSSocket | null;
}

/** Swaps the entity's TCP socket for a verified TLS socket over it (STARTTLS and direct TLS alike). */
async function secureEntitySocket(entity: Client, options: ConnectOptions, alpn: boolean): Promise<TLSSocket> {
  const domain = options.account.domain;
  const raw = entity.socket as unknown as Socket | null;
  if (raw === null) throw coreError('connection-lost', phrase('The connection to {{domain}} closed before TLS started.', { domain }));
  entity._detachSocket();
  const tlsSocket = await upgradeToVerifiedTls({
    socket: raw,
    domain,
    trustedCertificates: options.trustedCertificates,
    pinnedFingerprints: options.pinnedFingerprints,
    ...(options.exclusiveTrust === true ? { exclusiveTrust: true } : {}),
    timeoutMs: options.stepTimeoutMs,
    alpnProtocols: alpn ? ['xmpp-client'] : undefined,
  });
  entity._attachSocket(new SecureSocket(tlsSocket));
  return tlsSocket;
}

/** Opens a connection to one address of one target; direct TLS targets are secured at once. */
async function connectTo(domain: string, address: string, target: ConnectTarget, options: ConnectOptions): Promise<Connected> {
  const entity = new Client({ domain, lang: 'en', timeout: options.stepTimeoutMs });
  tcp({ entity });
  const GuardedParser = guardStreamParsing(entity);
  // Errors are read through promises; an EventEmitter without an 'error' listener would throw instead.
  const ignore = (): void => {};
  entity.on('error', ignore);
  try {
    if (options.proxy) {
      attachSocket(entity, await connectThroughProxy(options.proxy, address, target.port, options.stepTimeoutMs));
    } else {
      await withTimeout(entity.connect(serviceUri(address, target.port)), options.stepTimeoutMs, () =>
        coreError('timeout', phrase('{{host}} (port {{port}}) did not answer in time. Check the server name and port, and your network.', { host: target.host, port: target.port })),
      );
    }
    // Our parser, not the transport's (connect() just set that one): every stream on this entity is bounded.
    entity.Parser = GuardedParser;
    const tlsSocket = target.directTls ? await secureEntitySocket(entity, options, true) : null;
    return { entity, tlsSocket };
  } catch (error) {
    destroyEntitySocket(entity);
    throw error;
  } finally {
    entity.off('error', ignore);
  }
}

/** Gives the entity a socket we connected ourselves, as xmpp.js's own connect() would have. */
function attachSocket(entity: Client, socket: Socket): void {
  const [Transport] = entity.transports as Array<{ prototype: { Socket: unknown; Parser: unknown } }>;
  if (Transport === undefined) throw coreError('internal', 'No XMPP transport is registered.');
  entity.Transport = Transport;
  entity.Socket = Transport.prototype.Socket;
  entity.Parser = Transport.prototype.Parser;
  entity._attachSocket(socket as unknown as XmppSocket);
  entity._status('connect');
}

/** Tries each target and each of its addresses in order; the first that answers wins. */
async function connectToFirstTarget(targets: readonly ConnectTarget[], options: ConnectOptions, resolver: Resolver): Promise<Connected> {
  const domain = options.account.domain;
  const failures: unknown[] = [];
  for (const target of targets) {
    let addresses: string[];
    try {
      // Behind a proxy the proxy resolves names: the client may not be able to.
      addresses = isIpAddress(target.host) || options.proxy ? [target.host] : await resolver.lookup(target.host);
    } catch (error) {
      failures.push(error);
      continue;
    }
    for (const address of addresses) {
      if (options.signal?.aborted) throw coreError('not-connected', 'Sign-in was cancelled.');
      try {
        return await connectTo(domain, address, target, options);
      } catch (error) {
        // A certificate we cannot trust is an answer, not an outage: trying elsewhere could be a downgrade.
        if (error instanceof CoreError && error.appError.code === 'tls-untrusted') throw error;
        failures.push(error);
      }
    }
  }
  // Report the most telling failure: a refusal or timeout says more than "not found" for a fallback host.
  const where = targets.length === 1 ? (targets[0]?.host ?? domain) : domain;
  const errors = failures.map((failure) => toAppError(failure, where));
  const telling = errors.find((e) => e.code !== 'host-not-found') ?? errors[0];
  throw new CoreError(telling ?? appError('host-not-found', phrase('No server found for {{domain}}.', { domain })));
}

function isIpAddress(host: string): boolean {
  return isIP(host) !== 0;
}

function isFeatures(element: Element): boolean {
  return element.is('features', NS.streams);
}

async function nextFeatures(queue: ElementQueue, timeoutMs: number): Promise<Element> {
  for (;;) {
    const element = await queue.next(timeoutMs, phrase('its stream features'));
    if (isFeatures(element)) return element;
  }
}

async function startTls(entity: Client, queue: ElementQueue, features: Element, options: ConnectOptions): Promise<TLSSocket> {
  const domain = options.account.domain;
  if (features.getChild('starttls', NS.tls) === undefined) {
    throw coreError(
      'starttls-unavailable',
      phrase('{{domain}} does not offer an encrypted connection (STARTTLS), so signing in was refused to protect your password. Ask the server administrator to enable TLS.', { domain }),
    );
  }
  await entity.send(xml('starttls', { xmlns: NS.tls }));
  const answer = await queue.next(options.stepTimeoutMs, phrase('an answer to STARTTLS'));
  if (!answer.is('proceed', NS.tls)) {
    throw coreError('starttls-unavailable', phrase('{{domain}} failed to start an encrypted connection (STARTTLS). Signing in was refused to protect your password.', { domain }));
  }
  // Anything that came behind <proceed/> has already failed the stream (the parser sealed it): never upgrade then.
  queue.ensureNothingFollowed();
  return secureEntitySocket(entity, options, false);
}

async function bindResource(entity: Client, queue: ElementQueue, features: Element, options: ConnectOptions): Promise<string> {
  if (features.getChild('bind', NS.bind) === undefined) throw coreError('stream-error', 'The server did not offer resource binding.', { condition: 'unsupported-feature' });
  const resource = options.resource?.trim();
  await entity.send(
    xml('iq', { type: 'set', id: 'bind-1' }, xml('bind', { xmlns: NS.bind }, resource ? xml('resource', {}, resource) : undefined)),
  );
  const reply = await awaitIq(queue, 'bind-1', options.stepTimeoutMs);
  const jid = reply.getChild('bind', NS.bind)?.getChildText('jid')?.trim();
  if (!jid) throw coreError('stream-error', 'The server did not assign a resource.', { condition: 'bind' });
  requireOwnAddress(jid, options.account);
  // RFC 3921 session establishment: only servers that still require it get the request.
  const session = features.getChild('session', NS.session);
  if (session !== undefined && session.getChild('optional') === undefined) {
    await entity.send(xml('iq', { type: 'set', id: 'session-1' }, xml('session', { xmlns: NS.session })));
    await awaitIq(queue, 'session-1', options.stepTimeoutMs);
  }
  return jid;
}

/**
 * The address the server bound must be the account's own, with a resource: a stream bound to anyone else's
 * address would make every later check of "from our server, for us" (pushes, carbons, archive results) check
 * against the wrong account.
 */
function requireOwnAddress(bound: string, account: ParsedJid): void {
  const parsed = parseJid(bound);
  if (!parsed.ok || parsed.jid.resource === '' || formatBare(parsed.jid) !== formatBare(account)) {
    throw coreError('stream-error', phrase('The server bound the session to another address ({{bound}}) than your account, {{account}}, so it was closed.', { bound: bound.slice(0, 100), account: formatBare(account) }), {
      condition: 'bind',
    });
  }
}

export async function awaitIq(queue: ElementQueue, id: string, timeoutMs: number): Promise<Element> {
  for (;;) {
    const element = await queue.next(timeoutMs, phrase('an answer'));
    if (!element.is('iq') || element.attrs.id !== id) continue;
    if (element.attrs.type === 'result') return element;
    const error = parseStanzaError(element);
    throw coreError('stream-error', phrase('The server refused the request ({{condition}}).', { condition: error?.condition ?? 'error' }), { condition: error?.condition ?? 'error' });
  }
}

async function resumeStream(entity: Client, queue: ElementQueue, resume: ResumeRequest, timeoutMs: number): Promise<number | null> {
  await entity.send(xml('resume', { xmlns: NS_SM, previd: resume.resumeId, h: String(resume.inboundH) }));
  for (;;) {
    const element = await queue.next(timeoutMs, phrase('an answer to the resumption request'));
    if (element.is('resumed', NS_SM)) {
      const h = parseH(element);
      if (h === null) throw coreError('stream-error', 'The server resumed the session with an invalid count.', { condition: 'sm-h' });
      return h;
    }
    if (element.is('failed', NS_SM)) return null;
  }
}

async function enableStreamManagement(entity: Client, queue: ElementQueue, timeoutMs: number): Promise<SmSession | null> {
  await entity.send(xml('enable', { xmlns: NS_SM, resume: 'true' }));
  for (;;) {
    const element = await queue.next(timeoutMs, phrase('an answer to enabling stream management'));
    if (element.is('enabled', NS_SM)) return parseSmEnabled(element);
    if (element.is('failed', NS_SM)) return null;
  }
}

export const NS_CSI = 'urn:xmpp:csi:0';

/** A stream that is connected, encrypted with a verified certificate, and waiting for its next step. */
export interface SecureStream {
  readonly entity: Client;
  readonly queue: ElementQueue;
  readonly tlsSocket: TLSSocket;
  /** The stream features offered on the encrypted stream. */
  readonly features: Element;
  /** Encrypted from the first byte (XEP-0368), not through STARTTLS. */
  readonly directTls: boolean;
}

/** TCP (or proxy) → direct TLS or STARTTLS → verified certificate → stream features. */
async function secureStream({ entity, tlsSocket: directTls }: Connected, queue: ElementQueue, options: ConnectOptions): Promise<SecureStream> {
  const timeoutMs = options.stepTimeoutMs;
  if (directTls !== null) announceAccount(entity, options.account);
  await entity.open({ domain: options.account.domain, lang: 'en' });
  let tlsSocket = directTls;
  if (tlsSocket === null) {
    tlsSocket = await startTls(entity, queue, await nextFeatures(queue, timeoutMs), options);
    announceAccount(entity, options.account);
    await entity.restart();
  }
  return { entity, queue, tlsSocket, features: await nextFeatures(queue, timeoutMs), directTls: directTls !== null };
}

/**
 * RFC 6120 §4.7.1: once the stream is encrypted, its header says who we are (`from`, the bare JID). SASL2
 * servers choose mechanisms by it and FAST needs it (XEP-0484 §5.1). Never before TLS: that would reveal
 * the account to anyone watching.
 */
function announceAccount(entity: Client, account: ParsedJid): void {
  const withHeader = entity as unknown as { headerElement(): Element };
  const headerElement = withHeader.headerElement.bind(entity);
  withHeader.headerElement = () => {
    const header = headerElement();
    header.attrs.from = formatBare(account);
    return header;
  };
}

/**
 * SASL (SASL2 when offered), then resumption of the previous stream or resource binding, then stream
 * management. Exported for tests, which run it on scripted streams.
 */
export async function authenticateAndBind(stream: SecureStream, options: ConnectOptions): Promise<OpenStream> {
  const sasl2 = parseSasl2Offer(stream.features);
  if (sasl2 !== null) return authenticateAndBindSasl2(stream, sasl2, options);
  const { entity, queue, tlsSocket, features: saslFeatures } = stream;
  const timeoutMs = options.stepTimeoutMs;
  requirePassword(options);
  const mechanism = await authenticate(entity, queue, saslFeatures, { username: options.account.local, password: options.password, token: options.token }, createSaslFactory(), { tlsSocket, timeoutMs });
  // RFC 6120 §6.4.6: nothing may come between <success/> and the new stream; the new stream gets a new parser.
  queue.ensureNothingFollowed();
  await entity.restart();
  const features = await nextFeatures(queue, timeoutMs);
  const smOffered = features.getChild('sm', NS_SM) !== undefined;
  const csi = features.getChild('csi', NS_CSI) !== undefined;
  const rosterVersioning = features.getChild('ver', NS.rosterVersioning) !== undefined;
  const link: LinkInfo = {
    ...tlsInfo(tlsSocket, stream.directTls),
    authentication: 'sasl',
    mechanism,
    mechanisms: offeredMechanisms(saslFeatures),
    channelBindings: offeredChannelBindings(saslFeatures),
    sasl2: false,
    bind2: false,
    fast: false,
    streamManagement: smOffered,
    csi,
    rosterVersioning,
  };
  if (smOffered && options.resume) {
    const serverH = await resumeStream(entity, queue, options.resume, timeoutMs);
    if (serverH !== null) {
      entity._jid(options.resume.jid);
      entity._ready(true);
      return {
        entity,
        jid: options.resume.jid,
        sm: { resumeId: options.resume.resumeId, maxSeconds: null },
        resumedServerH: serverH,
        pending: queue.takeBuffered(),
        csi,
        authenticatedWith: 'sasl',
        link,
      };
    }
  }
  const jid = await bindResource(entity, queue, features, options);
  const sm = smOffered ? await enableStreamManagement(entity, queue, timeoutMs) : null;
  entity._jid(jid);
  entity._ready(false);
  return { entity, jid, sm, resumedServerH: null, pending: queue.takeBuffered(), csi, rosterVersioning, authenticatedWith: 'sasl', link };
}

/** Shown by the server in the user's list of signed-in devices (XEP-0388 `<user-agent/>`); never to contacts. */
const SOFTWARE = 'Jabber Desk';

/** The server refused the FAST token: `openStream` tries again with the password on a new connection. */
class FastTokenRefused extends CoreError {}

/** Failures that say nothing about the token: it is kept, and the sign-in fails as it is. */
const TOKEN_NEUTRAL_CONDITIONS = new Set(['temporary-auth-failure', 'aborted', 'fast-responder']);

/** Signed in with a FAST token only (no password stored), but the token cannot be used here: say so, rather than try an empty password. */
function requirePassword(options: ConnectOptions): void {
  if (options.password === '' && options.token === undefined && options.fast?.token) {
    throw coreError(
      'auth-failed',
      phrase("This device's saved sign-in cannot be used with {{domain}} on this connection. Enter your password to sign in.", { domain: options.account.domain }),
      { condition: 'credentials-expired' },
    );
  }
}

/** Like `nextFeatures`, but keeps whatever else arrives first (stanzas resent on resumption precede the features). */
async function nextFeaturesKeeping(queue: ElementQueue, timeoutMs: number, kept: Element[]): Promise<Element> {
  for (;;) {
    const element = await queue.next(timeoutMs, phrase('its stream features'));
    if (isFeatures(element)) return element;
    kept.push(element);
  }
}

/** The stored FAST token, when this connection can use it: the server offers its mechanism and we can compute its binding. */
function usableFastToken(offer: Sasl2Offer, options: ConnectOptions, channelBindings: readonly ChannelBinding[]): { token: FastToken; channelBindingData: Buffer } | null {
  const token = options.fast?.token ?? null;
  if (token === null || options.userAgentId === undefined || options.token !== undefined) return null;
  if (!(offer.fast ?? []).includes(token.mechanism)) return null;
  // With a password at hand, a token we know has expired is not worth a round trip.
  if (options.password !== '' && isFastTokenExpired(token)) return null;
  const channelBindingData = fastChannelBindingData(token.mechanism, channelBindings);
  return channelBindingData === null ? null : { token, channelBindingData };
}

/**
 * SASL2 with everything inline: authentication (FAST token or password), then Bind 2 with stream management,
 * or inline resumption of the previous stream, and a FAST token request. Steps the server cannot do inline
 * (resumption without inline `<sm/>`, a resource the user chose, stream management Bind 2 does not offer)
 * follow as usual on the same stream: SASL2 needs no stream restart.
 */
async function authenticateAndBindSasl2({ entity, queue, tlsSocket, directTls }: SecureStream, offer: Sasl2Offer, options: ConnectOptions): Promise<OpenStream> {
  const timeoutMs = options.stepTimeoutMs;
  const username = options.account.local;
  const channelBindings = availableChannelBindings(tlsSocket);
  const fast = usableFastToken(offer, options, channelBindings);
  if (fast === null) requirePassword(options);
  const mechanism: Sasl2Mechanism =
    fast !== null
      ? fastMechanism(fast.token.mechanism, username, fast.token.token, fast.channelBindingData)
      : passwordMechanism(createSaslFactory(), offer, { username, password: options.password, token: options.token }, { tlsSocket, timeoutMs }, entity.isSecure());

  const resume = options.resume ?? null;
  const inlineResume = resume !== null && offer.inlineResumption;
  // Bind 2 picks the resource itself: a resource the user chose is bound the RFC 6120 way. Resuming without
  // inline <sm/> needs an unbound stream, so Bind 2 waits for the resumption to fail.
  const useBind2 = offer.bind2 !== null && !options.resource?.trim() && (resume === null || inlineResume);
  const inlineSm = useBind2 && (offer.bind2?.inlineFeatures.includes(NS_SM) ?? false);
  // A token for the strongest FAST mechanism this connection can bind; when signing in with a token, the server rotates it itself.
  const tokenMechanism = fast === null && options.fast && options.userAgentId !== undefined ? chooseFastMechanism(offer.fast ?? [], channelBindings) : null;
  const userAgent: UserAgent = { ...(options.userAgentId !== undefined ? { id: options.userAgentId } : {}), software: SOFTWARE, device: hostname() };
  const extensions: Element[] = [];
  if (inlineResume) extensions.push(xml('resume', { xmlns: NS_SM, previd: resume.resumeId, h: String(resume.inboundH) }));
  if (useBind2) extensions.push(bind2Request({ enableSm: inlineSm }));
  if (fast !== null) extensions.push(fastMarker());
  if (tokenMechanism !== null) extensions.push(fastTokenRequest(tokenMechanism));

  let success;
  try {
    success = await runSasl2(entity, queue, mechanism, { userAgent, extensions }, timeoutMs);
  } catch (error) {
    if (fast !== null && error instanceof CoreError && error.appError.code === 'auth-failed' && !TOKEN_NEUTRAL_CONDITIONS.has(error.appError.condition ?? '')) {
      throw new FastTokenRefused(error.appError);
    }
    throw error;
  }
  const authenticatedWith: AuthenticationMethod = fast !== null ? 'fast' : 'sasl2';
  const newToken = parseFastToken(success.element, fast?.token.mechanism ?? tokenMechanism ?? '');
  if (newToken !== null && newToken.mechanism !== '') options.fast?.onToken(newToken);

  const kept: Element[] = [];
  const features = await nextFeaturesKeeping(queue, timeoutMs, kept);
  const smOffered = features.getChild('sm', NS_SM) !== undefined;
  const csi = features.getChild('csi', NS_CSI) !== undefined || (offer.bind2?.inlineFeatures.includes(NS_CSI) ?? false);
  const rosterVersioning = features.getChild('ver', NS.rosterVersioning) !== undefined;
  const link: LinkInfo = {
    ...tlsInfo(tlsSocket, directTls),
    authentication: authenticatedWith,
    mechanism: mechanism.name,
    mechanisms: offer.mechanisms,
    channelBindings: offer.channelBindings,
    sasl2: true,
    bind2: offer.bind2 !== null,
    fast: offer.fast !== null,
    streamManagement: smOffered || (offer.bind2?.inlineFeatures.includes(NS_SM) ?? false),
    csi,
    rosterVersioning,
  };
  const opened = (jid: string, sm: SmSession | null, resumedServerH: number | null): OpenStream => {
    entity._jid(jid);
    entity._ready(resumedServerH !== null);
    return { entity, jid, sm, resumedServerH, pending: [...kept, ...queue.takeBuffered()], csi, rosterVersioning, authenticatedWith, link };
  };

  const resumption = inlineResume ? parseInlineResumption(success.element) : null;
  if (resume !== null && resumption !== null && 'resumedH' in resumption) {
    if (resumption.resumedH === null) throw coreError('stream-error', 'The server resumed the session with an invalid count.', { condition: 'sm-h' });
    return opened(resume.jid, { resumeId: resume.resumeId, maxSeconds: null }, resumption.resumedH);
  }
  const bound = useBind2 ? parseBind2Result(success.element) : null;
  if (bound !== null) {
    if (!bound.bound) {
      throw coreError('stream-error', phrase('The server could not bind a resource ({{condition}}).', { condition: bound.failureCondition ?? 'error' }), { condition: bound.failureCondition ?? 'bind' });
    }
    const jid = success.authorizationIdentifier;
    if (jid === null || !jid.includes('/')) throw coreError('stream-error', 'The server did not assign a resource.', { condition: 'bind' });
    requireOwnAddress(jid, options.account);
    const inline = bound.sm;
    const sm = inline !== null && 'enabled' in inline ? inline.enabled : inline === null && smOffered ? await enableStreamManagement(entity, queue, timeoutMs) : null;
    return opened(jid, sm, null);
  }
  // No Bind 2: resume the RFC 6120 way, or bind a resource, then enable stream management.
  if (resume !== null && !inlineResume && smOffered) {
    const serverH = await resumeStream(entity, queue, resume, timeoutMs);
    if (serverH !== null) return opened(resume.jid, { resumeId: resume.resumeId, maxSeconds: null }, serverH);
  }
  const jid = await bindResource(entity, queue, features, options);
  const sm = smOffered ? await enableStreamManagement(entity, queue, timeoutMs) : null;
  return opened(jid, sm, null);
}

/**
 * Connects to the account's server with a verified, encrypted stream and hands it to `next`.
 * On any failure everything opened is closed again.
 */
export async function withSecureStream<T>(options: ConnectOptions, next: (stream: SecureStream) => Promise<T>): Promise<T> {
  const { domain } = options.account;
  const resolver = options.resolver ?? (options.resolveSrv ? { ...systemResolver, resolveSrv: options.resolveSrv } : systemResolver);
  const targets: ConnectTarget[] = options.host
    ? [{ host: options.host, port: options.port ?? 5222, directTls: options.port === DIRECT_TLS_PORT }]
    : await resolveTargets(domain, resolver);
  if (options.signal?.aborted) throw coreError('not-connected', 'Sign-in was cancelled.');
  const connected = await connectToFirstTarget(targets, options, resolver);
  const { entity } = connected;
  // Stays for the entity's whole life: a socket that fails after its owner let go of it (a reset while
  // closing, say) must not become an unhandled 'error' event that takes the whole process down.
  // Owners add their own listeners next to it.
  entity.on('error', () => {});
  const queue = new ElementQueue(entity);
  const abort = (): void => queue.abort(coreError('not-connected', 'Sign-in was cancelled.'));
  options.signal?.addEventListener('abort', abort);
  try {
    return await next(await secureStream(connected, queue, options));
  } catch (error) {
    destroyEntitySocket(entity);
    throw error instanceof CoreError ? error : new CoreError(toAppError(error, options.host ?? domain));
  } finally {
    options.signal?.removeEventListener('abort', abort);
    queue.dispose();
  }
}

/**
 * Connects, secures, authenticates and binds (or resumes). A FAST token the server refuses is reported
 * (`fast.onTokenRejected`) and, when there is a password, the sign-in starts over on a new connection with
 * it (asking for a new token): Prosody's SASL2 cannot start a second exchange on the same stream.
 */
export async function openStream(options: ConnectOptions): Promise<OpenStream> {
  try {
    return await withSecureStream(options, (stream) => authenticateAndBind(stream, options));
  } catch (error) {
    if (!(error instanceof FastTokenRefused) || !options.fast) throw error;
    options.fast.onTokenRejected?.();
    if (options.password === '') {
      throw coreError('auth-failed', `The server no longer accepts this device's saved sign-in. Enter your password to sign in again.`, {
        condition: error.appError.condition ?? 'not-authorized',
      });
    }
    const { fast } = options;
    const withPassword: ConnectOptions = { ...options, fast: { token: null, onToken: (token) => fast.onToken(token) } };
    return withSecureStream(withPassword, (stream) => authenticateAndBind(stream, withPassword));
  }
}
