// Proves the ejabberd harness (ejabberd.ts) with a scripted client on raw sockets: STARTTLS and direct TLS,
// the SASL mechanisms ejabberd 23.01 offers, SCRAM-*-PLUS channel binding, and X-OAUTH2 with a token from
// `ejabberdctl oauth_issue_token`. It starts its own servers; the integration project's Prosody is not used.

import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ejabberdctlBatch, startEjabberd } from './ejabberd.ts';
import type { EjabberdServer } from './ejabberd.ts';

const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';

describe('ejabberd test server (plain password storage, TLS 1.2 and 1.3)', () => {
  let server: EjabberdServer;

  beforeAll(async () => {
    server = await startEjabberd();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  it('describes itself', () => {
    expect(server.software).toBe('ejabberd');
    expect(server.version).toMatch(/^23\.01/);
    expect(server.domain).toBe('example.test');
    expect(server.host).toBe('127.0.0.1');
    expect(server.mucDomain).toBe('conference.example.test');
    expect(new Set([server.c2sPort, server.directTlsPort, server.distPort]).size).toBe(3);
    expect(server.websocketUrl).toBeUndefined();
    expect(server.caCertPem).toContain('-----BEGIN CERTIFICATE-----');
    expect(server.node).toMatch(/^ejabberd-test-[0-9a-f]+@localhost$/);
  });

  it('requires STARTTLS on c2sPort, then offers every SCRAM variant with -PLUS, PLAIN and X-OAUTH2', async () => {
    const plain = await XmppStream.open(connectTcp({ host: server.host, port: server.c2sPort }), 'connect');
    expect(plain.features).toContain("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>");
    expect(plain.features).not.toContain(SASL_NS);
    const stream = await plain.startTls(server.caCertPem);
    expect(stream.tls.getProtocol()).toBe('TLSv1.3');
    expect(stream.mechanisms()).toEqual([
      'PLAIN',
      'SCRAM-SHA-512-PLUS', 'SCRAM-SHA-512',
      'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256',
      'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1',
      'X-OAUTH2',
    ]);
    // No XEP-0440 (channel-binding types) and no XEP-0474 (downgrade protection) in 23.01, and no SASL2.
    expect(stream.features).not.toContain('urn:xmpp:sasl-cb:0');
    expect(stream.features).not.toContain('urn:xmpp:sasl:2');
    stream.close();
  });

  it('speaks direct TLS on directTlsPort (TLS 1.3, certificate for example.test; no ALPN selected)', async () => {
    const stream = await XmppStream.directTls(server, server.directTlsPort);
    expect(stream.tls.getProtocol()).toBe('TLSv1.3');
    expect(stream.tls.authorized).toBe(true);
    // ejabberd 23.01 ignores the client's ALPN offer: it selects no protocol, and the connection proceeds.
    expect(stream.tls.alpnProtocol).toBe(false);
    expect(stream.mechanisms()).toContain('SCRAM-SHA-1-PLUS');
    expect(stream.mechanisms()).toContain('X-OAUTH2');
    stream.close();
  });

  it('signs in with SCRAM-SHA-1 and PLAIN, and refuses a wrong password', async () => {
    const { alice } = server.accounts;
    expect(await signIn(server, (s) => s.scram('SHA-1', alice.username, alice.password))).toBe('success');
    expect(await signIn(server, (s) => s.plain(alice.username, alice.password))).toBe('success');
    expect(await signIn(server, (s) => s.scram('SHA-256', alice.username, 'wrong'))).toMatch(/not-authorized/);
  });

  it('binds SCRAM-*-PLUS to tls-unique only, also on TLS 1.3 (the client\'s Finished message)', async () => {
    const { bob } = server.accounts;
    for (const hash of ['SHA-1', 'SHA-256', 'SHA-512'] as const) {
      expect(await signIn(server, (s) => s.scram(hash, bob.username, bob.password, 'tls-unique'))).toBe('success');
    }
    // RFC 9266's tls-exporter (what TLS 1.3 should use) and tls-server-end-point are refused.
    expect(await signIn(server, (s) => s.scram('SHA-256', bob.username, bob.password, 'tls-exporter')))
      .toMatch(/Invalid channel binding/);
    expect(await signIn(server, (s) => s.scram('SHA-256', bob.username, bob.password, 'tls-server-end-point')))
      .toMatch(/Invalid channel binding/);
  });

  it('issues OAuth tokens that sign in with X-OAUTH2, for their own user only', async () => {
    const token = await server.issueOAuthToken('alice');
    expect(typeof token).toBe('string');
    expect(token.length).toBeGreaterThan(0);
    // The initial response is PLAIN-like: [authzid] NUL username NUL token (username may be the bare JID).
    expect(await signIn(server, (s) => s.auth('X-OAUTH2', `\0alice\0${token}`))).toBe('success');
    expect(await signIn(server, (s) => s.auth('X-OAUTH2', `\0alice@example.test\0${token}`))).toBe('success');
    expect(await signIn(server, (s) => s.auth('X-OAUTH2', `\0bob\0${token}`))).toMatch(/Invalid token/);
    expect(await signIn(server, (s) => s.auth('X-OAUTH2', `\0alice\0x${token}`))).toMatch(/Invalid token/);
    expect(await signIn(server, (s) => s.auth('X-OAUTH2', token))).toMatch(/not-authorized/);
  });

  it('has alice and bob as mutual contacts named "Bob" and "Alice"', async () => {
    // One Erlang client VM for the three commands (each ejabberdctl call would boot one).
    const rosters = await ejabberdctlBatch(server, ['alice', 'bob', 'carol'].map((u) => ['get_roster', u, 'example.test']));
    expect(rosters).toEqual([
      { code: 0, output: 'bob@example.test\tBob\tboth\tundefined\t' },
      { code: 0, output: 'alice@example.test\tAlice\tboth\tundefined\t' },
      { code: 0, output: '' },
    ]);
    expect(await server.ctl(['registered_users', 'example.test'])).toBe('alice\nbob\ncarol');
  });

  it('restarts on the same ports, keeping accounts and tokens', async () => {
    const token = await server.issueOAuthToken('carol', { ttlSeconds: 600 });
    const pid = server.pid;
    await server.restart();
    expect(server.pid).not.toBe(pid);
    expect(await signIn(server, (s) => s.auth('X-OAUTH2', `\0carol\0${token}`))).toBe('success');
    const { carol } = server.accounts;
    expect(await signIn(server, (s) => s.scram('SHA-1', carol.username, carol.password, 'tls-unique'))).toBe('success');
  }, 60_000);
});

describe('ejabberd test server (SCRAM password storage, TLS 1.2 only)', () => {
  let server: EjabberdServer;

  beforeAll(async () => {
    server = await startEjabberd({ tlsMaxVersion: 'TLSv1.2', passwordFormat: 'scram', scramHash: 'sha' });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  it('offers only SCRAM-SHA-1(-PLUS), PLAIN and X-OAUTH2, over TLS 1.2 on both ports', async () => {
    const plain = await XmppStream.open(connectTcp({ host: server.host, port: server.c2sPort }), 'connect');
    const stream = await plain.startTls(server.caCertPem);
    expect(stream.tls.getProtocol()).toBe('TLSv1.2');
    expect(stream.mechanisms()).toEqual(['PLAIN', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1', 'X-OAUTH2']);
    stream.close();
    const direct = await XmppStream.directTls(server, server.directTlsPort);
    expect(direct.tls.getProtocol()).toBe('TLSv1.2');
    direct.close();
    const { alice } = server.accounts;
    expect(await signIn(server, (s) => s.scram('SHA-1', alice.username, alice.password, 'tls-unique'))).toBe('success');
    const token = await server.issueOAuthToken('alice@example.test');
    expect(await signIn(server, (s) => s.auth('X-OAUTH2', `\0alice\0${token}`))).toBe('success');
  });
});

// ---------------------------------------------------------------------------------------------------------
// A minimal scripted client: just enough XMPP and SASL to check what the server offers and accepts.

type Outcome = 'success' | string;

/** Connects with direct TLS, runs one SASL exchange, closes; resolves 'success' or the <failure/> XML. */
async function signIn(server: EjabberdServer, exchange: (s: XmppStream) => Promise<Outcome>): Promise<Outcome> {
  const stream = await XmppStream.directTls(server, server.directTlsPort);
  try {
    return await exchange(stream);
  } finally {
    stream.close();
  }
}

class XmppStream {
  features = '';
  private buffer = '';
  private waiting: (() => void) | undefined;
  private readonly onData = (chunk: Buffer): void => {
    this.buffer += chunk.toString();
    this.waiting?.();
  };

  private constructor(readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('error', () => this.waiting?.());
  }

  get tls(): TLSSocket {
    return this.socket as TLSSocket;
  }

  static async open(socket: Socket, readyEvent: 'connect' | 'secureConnect'): Promise<XmppStream> {
    await new Promise<void>((resolve, reject) => {
      socket.once(readyEvent, () => resolve());
      socket.once('error', reject);
    });
    const stream = new XmppStream(socket);
    await stream.restart();
    return stream;
  }

  static directTls(server: EjabberdServer, port: number): Promise<XmppStream> {
    const socket = connectTls({
      host: server.host, port, servername: server.domain, ca: server.caCertPem, ALPNProtocols: ['xmpp-client'],
    });
    return XmppStream.open(socket, 'secureConnect');
  }

  async restart(): Promise<void> {
    this.socket.write(`<?xml version='1.0'?><stream:stream to='example.test' xmlns='jabber:client' `
      + `xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`);
    this.features = (await this.read(/<stream:features>[\s\S]*?<\/stream:features>|<stream:features\/>/))[0];
  }

  async startTls(ca: string): Promise<XmppStream> {
    this.socket.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await this.read(/<proceed [^>]*\/>/);
    this.socket.off('data', this.onData);
    const tls = connectTls({ socket: this.socket, servername: 'example.test', ca });
    return XmppStream.open(tls, 'secureConnect');
  }

  mechanisms(): string[] {
    return [...this.features.matchAll(/<mechanism>([^<]+)<\/mechanism>/g)].map((m) => m[1] ?? '');
  }

  /** One-step SASL (PLAIN, X-OAUTH2): sends the initial response, resolves 'success' or the failure XML. */
  async auth(mechanism: string, initialResponse: string): Promise<Outcome> {
    this.socket.write(`<auth xmlns='${SASL_NS}' mechanism='${mechanism}'>`
      + `${Buffer.from(initialResponse).toString('base64')}</auth>`);
    return this.outcome();
  }

  plain(user: string, password: string): Promise<Outcome> {
    return this.auth('PLAIN', `\0${user}\0${password}`);
  }

  /** SCRAM (RFC 5802); with a channel-binding type it is the -PLUS variant. */
  async scram(hash: 'SHA-1' | 'SHA-256' | 'SHA-512', user: string, password: string,
    binding?: 'tls-unique' | 'tls-exporter' | 'tls-server-end-point'): Promise<Outcome> {
    const algorithm = hash.replace('-', '').toLowerCase();
    const gs2 = binding ? `p=${binding},,` : 'n,,';
    const cbData = binding ? channelBinding(this.tls, binding) : Buffer.alloc(0);
    const clientFirstBare = `n=${user},r=${randomBytes(18).toString('base64')}`;
    const first = await this.auth(`SCRAM-${hash}${binding ? '-PLUS' : ''}`, gs2 + clientFirstBare);
    if (!first.startsWith('challenge:')) return first;
    const serverFirst = first.slice('challenge:'.length);
    const attrs = new Map(serverFirst.split(',').map((kv) => [kv.slice(0, 1), kv.slice(2)]));
    const salted = pbkdf2Sync(password, Buffer.from(attrs.get('s') ?? '', 'base64'), Number(attrs.get('i')),
      createHash(algorithm).digest().length, algorithm);
    const clientKey = createHmac(algorithm, salted).update('Client Key').digest();
    const storedKey = createHash(algorithm).update(clientKey).digest();
    const withoutProof = `c=${Buffer.concat([Buffer.from(gs2), cbData]).toString('base64')},r=${attrs.get('r')}`;
    const signature = createHmac(algorithm, storedKey).update(`${clientFirstBare},${serverFirst},${withoutProof}`).digest();
    const proof = Buffer.from(clientKey.map((byte, i) => byte ^ (signature[i] ?? 0)));
    this.socket.write(`<response xmlns='${SASL_NS}'>`
      + `${Buffer.from(`${withoutProof},p=${proof.toString('base64')}`).toString('base64')}</response>`);
    return this.outcome();
  }

  close(): void {
    this.socket.destroy();
  }

  private async outcome(): Promise<Outcome> {
    const [xml, challenge] = await this.read(
      /<success[^>]*\/>|<success[^>]*>[^<]*<\/success>|<challenge[^>]*>([^<]*)<\/challenge>|<failure[\s\S]*?<\/failure>/);
    if (xml.startsWith('<success')) return 'success';
    if (xml.startsWith('<challenge')) return `challenge:${Buffer.from(challenge ?? '', 'base64').toString()}`;
    return xml;
  }

  /** Waits until the unread input matches `re`; consumes it up to the end of the match. */
  private async read(re: RegExp, timeoutMs = 5000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = re.exec(this.buffer);
      if (match) {
        this.buffer = this.buffer.slice(match.index + match[0].length);
        return match;
      }
      if (this.socket.destroyed || Date.now() > deadline) {
        throw new Error(`expected ${re} from the server, got: ${this.buffer || '(nothing)'}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()) + 1);
        this.waiting = () => { clearTimeout(timer); resolve(); };
      });
      this.waiting = undefined;
    }
  }
}

function channelBinding(tls: TLSSocket, type: 'tls-unique' | 'tls-exporter' | 'tls-server-end-point'): Buffer {
  switch (type) {
    // RFC 5929: the first Finished message of the handshake, on a full TLS 1.2 handshake the client's (the one we
    // sent). TLS 1.3 has no tls-unique; ejabberd 23.01 takes the client's Finished message there too.
    case 'tls-unique': return tls.getFinished() ?? Buffer.alloc(0);
    // RFC 9266: 32 bytes exported with this label and no context (on TLS 1.3 the same as an empty one).
    case 'tls-exporter': return tls.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0));
    // Hash of the server certificate (SHA-256 for its ecdsa-with-SHA256 signature).
    case 'tls-server-end-point': return createHash('sha256').update(tls.getPeerCertificate().raw).digest();
  }
}
