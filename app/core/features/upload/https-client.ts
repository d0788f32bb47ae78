/**
 * HTTPS for files (XEP-0363 PUT, downloads), from the core: the same trust as the XMPP connection (the
 * system's authorities, the company authorities and the certificates the user trusted for the account,
 * verified by stream/tls-trust.ts against the URL's host name) and through the account's proxy where one is
 * set (stream/proxy.ts: the proxy resolves the name). Only `https:`; no redirects followed; bounded sizes.
 */
import { phrase } from '../../../shared/phrase.ts';
import http from 'node:http';
import { connect, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { coreError, CoreError } from '../../errors.ts';
import { connectThroughProxy, type ProxyConfig } from '../../stream/proxy.ts';
import { upgradeToVerifiedTls } from '../../stream/tls-trust.ts';

export interface HttpsTrust {
  readonly trustedCertificates: readonly string[];
  readonly pinnedFingerprints?: readonly string[];
  readonly proxy?: ProxyConfig | null;
  /** For connecting and for each pause in the transfer. */
  readonly timeoutMs: number;
}

export interface TransferControl {
  readonly signal?: AbortSignal;
  /** Bytes sent or received so far (called at most every few dozen kilobytes). */
  readonly progress?: (bytes: number) => void;
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/u, '$1');
const portOf = (url: URL): number => (url.port === '' ? 443 : Number(url.port));

function cancelled(): CoreError {
  return coreError('transfer-failed', 'The transfer was cancelled.');
}

async function connectDirect(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, autoSelectFamily: true });
    const timer = setTimeout(() => fail(coreError('timeout', phrase('{{host}} (port {{port}}) did not answer in time.', { host, port }))), timeoutMs);
    const onAbort = (): void => fail(cancelled());
    const fail = (error: Error): void => {
      cleanup();
      socket.destroy();
      reject(error instanceof CoreError ? error : coreError('transfer-failed', phrase('Could not reach {{host}} (port {{port}}): {{problem}}.', { host, port, problem: error.message })));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', fail);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', fail);
    socket.once('connect', () => {
      cleanup();
      resolve(socket);
    });
  });
}

/** A TLS socket to the URL's host, verified like the XMPP link (tls-trust.ts), through the proxy if set. */
export async function openVerifiedSocket(url: URL, trust: HttpsTrust, signal?: AbortSignal): Promise<TLSSocket> {
  if (url.protocol !== 'https:') throw coreError('transfer-failed', phrase('Only https addresses are used for files, not {{scheme}}.', { scheme: url.protocol.replace(':', '') }));
  if (signal?.aborted === true) throw cancelled();
  const host = hostOf(url);
  const port = portOf(url);
  const raw = trust.proxy
    ? await connectThroughProxy(trust.proxy, host, port, trust.timeoutMs)
    : await connectDirect(host, port, trust.timeoutMs, signal);
  try {
    return await upgradeToVerifiedTls({
      socket: raw,
      domain: host,
      trustedCertificates: trust.trustedCertificates,
      pinnedFingerprints: trust.pinnedFingerprints ?? [],
      timeoutMs: trust.timeoutMs,
      alpnProtocols: ['http/1.1'],
    });
  } catch (error) {
    raw.destroy();
    throw error;
  }
}

interface Exchange {
  readonly method: 'PUT' | 'GET';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** GET: the most bytes accepted. */
  readonly maxBytes?: number;
}

const PROGRESS_STEP = 64 * 1024;
/** How much of a PUT is written before waiting for the socket to drain. */
const WRITE_CHUNK = 64 * 1024;

async function exchange(request: Exchange, trust: HttpsTrust, control: TransferControl): Promise<{ status: number; body: Buffer }> {
  const socket = await openVerifiedSocket(request.url, trust, control.signal);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, value?: { status: number; body: Buffer }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      control.signal?.removeEventListener('abort', onAbort);
      if (error !== null) {
        outgoing.destroy();
        socket.destroy();
        reject(error instanceof CoreError ? error : coreError('transfer-failed', phrase('The transfer with {{host}} failed: {{problem}}.', { host: request.url.host, problem: error.message })));
      } else {
        socket.end();
        resolve(value!);
      }
    };
    let idle: NodeJS.Timeout = setTimeout(() => {}, 0);
    const touch = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => finish(coreError('timeout', phrase('{{host}} stopped answering during the transfer.', { host: request.url.host }))), trust.timeoutMs);
    };
    const onAbort = (): void => finish(cancelled());
    control.signal?.addEventListener('abort', onAbort, { once: true });
    touch();
    const outgoing = http.request({
      method: request.method,
      host: hostOf(request.url),
      port: portOf(request.url),
      path: `${request.url.pathname}${request.url.search}`,
      headers: {
        host: request.url.host,
        ...request.headers,
        ...(request.body !== undefined ? { 'content-length': String(request.body.length) } : {}),
      },
      // No agent: the verified socket, already open, is the connection (node:http speaks HTTP/1.1 over it).
      createConnection: () => socket,
    });
    outgoing.on('error', (error) => finish(error));
    outgoing.on('response', (response) => {
      touch();
      const chunks: Buffer[] = [];
      let received = 0;
      let reported = 0;
      const status = response.statusCode ?? 0;
      const declared = Number(response.headers['content-length']);
      if (request.maxBytes !== undefined && status === 200 && Number.isFinite(declared) && declared > request.maxBytes) {
        finish(coreError('transfer-failed', phrase('The file is larger ({{declared}} bytes) than it was said to be.', { declared })));
        return;
      }
      response.on('data', (chunk: Buffer) => {
        touch();
        received += chunk.length;
        if (request.maxBytes !== undefined && received > request.maxBytes) {
          finish(coreError('transfer-failed', 'The file is larger than it was said to be.'));
          return;
        }
        // Only a successful download's body is kept; an error page is read for a few bytes at most.
        if (status === 200 || chunks.length === 0) chunks.push(chunk);
        if (request.method === 'GET' && received - reported >= PROGRESS_STEP) {
          reported = received;
          control.progress?.(received);
        }
      });
      response.on('end', () => {
        if (request.method === 'GET') control.progress?.(received);
        finish(null, { status, body: Buffer.concat(chunks) });
      });
      response.on('error', (error) => finish(error));
    });
    if (request.body === undefined) {
      outgoing.end();
      return;
    }
    const body = request.body;
    let offset = 0;
    const writeMore = (): void => {
      while (offset < body.length && !settled) {
        const end = Math.min(offset + WRITE_CHUNK, body.length);
        const more = outgoing.write(body.subarray(offset, end));
        offset = end;
        touch();
        control.progress?.(offset);
        if (!more) {
          outgoing.once('drain', writeMore);
          return;
        }
      }
      if (!settled) outgoing.end();
    };
    writeMore();
  });
}

/** PUTs the bytes (XEP-0363 §5); resolves once the service answered 200 or 201. */
export async function httpsPut(url: URL, headers: Readonly<Record<string, string>>, body: Buffer, trust: HttpsTrust, control: TransferControl = {}): Promise<void> {
  const { status } = await exchange({ method: 'PUT', url, headers, body }, trust, control);
  if (status !== 200 && status !== 201) throw coreError('transfer-failed', phrase('The upload service refused the file (HTTP {{status}}).', { status }));
}

/** GETs a file of at most `maxBytes`; a status other than 200 is an error. */
export async function httpsGet(url: URL, maxBytes: number, trust: HttpsTrust, control: TransferControl = {}): Promise<Buffer> {
  const { status, body } = await exchange({ method: 'GET', url, headers: {}, maxBytes }, trust, control);
  if (status !== 200) throw coreError('transfer-failed', phrase('The file could not be fetched (HTTP {{status}}).', { status }));
  return body;
}
