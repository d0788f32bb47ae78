/**
 * Browser mode and the e2e harness: serves the built renderer on 127.0.0.1 and carries the contract
 * over a WebSocket. Only a page served by this host, holding this run's random token, can talk to it:
 * the Host header is checked on every request (DNS rebinding) and the Origin on the WebSocket upgrade.
 */
import { phrase } from '../shared/phrase.ts';
import { appError } from '../shared/result.ts';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createCommandDispatcher, type CommandDispatcher } from '../contract/dispatcher.ts';
import type { JabberService } from '../core/service-types.ts';
import { isCommandName, type EventEnvelope } from '../shared/contract.ts';
import { contentSecurityPolicy } from '../shared/csp.ts';
import { MAX_WIRE_MESSAGE_BYTES, WEBSOCKET_PATH, type CallMessage, type ServerMessage } from '../shared/wire.ts';

export interface WebHostOptions {
  readonly service: JabberService;
  /** The built renderer: index.html, renderer.js, styles.css. */
  readonly rendererDir: string;
  /** The built WebSocket bridge that defines window.jabber in the page. */
  readonly bridgeFile: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included (in the fragment, so it never reaches a log). */
  readonly url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = (): Set<string> => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const securityHeaders = {
      'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (!allowedHosts().has(request.headers.host ?? '')) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const name = pathname === '/' ? 'index.html' : pathname.slice(1);
    // Only plain file names: no directories, no traversal, no dot files.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/u.test(name)) {
      response.writeHead(404, securityHeaders).end();
      return;
    }
    try {
      const file = name === 'bridge.js' ? options.bridgeFile : path.join(options.rendererDir, name);
      let body: Buffer | string = await readFile(file);
      if (name === 'index.html') {
        // The bridge defines window.jabber before the renderer runs (module scripts run in order).
        body = body.toString('utf8').replace('<script', '<script type="module" src="./bridge.js"></script>\n    <script');
      }
      response.writeHead(200, { ...securityHeaders, 'Content-Type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, securityHeaders).end();
    }
  }

  const server = createServer((request, response) => {
    serveStatic(request, response).catch(() => response.writeHead(500).end());
  });

  const dispatch = createCommandDispatcher(options.service);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const allowed =
      url.pathname === WEBSOCKET_PATH &&
      allowedHosts().has(request.headers.host ?? '') &&
      allowedOrigins().has(request.headers.origin ?? '') &&
      tokensEqual(url.searchParams.get('token') ?? '', token);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachClient(ws, options.service, dispatch));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseCall(data: string): CallMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, id, method, args } = value as Record<string, unknown>;
  // Only the envelope is checked here (a page that calls outside the contract is hostile: it is cut off);
  // the arguments are the dispatcher's to check against the command's schema.
  if (type !== 'call' || typeof id !== 'number' || !Number.isSafeInteger(id) || !isCommandName(method)) return null;
  if (!Array.isArray(args)) return null;
  return { type, id, method, args };
}

function attachClient(ws: WebSocket, service: JabberService, dispatch: CommandDispatcher): void {
  const write = (message: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  // Events of one event-loop turn travel in one frame: a flood costs a frame per turn, not per event.
  let pendingEvents: EventEnvelope[] = [];
  const flushEvents = (): void => {
    if (pendingEvents.length === 0) return;
    const events = pendingEvents;
    pendingEvents = [];
    const [only] = events;
    write(events.length === 1 && only !== undefined ? { type: 'event', ...only } : { type: 'events', events });
  };
  const send = (message: ServerMessage): void => {
    // A result never overtakes the events that came before it.
    flushEvents();
    write(message);
  };
  const unsubscribe = service.subscribe((envelope) => {
    pendingEvents.push(envelope);
    if (pendingEvents.length === 1) setImmediate(flushEvents);
  });
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    const call = isBinary ? null : parseCall(data.toString());
    if (call === null) {
      ws.close(1008, 'malformed call');
      return;
    }
    // The dispatcher answers a Result and never rejects; the catch is for a bug in it, so a call is never left unanswered.
    void dispatch(call.method, call.args)
      .catch((error: unknown) => ({ ok: false as const, error: appError('internal', phrase('Unexpected failure: {{problem}}', { problem: String(error) })) }))
      .then((result) => send({ type: 'result', id: call.id, result }));
  });
}
