/**
 * Reaching the server through a business network's proxy: SOCKS5 (RFC 1928, username/password
 * RFC 1929) or HTTP CONNECT (RFC 9110 §9.3.6). The proxy resolves the server's name itself, as
 * clients behind such proxies often cannot. TLS then runs end to end through the tunnel.
 */
import { phrase } from '../../shared/phrase.ts';
import { connect, type Socket } from 'node:net';
import { coreError, type CoreError } from '../errors.ts';

export interface ProxyConfig {
  readonly type: 'socks5' | 'http';
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
}

const SOCKS_REPLIES: Record<number, string> = {
  1: 'a general failure',
  2: 'its rules forbid this connection',
  3: 'the network is unreachable from the proxy',
  4: 'the server is unreachable from the proxy',
  5: 'the server refused the connection',
  6: 'the connection timed out',
  7: 'it does not support this command',
  8: 'it does not support this address type',
};

/** Reads exactly `count` bytes, or until `isComplete` says how many make a whole answer. */
class SocketReader {
  #buffer = Buffer.alloc(0);
  #waiter: (() => void) | null = null;
  #failure: Error | null = null;
  readonly #socket: Socket;
  readonly #onData = (data: Buffer): void => {
    this.#buffer = Buffer.concat([this.#buffer, data]);
    this.#waiter?.();
  };
  readonly #onEnd = (): void => {
    this.#failure ??= new Error('the proxy closed the connection');
    this.#waiter?.();
  };

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('close', this.#onEnd);
  }

  async until(isComplete: (buffer: Buffer) => number | null): Promise<Buffer> {
    for (;;) {
      const length = isComplete(this.#buffer);
      if (length !== null) {
        const chunk = this.#buffer.subarray(0, length);
        this.#buffer = this.#buffer.subarray(length);
        return chunk;
      }
      if (this.#failure !== null) throw this.#failure;
      await new Promise<void>((resolve) => (this.#waiter = resolve));
      this.#waiter = null;
    }
  }

  bytes(count: number): Promise<Buffer> {
    return this.until((buffer) => (buffer.length >= count ? count : null));
  }

  /** Stops reading. An XMPP server never speaks first, so bytes already here mean a confused proxy. */
  release(): boolean {
    this.#socket.off('data', this.#onData);
    this.#socket.off('end', this.#onEnd);
    this.#socket.off('close', this.#onEnd);
    return this.#buffer.length === 0;
  }
}

function proxyError(proxy: ProxyConfig, reason: string): CoreError {
  return coreError('proxy-failed', phrase('The {{kind}} proxy {{host}}:{{port}} could not connect you: {{reason}}. Check the proxy settings of this account.', { kind: proxy.type === 'http' ? 'HTTP' : 'SOCKS5', host: proxy.host, port: proxy.port, reason }));
}

async function socks5(socket: Socket, reader: SocketReader, proxy: ProxyConfig, host: string, port: number): Promise<void> {
  const withPassword = proxy.username !== undefined && proxy.username.length > 0;
  socket.write(Buffer.from(withPassword ? [5, 2, 0, 2] : [5, 1, 0]));
  const [version, method] = await reader.bytes(2);
  if (version !== 5) throw proxyError(proxy, 'it does not speak SOCKS5');
  if (method === 2) {
    if (!withPassword) throw proxyError(proxy, 'it requires a user name and password');
    const user = Buffer.from(proxy.username ?? '', 'utf8');
    const pass = Buffer.from(proxy.password ?? '', 'utf8');
    if (user.length > 255 || pass.length > 255) throw proxyError(proxy, 'the user name or password is too long for SOCKS5');
    socket.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([pass.length]), pass]));
    const [, status] = await reader.bytes(2);
    if (status !== 0) throw proxyError(proxy, 'it refused the user name or password');
  } else if (method !== 0) {
    throw proxyError(proxy, 'it accepts none of our authentication methods');
  }
  const name = Buffer.from(host, 'utf8');
  if (name.length > 255) throw proxyError(proxy, 'the server name is too long');
  socket.write(Buffer.concat([Buffer.from([5, 1, 0, 3, name.length]), name, Buffer.from([port >> 8, port & 0xff])]));
  const head = await reader.bytes(4);
  const reply = head[1] ?? 1;
  if (reply !== 0) throw proxyError(proxy, SOCKS_REPLIES[reply] ?? `error ${reply}`);
  const addressType = head[3];
  const addressLength = addressType === 1 ? 4 : addressType === 4 ? 16 : ((await reader.bytes(1))[0] ?? 0);
  await reader.bytes(addressLength + 2);
}

async function httpConnect(socket: Socket, reader: SocketReader, proxy: ProxyConfig, host: string, port: number): Promise<void> {
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const credentials =
    proxy.username !== undefined && proxy.username.length > 0
      ? `Proxy-Authorization: Basic ${Buffer.from(`${proxy.username}:${proxy.password ?? ''}`, 'utf8').toString('base64')}\r\n`
      : '';
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${credentials}\r\n`);
  const head = await reader.until((buffer) => {
    const end = buffer.indexOf('\r\n\r\n');
    if (end >= 0) return end + 4;
    if (buffer.length > 16_384) throw proxyError(proxy, 'its answer is not HTTP');
    return null;
  });
  const status = /^HTTP\/1\.[01] (\d{3})/u.exec(head.toString('latin1'))?.[1];
  if (status === '200') return;
  // 407 is the standard answer; some proxies (tinyproxy) answer 401.
  if (status === '407' || status === '401') throw proxyError(proxy, credentials ? 'it refused the user name or password' : 'it requires a user name and password');
  throw proxyError(proxy, status === undefined ? 'its answer is not HTTP' : `it answered HTTP ${status}`);
}

/** A TCP connection to `host:port` through the proxy, ready for XMPP. */
export async function connectThroughProxy(proxy: ProxyConfig, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const socket = connect({ host: proxy.host, port: proxy.port });
  const timer = setTimeout(() => socket.destroy(proxyError(proxy, 'it did not answer in time')), timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const reader = new SocketReader(socket);
    const failed = new Promise<never>((_, reject) => socket.once('error', reject));
    await Promise.race([proxy.type === 'http' ? httpConnect(socket, reader, proxy, host, port) : socks5(socket, reader, proxy, host, port), failed]);
    if (!reader.release()) throw proxyError(proxy, 'it sent data before the server could have');
    return socket;
  } catch (error) {
    socket.destroy();
    const code = (error as { code?: unknown }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw proxyError(proxy, code === 'ECONNREFUSED' ? 'the proxy refused the connection' : 'the proxy could not be found');
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
