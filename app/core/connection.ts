/**
 * Opens an authenticated, bound XMPP stream: TCP → stream → STARTTLS (required) → verified TLS →
 * SASL → resource binding. Credentials are never sent before the certificate has been verified.
 */
import { isIP, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Client, type XmppSocket } from '@xmpp/client-core';
import tcp from '@xmpp/tcp';
import { xml, type Element } from '@xmpp/xml';
import type { ParsedJid } from '../shared/jid.ts';
import { ElementQueue } from './element-queue.ts';
import { CoreError, coreError, toAppError } from './errors.ts';
import { NS } from './parsers/namespaces.ts';
import { connectThroughProxy, type ProxyConfig } from './proxy.ts';
import { parseStanzaError } from './parsers/stanza-error.ts';
import { DIRECT_TLS_PORT, resolveTargets, systemResolver, type ConnectTarget, type Resolver, type SrvResolver } from './resolve.ts';
import { authenticate, createSaslFactory } from './sasl.ts';
import { SecureSocket } from './secure-socket.ts';
import { NS_SM, parseH, type SmSession } from './stream-management.ts';
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
}

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
  if (raw === null) throw coreError('connection-lost', `The connection to ${domain} closed before TLS started.`);
  entity._detachSocket();
  const tlsSocket = await upgradeToVerifiedTls({
    socket: raw,
    domain,
    trustedCertificates: options.trustedCertificates,
    pinnedFingerprints: options.pinnedFingerprints,
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
  // Errors are read through promises; an EventEmitter without an 'error' listener would throw instead.
  const ignore = (): void => {};
  entity.on('error', ignore);
  try {
    if (options.proxy) {
      attachSocket(entity, await connectThroughProxy(options.proxy, address, target.port, options.stepTimeoutMs));
    } else {
      await withTimeout(entity.connect(serviceUri(address, target.port)), options.stepTimeoutMs, () =>
        coreError('timeout', `${target.host} (port ${target.port}) did not answer in time. Check the server name and port, and your network.`),
      );
    }
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
  throw new CoreError(telling ?? { code: 'host-not-found', message: `No server found for ${domain}.` });
}

function isIpAddress(host: string): boolean {
  return isIP(host) !== 0;
}

function isFeatures(element: Element): boolean {
  return element.is('features', NS.streams);
}

async function nextFeatures(queue: ElementQueue, timeoutMs: number): Promise<Element> {
  for (;;) {
    const element = await queue.next(timeoutMs, 'its stream features');
    if (isFeatures(element)) return element;
  }
}

async function startTls(entity: Client, queue: ElementQueue, features: Element, options: ConnectOptions): Promise<TLSSocket> {
  const domain = options.account.domain;
  if (features.getChild('starttls', NS.tls) === undefined) {
    throw coreError(
      'starttls-unavailable',
      `${domain} does not offer an encrypted connection (STARTTLS), so signing in was refused to protect your password. Ask the server administrator to enable TLS.`,
    );
  }
  await entity.send(xml('starttls', { xmlns: NS.tls }));
  const answer = await queue.next(options.stepTimeoutMs, 'an answer to STARTTLS');
  if (!answer.is('proceed', NS.tls)) {
    throw coreError('starttls-unavailable', `${domain} failed to start an encrypted connection (STARTTLS). Signing in was refused to protect your password.`);
  }
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
  // RFC 3921 session establishment: only servers that still require it get the request.
  const session = features.getChild('session', NS.session);
  if (session !== undefined && session.getChild('optional') === undefined) {
    await entity.send(xml('iq', { type: 'set', id: 'session-1' }, xml('session', { xmlns: NS.session })));
    await awaitIq(queue, 'session-1', options.stepTimeoutMs);
  }
  return jid;
}

export async function awaitIq(queue: ElementQueue, id: string, timeoutMs: number): Promise<Element> {
  for (;;) {
    const element = await queue.next(timeoutMs, 'an answer');
    if (!element.is('iq') || element.attrs.id !== id) continue;
    if (element.attrs.type === 'result') return element;
    const error = parseStanzaError(element);
    throw coreError('stream-error', `The server refused the request (${error?.condition ?? 'error'}).`, { condition: error?.condition ?? 'error' });
  }
}

async function resumeStream(entity: Client, queue: ElementQueue, resume: ResumeRequest, timeoutMs: number): Promise<number | null> {
  await entity.send(xml('resume', { xmlns: NS_SM, previd: resume.resumeId, h: String(resume.inboundH) }));
  for (;;) {
    const element = await queue.next(timeoutMs, 'an answer to the resumption request');
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
    const element = await queue.next(timeoutMs, 'an answer to enabling stream management');
    if (element.is('enabled', NS_SM)) {
      const resumable = element.attrs.resume === 'true' || element.attrs.resume === '1';
      const max = Number.parseInt(element.attrs.max ?? '', 10);
      return { resumeId: resumable ? (element.attrs.id ?? null) : null, maxSeconds: Number.isFinite(max) ? max : null };
    }
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
}

/** TCP (or proxy) → direct TLS or STARTTLS → verified certificate → stream features. */
async function secureStream({ entity, tlsSocket: directTls }: Connected, queue: ElementQueue, options: ConnectOptions): Promise<SecureStream> {
  const timeoutMs = options.stepTimeoutMs;
  await entity.open({ domain: options.account.domain, lang: 'en' });
  let tlsSocket = directTls;
  if (tlsSocket === null) {
    tlsSocket = await startTls(entity, queue, await nextFeatures(queue, timeoutMs), options);
    await entity.restart();
  }
  return { entity, queue, tlsSocket, features: await nextFeatures(queue, timeoutMs) };
}

/** SASL, then resumption of the previous stream or resource binding, then stream management. */
async function authenticateAndBind({ entity, queue, tlsSocket, features: saslFeatures }: SecureStream, options: ConnectOptions): Promise<OpenStream> {
  const timeoutMs = options.stepTimeoutMs;
  await authenticate(entity, queue, saslFeatures, { username: options.account.local, password: options.password, token: options.token }, createSaslFactory(), { tlsSocket, timeoutMs });
  await entity.restart();
  const features = await nextFeatures(queue, timeoutMs);
  const smOffered = features.getChild('sm', NS_SM) !== undefined;
  const csi = features.getChild('csi', NS_CSI) !== undefined;
  if (smOffered && options.resume) {
    const serverH = await resumeStream(entity, queue, options.resume, timeoutMs);
    if (serverH !== null) {
      entity._jid(options.resume.jid);
      entity._ready(true);
      return { entity, jid: options.resume.jid, sm: { resumeId: options.resume.resumeId, maxSeconds: null }, resumedServerH: serverH, pending: queue.takeBuffered(), csi };
    }
  }
  const jid = await bindResource(entity, queue, features, options);
  const sm = smOffered ? await enableStreamManagement(entity, queue, timeoutMs) : null;
  entity._jid(jid);
  entity._ready(false);
  return { entity, jid, sm, resumedServerH: null, pending: queue.takeBuffered(), csi };
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
  const ignore = (): void => {};
  entity.on('error', ignore);
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
    entity.off('error', ignore);
  }
}

/** Connects, secures, authenticates and binds (or resumes). */
export function openStream(options: ConnectOptions): Promise<OpenStream> {
  return withSecureStream(options, (stream) => authenticateAndBind(stream, options));
}
