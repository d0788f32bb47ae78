/**
 * A scripted XMPP server for what no real server sends: it signs a client in (STARTTLS with a test CA's
 * certificate, SASL PLAIN, resource binding, a generic IQ responder) and, at the step a test names, sends
 * whatever bytes the test wants — injected, malformed, huge, spoofed. Loopback only.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/** Where in the sign-in a hostile input goes (each is a point where the client waits for the server). */
export const HOSTILE_STEPS = [
  'header', // instead of (or after) the first stream header
  'features', // the first, plaintext, stream features
  'proceed', // behind <proceed/>, in the clear (STARTTLS injection)
  'tls-header', // the stream header on the encrypted stream
  'tls-features', // the SASL mechanisms
  'sasl', // instead of, or behind, SASL <success/>
  'bound-features', // the features after authentication
  'bind', // the resource binding result
  'session', // once signed in: pushes, messages, results
] as const;
export type HostileStep = (typeof HOSTILE_STEPS)[number];

export const HOSTILE_DOMAIN = 'hostile.test';
export const HOSTILE_USER = 'victim';
export const HOSTILE_JID = `${HOSTILE_USER}@${HOSTILE_DOMAIN}`;
export const HOSTILE_RESOURCE = 'desk';

export interface HostileScript {
  readonly step: HostileStep;
  /** What to send at that step. */
  readonly payload: string | Buffer;
  /** Send the payload instead of the normal answer there (default: right behind it, in the same segment). */
  readonly replace?: boolean;
  /** After the payload: keep serving (session inputs the client should survive), or close the connection soon. */
  readonly then?: 'continue' | 'close';
}

export interface HostileServer {
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** What the server does with the next connections (each connection takes the script current at its start). */
  setScript(script: HostileScript | null): void;
  /** Sends raw data to every signed-in connection (for session inputs on a long-lived session). */
  sendToSession(data: string | Buffer): void;
  /** Stanzas the client sent on signed-in connections, as text. */
  received(): string;
  /** Resolves with the first stanza from a signed-in client matching `pattern` from now on; null after `timeoutMs`. */
  waitForClient(pattern: RegExp, timeoutMs: number): Promise<string | null>;
  /** Connections that got as far as being signed in. */
  sessionsOpened(): number;
  close(): Promise<void>;
}

const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';

const header = (id: string): string =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='${HOSTILE_DOMAIN}' id='${id}' version='1.0' xml:lang='en'>`;
const FEATURES_STARTTLS = `<stream:features><starttls xmlns='${NS_TLS}'><required/></starttls></stream:features>`;
const FEATURES_SASL = `<stream:features><mechanisms xmlns='${NS_SASL}'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`;
const FEATURES_BIND = `<stream:features><bind xmlns='${NS_BIND}'/></stream:features>`;

/** Reads what the client sends, waiting for a pattern; the connection's whole transcript stays available. */
class ClientReader {
  #buffer = '';
  #waiting: { pattern: RegExp; resolve: (match: RegExpExecArray) => void; reject: (error: Error) => void } | null = null;
  #closed = false;

  push(text: string): void {
    this.#buffer += text;
    this.#check();
  }

  close(): void {
    this.#closed = true;
    this.#waiting?.reject(new Error('client closed'));
    this.#waiting = null;
  }

  /** Resolves with the first match of `pattern` in what arrived since the last match, and consumes up to its end. */
  next(pattern: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      if (this.#closed) return reject(new Error('client closed'));
      this.#waiting = { pattern, resolve, reject };
      this.#check();
    });
  }

  #check(): void {
    const waiting = this.#waiting;
    if (waiting === null) return;
    const match = waiting.pattern.exec(this.#buffer);
    if (match === null) return;
    this.#buffer = this.#buffer.slice(match.index + match[0].length);
    this.#waiting = null;
    waiting.resolve(match);
  }
}

/** The generic IQ responder: a roster, a pong, and `service-unavailable` for everything else. */
function answerIq(tag: string, inner: string): string | null {
  const type = /\stype=["']([^"']+)["']/u.exec(tag)?.[1];
  const id = /\sid=["']([^"']*)["']/u.exec(tag)?.[1] ?? '';
  if (type !== 'get' && type !== 'set') return null;
  if (inner.includes('jabber:iq:roster') && type === 'get') {
    return `<iq type='result' id='${id}'><query xmlns='jabber:iq:roster'><item jid='friend@${HOSTILE_DOMAIN}' name='Friend' subscription='both'/></query></iq>`;
  }
  if (inner.includes('urn:xmpp:ping')) return `<iq type='result' id='${id}'/>`;
  return `<iq type='error' id='${id}'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`;
}

export async function startHostileServer(tlsMaterial: { key: string; cert: string }): Promise<HostileServer> {
  let script: HostileScript | null = null;
  let accepted = 0;
  let transcript = '';
  const sockets = new Set<Socket>();
  const sessions = new Set<(data: string | Buffer) => void>();
  const stanzaWaiters = new Set<{ pattern: RegExp; resolve: (stanza: string) => void }>();
  let opened = 0;

  async function serve(raw: Socket, current: HostileScript | null): Promise<void> {
    let socket: Socket = raw;
    const reader = new ClientReader();
    const write = (data: string | Buffer): void => {
      if (!socket.destroyed) socket.write(data);
    };
    const onData = (data: Buffer): void => {
      reader.push(data.toString('utf8'));
      // A client that closes its stream gets ours closed at once, as a real server does.
      if (data.includes('</stream:stream>')) {
        write('</stream:stream>');
        socket.end();
      }
    };
    socket.on('data', onData);
    socket.on('close', () => reader.close());
    /** The normal answer at `step`, with the script's payload instead or behind it, in one write (one segment). */
    const answer = (step: HostileStep, normal: string): boolean => {
      if (current?.step !== step) {
        write(normal);
        return true;
      }
      const payload = typeof current.payload === 'string' ? Buffer.from(current.payload, 'utf8') : current.payload;
      write(current.replace ? payload : Buffer.concat([Buffer.from(normal, 'utf8'), payload]));
      if (current.then === 'continue') return true;
      // Give the client a moment to react to what it got, then hang up: a client that waits is not hung.
      setTimeout(() => socket.destroy(), 50).unref();
      return false;
    };

    await reader.next(/<stream:stream[^>]*>/u);
    if (!answer('header', header('s1')) || !answer('features', FEATURES_STARTTLS)) return;
    await reader.next(/<starttls[^>]*>/u);
    if (!answer('proceed', `<proceed xmlns='${NS_TLS}'/>`)) return;
    socket.off('data', onData);
    const secure = new TLSSocket(socket, { isServer: true, key: tlsMaterial.key, cert: tlsMaterial.cert });
    secure.on('error', () => {});
    socket = secure;
    secure.on('data', onData);
    secure.on('close', () => reader.close());

    await reader.next(/<stream:stream[^>]*>/u);
    if (!answer('tls-header', header('s2')) || !answer('tls-features', FEATURES_SASL)) return;
    await reader.next(/<auth[^>]*>[^<]*<\/auth>/u);
    if (!answer('sasl', `<success xmlns='${NS_SASL}'/>`)) return;
    await reader.next(/<stream:stream[^>]*>/u);
    if (!answer('bound-features', header('s3') + FEATURES_BIND)) return;
    const bind = await reader.next(/<iq[^>]*id=["']([^"']+)["'][^>]*>\s*<bind/u);
    const bound = `<iq type='result' id='${bind[1] ?? ''}'><bind xmlns='${NS_BIND}'><jid>${HOSTILE_JID}/${HOSTILE_RESOURCE}</jid></bind></iq>`;
    if (!answer('bind', bound)) return;

    const push = (data: string | Buffer): void => write(data);
    sessions.add(push);
    opened++;
    socket.on('close', () => sessions.delete(push));
    if (current?.step === 'session' && !answer('session', '')) return;
    for (;;) {
      const stanza = await reader.next(/<(iq|message|presence)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/u);
      transcript += stanza[0];
      for (const waiter of stanzaWaiters) {
        if (waiter.pattern.test(stanza[0])) {
          stanzaWaiters.delete(waiter);
          waiter.resolve(stanza[0]);
        }
      }
      if (stanza[1] === 'iq') {
        const reply = answerIq(stanza[0], stanza[4] ?? '');
        if (reply !== null) write(reply);
      }
    }
  }

  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    serve(socket, script).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => accepted,
    setScript(next) {
      script = next;
    },
    sendToSession(data) {
      for (const push of sessions) push(data);
    },
    received: () => transcript,
    waitForClient(pattern, timeoutMs) {
      return new Promise((resolve) => {
        const waiter = { pattern, resolve: (stanza: string) => resolve(stanza) };
        stanzaWaiters.add(waiter);
        setTimeout(() => {
          if (stanzaWaiters.delete(waiter)) resolve(null);
        }, timeoutMs).unref();
      });
    },
    sessionsOpened: () => opened,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
