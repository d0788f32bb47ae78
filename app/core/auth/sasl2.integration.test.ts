/**
 * SASL2 (XEP-0388), Bind 2 (XEP-0386) and FAST (XEP-0484) against a real Prosody 0.12 with prosody-modules'
 * mod_sasl2, mod_sasl2_bind2 and mod_sasl2_fast (and the compatibility module e2e/server/prosody.ts adds for
 * 0.12). This file starts its own Prosody with them; the shared test server stays RFC 6120 SASL only.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeServer } from '../../../e2e/fake-xmpp-server.ts';
import { startPeer, type Peer } from '../../../e2e/peer.ts';
import { createAccount, startProsody, type TestServer } from '../../../e2e/server/prosody.ts';
import { startTcpRelay, type TcpRelay } from '../../../e2e/tcp-relay.ts';
import type { ChatMessage, Contact } from '../../shared/contract.ts';
import { parseAccountJid, type ParsedJid } from '../../shared/jid.ts';
import { openStream, type ConnectOptions, type FastToken, type OpenStream } from '../stream/connection.ts';
import { CoreError } from '../errors.ts';
import { startSession, type SessionEvents } from '../session/session.ts';
import { contactsInto } from '../service-test-support.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startProsody({ sasl2: true });
});
afterAll(async () => {
  await server?.stop();
});

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

function accountOf(jid: string): ParsedJid {
  const parsed = parseAccountJid(jid);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.jid;
}

/** What the account layer keeps for FAST: the token it stored, and what the hooks reported. */
function tokenStore(initial: FastToken | null = null) {
  const store = { token: initial, issued: [] as FastToken[], rejected: 0 };
  const fast = {
    token: initial,
    onToken(token: FastToken) {
      store.token = token;
      store.issued.push(token);
    },
    onTokenRejected() {
      store.token = null;
      store.rejected += 1;
    },
  };
  return { store, fast };
}

function options(overrides: Partial<ConnectOptions> & Pick<ConnectOptions, 'password'>, target: Pick<TestServer, 'host' | 'c2sPort' | 'caCertPem'> = server): ConnectOptions {
  return {
    account: accountOf('alice@example.test'),
    host: target.host,
    port: target.c2sPort,
    trustedCertificates: [target.caCertPem],
    stepTimeoutMs: 5_000,
    ...overrides,
  };
}

async function open(connectOptions: ConnectOptions): Promise<OpenStream> {
  const opened = await openStream(connectOptions);
  // A later stream of the same user agent gets the same resource and replaces this one (stream error "conflict").
  opened.entity.on('error', () => {});
  cleanups.push(() => opened.entity.stop());
  return opened;
}

async function failureOf(run: Promise<unknown>): Promise<CoreError['appError']> {
  const error: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CoreError)) throw new Error(`expected a CoreError, got ${String(error)}`);
  return error.appError;
}

/** Prosody's debug log: what it received, line by line. */
function received(pattern: RegExp): string[] {
  return readFileSync(server.logFile, 'utf8')
    .split('\n')
    .filter((line) => /\tReceived\[/u.test(line) && pattern.test(line));
}

const AUTHENTICATE = /<authenticate [^>]*xmlns='urn:xmpp:sasl:2'/u;
const RESPONSE = /<response [^>]*xmlns='urn:xmpp:sasl:2'/u;
const RESUME = /<resume [^>]*xmlns='urn:xmpp:sm:3'/u;
const mechanismOf = (line: string): string | undefined => /mechanism='([^']+)'/u.exec(line)?.[1];

describe('SASL2, Bind 2 and FAST against Prosody', () => {
  // One installation of the app, as the account layer would keep it: a stable user-agent id and a token store.
  const userAgentId = randomUUID();
  let firstToken: FastToken | null = null;
  let boundJid = '';

  it('signs in with SASL2 and Bind 2 in one round trip, and gets a FAST token', async () => {
    const before = received(AUTHENTICATE).length;
    const { store, fast } = tokenStore();
    const opened = await open(options({ password: server.accounts.alice.password, userAgentId, fast }));

    expect(opened.authenticatedWith).toBe('sasl2');
    // Bind 2 chose the resource: our tag plus an id Prosody derives from the user-agent id.
    expect(opened.jid).toMatch(/^alice@example\.test\/Jabber Desk~.+$/u);
    // Prosody 0.12 cannot enable stream management inline (no mod_sasl2_sm): enabled right after, as usual.
    expect(opened.sm?.resumeId).toEqual(expect.any(String));
    expect(opened.csi).toBe(true);

    const sent = received(AUTHENTICATE).slice(before);
    expect(sent).toHaveLength(1);
    expect(mechanismOf(sent[0] ?? '')).toBe('SCRAM-SHA-1');
    // The password path is the RFC 6120 one's: never the legacy <auth/> on this server.
    expect(received(/<auth [^>]*xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/u)).toEqual([]);

    expect(store.issued).toHaveLength(1);
    const token = store.issued[0];
    // TLS 1.3: the strongest FAST mechanism Prosody offers is bound to the channel with tls-exporter.
    expect(token).toMatchObject({ mechanism: 'HT-SHA-256-EXPR', token: expect.stringMatching(/^secret-token:fast-/u) });
    expect(Date.parse(token?.expiry ?? '')).toBeGreaterThan(Date.now());
    firstToken = token ?? null;
    boundJid = opened.jid;
  });

  it('signs in with the token and a wrong password: FAST, no password round trip', async () => {
    if (firstToken === null) throw new Error('needs the token of the first test');
    const before = received(AUTHENTICATE).length;
    const responsesBefore = received(RESPONSE).length;
    const { store, fast } = tokenStore(firstToken);
    const opened = await open(options({ password: 'not-the-password', userAgentId, fast }));

    expect(opened.authenticatedWith).toBe('fast');
    // The same user agent gets the same resource.
    expect(opened.jid).toBe(boundJid);
    const sent = received(AUTHENTICATE).slice(before);
    expect(sent.map(mechanismOf)).toEqual(['HT-SHA-256-EXPR']);
    // One message from us: no challenge was answered.
    expect(received(RESPONSE)).toHaveLength(responsesBefore);
    expect(store.rejected).toBe(0);
  });

  it('signs in with the token alone, when no password is stored', async () => {
    if (firstToken === null) throw new Error('needs the token of the first test');
    const { fast } = tokenStore(firstToken);
    const opened = await open(options({ password: '', userAgentId, fast }));
    expect(opened.authenticatedWith).toBe('fast');
  });

  it('falls back to the password when the token is refused, and gets a new token', async () => {
    if (firstToken === null) throw new Error('needs the token of the first test');
    const before = received(AUTHENTICATE).length;
    const stale: FastToken = { ...firstToken, token: 'secret-token:fast-revoked-long-ago' };
    const { store, fast } = tokenStore(stale);
    const opened = await open(options({ password: server.accounts.alice.password, userAgentId, fast }));

    expect(opened.authenticatedWith).toBe('sasl2');
    expect(store.rejected).toBe(1);
    expect(store.issued).toHaveLength(1);
    expect(store.token?.token).not.toBe(stale.token);
    expect(store.token?.token).not.toBe(firstToken.token);
    // The refused token, then the password on a new connection (Prosody cannot start over on the same stream).
    expect(received(AUTHENTICATE).slice(before).map(mechanismOf)).toEqual(['HT-SHA-256-EXPR', 'SCRAM-SHA-1']);

    // The new token works.
    const again = await open(options({ password: '', userAgentId, fast: tokenStore(store.token).fast }));
    expect(again.authenticatedWith).toBe('fast');
  });

  it('a refused token without a password asks for the password', async () => {
    const { store, fast } = tokenStore({ mechanism: 'HT-SHA-256-EXPR', token: 'secret-token:fast-unknown', expiry: '2099-01-01T00:00:00Z' });
    const error = await failureOf(openStream(options({ password: '', userAgentId, fast })));
    expect(error).toMatchObject({ code: 'auth-failed' });
    expect(error.message).toMatch(/Enter your password/u);
    expect(store.rejected).toBe(1);
  });

  it('a token this connection cannot use (its mechanism is not offered), and no password: asks for the password', async () => {
    // Prosody offers HT-SHA-256-UNIQ only on TLS 1.2; this connection is TLS 1.3.
    const { store, fast } = tokenStore({ mechanism: 'HT-SHA-256-UNIQ', token: 'secret-token:fast-for-tls-1.2', expiry: '2099-01-01T00:00:00Z' });
    const before = received(AUTHENTICATE).length;
    const error = await failureOf(openStream(options({ password: '', userAgentId, fast })));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'credentials-expired' });
    expect(error.message).toMatch(/Enter your password/u);
    // Nothing was tried: no empty password, and the token is kept for a connection that can use it.
    expect(received(AUTHENTICATE)).toHaveLength(before);
    expect(store.rejected).toBe(0);
  });

  it('a refused token and a wrong password: wrong password', async () => {
    const { fast } = tokenStore({ mechanism: 'HT-SHA-256-EXPR', token: 'secret-token:fast-unknown', expiry: '2099-01-01T00:00:00Z' });
    const error = await failureOf(openStream(options({ password: 'not-the-password', userAgentId, fast })));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'not-authorized' });
  });

  it('a token for another user agent is refused (tokens are per installation)', async () => {
    if (firstToken === null) throw new Error('needs the token of the first test');
    const { store, fast } = tokenStore(firstToken);
    const opened = await open(options({ password: server.accounts.alice.password, userAgentId: randomUUID(), fast }));
    expect(opened.authenticatedWith).toBe('sasl2');
    expect(store.rejected).toBe(1);
  });

  it('a resource the user chose is bound the RFC 6120 way after SASL2', async () => {
    const opened = await open(options({ password: server.accounts.alice.password, userAgentId, resource: 'desk' }));
    expect(opened.authenticatedWith).toBe('sasl2');
    expect(opened.jid).toBe('alice@example.test/desk');
  });

  it('names the account in the stream header only once the stream is encrypted', async () => {
    const fake = await startFakeServer('no-starttls');
    cleanups.push(() => fake.close());
    await failureOf(openStream(options({ password: 'secret', userAgentId }, { host: '127.0.0.1', c2sPort: fake.port, caCertPem: server.caCertPem })));
    expect(fake.received()).toContain('<stream:stream');
    expect(fake.received()).not.toContain('alice@example.test');
  });

  it('servers without SASL2 (the shared test server) keep RFC 6120 SASL, and no token is asked for', async () => {
    const shared = inject('testServer');
    const { store, fast } = tokenStore();
    const opened = await open(options({ password: shared.accounts.alice.password, userAgentId, fast }, shared));
    expect(opened.authenticatedWith).toBe('sasl');
    expect(store.issued).toEqual([]);
  });
});

describe('a session on a SASL2-bound stream', () => {
  let relay: TcpRelay;
  let peer: Peer;
  beforeAll(async () => {
    relay = await startTcpRelay(server.host, server.c2sPort);
  });
  afterAll(async () => {
    await relay?.close();
  });

  it('has its roster and messages, and reconnects with its FAST token after the password changed', async () => {
    const contacts: Contact[] = [];
    const messages: ChatMessage[] = [];
    const reconnected: string[] = [];
    const ended: unknown[] = [];
    const events: SessionEvents = {
      emit: contactsInto(contacts),
      message: (message) => messages.push(message),
      updated: () => {},
      reconnecting: () => {},
      reconnected: (jid) => reconnected.push(jid),
      ended: (error) => ended.push(error),
    };
    const { store, fast } = tokenStore();
    const before = received(AUTHENTICATE).length;
    const session = await startSession(
      { ...options({ password: server.accounts.alice.password, userAgentId: randomUUID(), fast }), port: relay.port, backoff: { baseMs: 100, maxMs: 400 } },
      events,
    );
    cleanups.push(() => session.stop());
    expect(session.jid).toMatch(/^alice@example\.test\/Jabber Desk~/u);
    expect(received(AUTHENTICATE).slice(before).map(mechanismOf)).toEqual(['SCRAM-SHA-1']);
    expect(store.issued).toHaveLength(1);

    // Roster and presence.
    expect(contacts.find((c) => c.jid === 'bob@example.test')).toMatchObject({ name: 'Bob', subscription: 'both' });
    peer = await startPeer(server, server.accounts.bob, { resource: 'sasl2' });
    cleanups.push(() => peer.stop());
    await expect.poll(() => contacts.some((c) => c.jid === 'bob@example.test' && c.presence.show === 'online')).toBe(true);

    // Messages both ways.
    await peer.sendMessage(session.jid, 'hello over SASL2');
    await expect.poll(() => messages.some((m) => m.body === 'hello over SASL2')).toBe(true);
    await session.sendMessage('bob@example.test', 'hello back');
    await peer.waitForMessage((m) => m.body === 'hello back' && m.from === session.jid);

    // The password changes elsewhere; the link drops. The session comes back with its token, not the password.
    const newPassword = `changed-${randomUUID()}`;
    await createAccount(server, 'alice', newPassword);
    cleanups.push(() => createAccount(server, 'alice', server.accounts.alice.password));
    const beforeReconnect = received(AUTHENTICATE).length;
    const resumesBefore = received(RESUME).length;
    relay.cutAll();
    await expect.poll(() => reconnected.length, { timeout: 10_000 }).toBe(1);
    expect(ended).toEqual([]);
    expect(received(AUTHENTICATE).slice(beforeReconnect).map(mechanismOf)).toEqual(['HT-SHA-256-EXPR']);
    // Stream management resumed the session after FAST (Prosody 0.12: <resume/> after SASL2, not inline).
    expect(received(RESUME)).toHaveLength(resumesBefore + 1);
    expect(reconnected[0]).toBe(session.jid);

    await peer.sendMessage(session.jid, 'still here?');
    await expect.poll(() => messages.some((m) => m.body === 'still here?')).toBe(true);
    await session.sendMessage('bob@example.test', 'yes');
    await peer.waitForMessage((m) => m.body === 'yes');
  });
});

describe('SASL2 on TLS 1.2 (where Prosody 0.12 binds to the channel with tls-unique)', () => {
  let tls12: TestServer;
  beforeAll(async () => {
    tls12 = await startProsody({ sasl2: true, tlsProtocol: 'tlsv1_2' });
  });
  afterAll(async () => {
    await tls12?.stop();
  });

  it('signs in with SCRAM-SHA-1-PLUS through SASL2, then with an HT-SHA-256-UNIQ token', async () => {
    const userAgentId = randomUUID();
    const { store, fast } = tokenStore();
    const first = await open(options({ password: tls12.accounts.alice.password, userAgentId, fast }, tls12));
    expect(first.authenticatedWith).toBe('sasl2');
    expect(store.token?.mechanism).toBe('HT-SHA-256-UNIQ');
    const log = (): string[] => readFileSync(tls12.logFile, 'utf8').split('\n').filter((line) => /\tReceived\[/u.test(line) && AUTHENTICATE.test(line));
    expect(log().map(mechanismOf)).toEqual(['SCRAM-SHA-1-PLUS']);

    const second = await open(options({ password: 'not-the-password', userAgentId, fast: tokenStore(store.token).fast }, tls12));
    expect(second.authenticatedWith).toBe('fast');
    expect(log().map(mechanismOf)).toEqual(['SCRAM-SHA-1-PLUS', 'HT-SHA-256-UNIQ']);
  });
});
