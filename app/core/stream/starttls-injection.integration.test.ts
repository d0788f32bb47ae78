/**
 * STARTTLS command injection (the CVE-2011-0411 class): bytes slipped in behind the server's `<proceed/>`
 * must never be read as if the server had sent them over TLS. Once with the real Prosody and an on-path
 * attacker in the relay, then at every point where a stream restarts, with the scripted hostile server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { redirect } from '../../../e2e/hostile-inputs.ts';
import { HOSTILE_JID, startHostileServer, type HostileServer } from '../../../e2e/hostile-server.ts';
import { makeTestCertificates } from '../../../e2e/server/test-certificates.ts';
import type { EventEnvelope } from '../../shared/contract.ts';
import { parseJid } from '../../shared/jid.ts';
import { openStream, type ConnectOptions } from './connection.ts';
import { CoreError } from '../errors.ts';
import { createJabberService } from '../service.ts';
import { freshUser } from '../service-test-support.ts';

const server = inject('testServer');

/** What the attacker appends to `<proceed/>`: a whole forged sign-in, a message and a roster push. */
const FORGED_AFTER_PROCEED =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='example.test' id='forged' version='1.0'>" +
  "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>" +
  "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>" +
  "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>" +
  "<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>mallory@example.test/forged</jid></bind></iq>" +
  "<message from='boss@example.test/office' type='chat' id='forged-1'><body>Wire the money today</body></message>" +
  "<iq type='set' id='push-1'><query xmlns='jabber:iq:roster'><item jid='mallory@evil.test' name='IT Support' subscription='both'/></query></iq>";

/**
 * An on-path attacker: relays both ways, and slips `injected` in behind the server's segment that carries
 * `<proceed`: in that same segment (one write), or as a segment of its own right after it.
 */
async function startInjectingRelay(
  targetPort: number,
  injected: string,
  where: 'same-segment' | 'next-segment' = 'same-segment',
): Promise<{ port: number; injections: () => number; close: () => Promise<void> }> {
  let injections = 0;
  const sockets = new Set<Socket>();
  const relay: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    let done = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (data) => upstream.write(data));
    upstream.on('data', (data: Buffer) => {
      if (done || !data.includes('<proceed')) {
        client.write(data);
        return;
      }
      done = true;
      injections++;
      if (where === 'same-segment') client.write(Buffer.concat([data, Buffer.from(injected)]));
      else {
        client.write(data);
        setImmediate(() => client.write(injected));
      }
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as AddressInfo).port,
    injections: () => injections,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}

describe('an on-path attacker injecting behind the real server’s <proceed/>', () => {
  it('gets the sign-in refused with tls-injection: no forged message, contact or JID is used, no password sent', async () => {
    const user = await freshUser(server, 'inject');
    const relay = await startInjectingRelay(server.c2sPort, FORGED_AFTER_PROCEED);
    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: false });
    const seen: EventEnvelope[] = [];
    service.subscribe((envelope) => seen.push(envelope));
    const logBefore = readFileSync(server.logFile, 'utf8').length;
    try {
      const result = await service.addAccount({ jid: user.jid, password: user.password, host: '127.0.0.1', port: relay.port });
      expect(relay.injections()).toBe(1);
      expect(result).toMatchObject({ ok: false, error: { code: 'tls-injection' } });
      expect(!result.ok && result.error.message).toMatch(/tampering/u);
      const everything = JSON.stringify(seen);
      expect(everything).not.toContain('Wire the money');
      expect(everything).not.toContain('mallory');
      // The client never got as far as authenticating with anyone: the real server saw no <auth/>.
      expect(readFileSync(server.logFile, 'utf8').slice(logBefore)).not.toMatch(new RegExp(`<auth[^>]*>[^<]*</auth>[\\s\\S]*${user.jid.split('@')[0]}`, 'u'));
    } finally {
      await service.dispose();
      await relay.close();
    }
  });
});

describe('the same rule at every stream restart (scripted hostile server)', () => {
  let hostile: HostileServer;
  let certificatesDir: string;
  let caCertPem: string;

  beforeAll(async () => {
    certificatesDir = await mkdtemp(path.join(tmpdir(), 'hostile-certs-'));
    const certificates = await makeTestCertificates(certificatesDir, { domain: 'hostile.test' });
    caCertPem = certificates.caCertPem;
    hostile = await startHostileServer({ key: readFileSync(certificates.keyFile, 'utf8'), cert: readFileSync(certificates.certFile, 'utf8') });
  });
  afterAll(async () => {
    await hostile.close();
    await rm(certificatesDir, { recursive: true, force: true });
  });
  afterEach(() => hostile.setScript(null));

  const parsed = parseJid(HOSTILE_JID);
  if (!parsed.ok) throw new Error(parsed.reason);
  const options = (): ConnectOptions => ({
    account: parsed.jid,
    password: 'secret',
    host: '127.0.0.1',
    port: hostile.port,
    trustedCertificates: [caCertPem],
    stepTimeoutMs: 3_000,
  });
  async function signInError(): Promise<CoreError | null> {
    try {
      const stream = await openStream(options());
      await stream.entity.disconnect().catch(() => {});
      return null;
    } catch (error) {
      return error instanceof CoreError ? error : null;
    }
  }

  it('signs in when nothing is injected (the script is a working server)', async () => {
    const stream = await openStream(options());
    expect(stream.jid).toBe(`${HOSTILE_JID}/desk`);
    await stream.entity.disconnect().catch(() => {});
  });

  it('refuses bytes behind <proceed/> in the same segment', async () => {
    hostile.setScript({ step: 'proceed', payload: FORGED_AFTER_PROCEED });
    expect((await signInError())?.appError.code).toBe('tls-injection');
  });

  it('never reads bytes sent behind <proceed/> as a later segment, before the TLS handshake', async () => {
    const late = await startInjectingRelay(
      hostile.port,
      "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>",
      'next-segment',
    );
    const connectionsBefore = hostile.connections();
    try {
      const outcome = await openStream({ ...options(), port: late.port }).then(
        async (stream) => {
          await stream.entity.disconnect().catch(() => {});
          return 'signed in';
        },
        (error: unknown) => (error instanceof CoreError ? error.appError.code : 'other'),
      );
      // The late bytes either reach our sealed parser (tls-injection) or the TLS layer, which they break: never a sign-in.
      expect(outcome).not.toBe('signed in');
      expect(outcome).not.toBe('other');
      expect(hostile.connections()).toBe(connectionsBefore + 1);
    } finally {
      await late.close();
    }
  });

  it('refuses data behind SASL <success/> before the stream restarts (RFC 6120 §6.4.6)', async () => {
    hostile.setScript({ step: 'sasl', payload: "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>" });
    expect((await signInError())?.appError).toMatchObject({ code: 'protocol-violation', condition: 'policy-violation' });
  });

  it('refuses a forged bind result behind SASL <success/>', async () => {
    hostile.setScript({ step: 'sasl', payload: "<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>mallory@hostile.test/x</jid></bind></iq>" });
    expect((await signInError())?.appError.code).toBe('protocol-violation');
  });

  it('refuses a session bound to another account’s address', async () => {
    hostile.setScript({ step: 'bind', replace: true, payload: "<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>mallory@evil.test/x</jid></bind></iq>" });
    expect((await signInError())?.appError).toMatchObject({ code: 'stream-error', condition: 'bind' });
  });

  // A guard for the future: xmpp.js 0.14 follows see-other-host by itself, and today only fails to because our
  // entity has no `service` option; stream-guard.ts turns the redirect off outright.
  it('never follows a see-other-host redirect', async () => {
    let redirected = 0;
    const canary = createServer((socket) => {
      redirected++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    try {
      const port = (canary.address() as AddressInfo).port;
      hostile.setScript({ step: 'tls-header', payload: redirect(port) });
      expect((await signInError())?.appError).toMatchObject({ code: 'stream-error', condition: 'see-other-host' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(redirected).toBe(0);
    } finally {
      await new Promise<void>((resolve) => canary.close(() => resolve()));
    }
  });

  it('reads nothing sent in the clear where TLS should start (direct TLS, XEP-0368)', async () => {
    // A direct-TLS target that answers in plaintext XMPP: nothing of it may be parsed, no credential sent.
    const plain = await startPlaintextResponder(
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>",
    );
    const resolver = {
      resolveSrv: async (name: string) => (name.startsWith('_xmpps-client.') ? [{ name: '127.0.0.1', port: plain.port, priority: 0, weight: 0 }] : []),
      lookup: async (host: string): Promise<string[]> => {
        if (host === '127.0.0.1') return [host];
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      },
    };
    try {
      const { host: _host, port: _port, ...rest } = options();
      const error = await openStream({ ...rest, resolver }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CoreError);
      expect(plain.received()).not.toMatch(/<auth|<stream:stream/u);
    } finally {
      await plain.close();
    }
  });
});

/** Answers any connection with `answer` in plaintext at once, and records what the client sends. */
async function startPlaintextResponder(answer: string): Promise<{ port: number; received: () => string; close: () => Promise<void> }> {
  let received = '';
  const sockets = new Set<Socket>();
  const responder = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('data', (data) => (received += data.toString('latin1')));
    socket.write(answer);
  });
  await new Promise<void>((resolve) => responder.listen(0, '127.0.0.1', resolve));
  return {
    port: (responder.address() as AddressInfo).port,
    received: () => received,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => responder.close(() => resolve()));
    },
  };
}
