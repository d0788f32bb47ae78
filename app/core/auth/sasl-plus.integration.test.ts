/**
 * SCRAM-*-PLUS and downgrade protection against a real Prosody 0.12 on loopback.
 *
 * What Prosody 0.12 does (mod_saslauth.lua, util/sasl/scram.lua): it offers SCRAM-SHA-1 and
 * SCRAM-SHA-1-PLUS (internal_hashed stores SHA-1 credentials only), supports a single channel-binding
 * type, tls-unique (the client's Finished message, read with LuaSec's getpeerfinished), and only on
 * TLS ≤ 1.2: on TLS 1.3 it offers no -PLUS at all. It advertises neither XEP-0440 nor XEP-0474 (the
 * community mod_sasl_ssdp does not work on 0.12). It refuses the `y` GS2 flag when it can bind.
 *
 * So this file starts a second Prosody limited to TLS 1.2 (`tlsProtocol: 'tlsv1_2'`), where it offers
 * SCRAM-SHA-1-PLUS, and uses the shared one (TLS 1.3) for the "server cannot bind" case.
 */
// The xmpp.js declarations the core uses, for tsconfig.e2e.json (which does not include app/core's .d.ts).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../xmpp-modules.d.ts" />
import { readFileSync, statSync } from 'node:fs';
import { xml, type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startProsody, type TestServer } from '../../../e2e/server/prosody.ts';
import type { TestAccount, TestServerInfo } from '../../../e2e/server/test-server-info.ts';
import { parseAccountJid } from '../../shared/jid.ts';
import type { TlsChannel } from './channel-binding.ts';
import { openStream, withSecureStream, type ConnectOptions, type SecureStream } from '../stream/connection.ts';
import { CoreError } from '../errors.ts';
import { NS } from '../xml/namespaces.ts';
import { authenticate, createSaslFactory } from './sasl.ts';

const shared = inject('testServer');
let tls12: TestServer;

beforeAll(async () => {
  tls12 = await startProsody({ tlsProtocol: 'tlsv1_2' });
});
afterAll(async () => {
  await tls12?.stop();
});

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => {});
});

/** Connection options for an account of `server`, as the session passes them to connection.ts. */
function connectOptions(server: TestServerInfo, user: TestAccount, password = user.password): ConnectOptions {
  const account = parseAccountJid(user.jid);
  if (!account.ok) throw new Error(account.reason);
  return { account: account.jid, password, host: server.host, port: server.c2sPort, trustedCertificates: [server.caCertPem], stepTimeoutMs: 5_000 };
}

/** A full sign-in (secure stream, SASL, resource binding), as a session does it. */
async function signIn(server: TestServerInfo, user: TestAccount, password?: string): Promise<string> {
  const opened = await openStream(connectOptions(server, user, password));
  cleanups.push(() => opened.entity.stop());
  return opened.jid;
}

/** Everything Prosody logged from `offset` on (it logs every stanza it receives at debug level). */
function logSince(server: TestServerInfo, offset: number): string {
  return readFileSync(server.logFile, 'utf8').slice(offset);
}
const logSize = (server: TestServerInfo): number => statSync(server.logFile).size;

/** The mechanisms of the `<auth/>` elements Prosody received (it logs the start tag, not the payload). */
function authsIn(log: string): string[] {
  return [...log.matchAll(/Received\[c2s_unauthed\]: <auth [^>]*mechanism='([^']+)'/gu)].map(([, mechanism = '']) => mechanism);
}

describe('against Prosody 0.12 on TLS 1.2 (it offers SCRAM-SHA-1-PLUS with tls-unique)', () => {
  it('signs in with SCRAM-SHA-1-PLUS bound with tls-unique', async () => {
    const offset = logSize(tls12);
    expect(await signIn(tls12, tls12.accounts.alice)).toMatch(/^alice@example\.test\//u);
    const log = logSince(tls12, offset);
    expect(log).toMatch(/Channel binding 'tls-unique' supported/u);
    expect(log).toMatch(/Offering usable mechanisms: .*SCRAM-SHA-1-PLUS/u);
    expect(authsIn(log)).toEqual(['SCRAM-SHA-1-PLUS']);
    // Prosody 0.12 would also accept -PLUS with "n,," (it only logs this line); the GS2 header on the wire is
    // checked below, where what authenticate() sends is recorded.
    expect(log).not.toMatch(/unexpectedly doesn't support channel binding/u);
  });

  it('still refuses a wrong password with auth-failed', async () => {
    await expect(signIn(tls12, tls12.accounts.alice, 'not-the-password')).rejects.toMatchObject({
      appError: { code: 'auth-failed', condition: 'not-authorized' },
    });
  });
});

describe('against Prosody 0.12 on TLS 1.3 (it cannot bind there)', () => {
  it('signs in with plain SCRAM-SHA-1 and the y flag, which Prosody accepts when it cannot bind', async () => {
    const offset = logSize(shared);
    expect(await signIn(shared, shared.accounts.carol)).toMatch(/^carol@example\.test\//u);
    const log = logSince(shared, offset);
    expect(log).toMatch(/Channel binding 'tls-unique' undefined in context of TLS 1\.3/u);
    expect(authsIn(log)).toEqual(['SCRAM-SHA-1']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// authenticate() on a real, verified STARTTLS stream to Prosody, recording what it sends; in the last group,
// one input is changed on our side to see what Prosody checks.

interface SaslStream extends SecureStream {
  /** Everything sent on the stream after the SASL features arrived. */
  readonly sent: Element[];
}

/** The decoded initial response of the `<auth/>` we sent. */
function sentAuth(stream: SaslStream): string {
  const auth = stream.sent.find((element) => element.is('auth', NS.sasl));
  return Buffer.from(auth?.text() ?? '', 'base64').toString('utf8');
}

/**
 * Runs `test` on a real stream to `server`, opened as a sign-in does (TCP → STARTTLS → verified certificate →
 * SASL features), recording what is sent from then on.
 */
async function onSaslStream(server: TestServerInfo, test: (stream: SaslStream) => Promise<void>): Promise<void> {
  await withSecureStream(connectOptions(server, server.accounts.alice), async (stream) => {
    cleanups.push(() => {
      stream.tlsSocket.destroy();
    });
    const sent: Element[] = [];
    const send = stream.entity.send.bind(stream.entity);
    stream.entity.send = async (element: Element): Promise<void> => {
      sent.push(element);
      await send(element);
    };
    await test({ ...stream, sent });
  });
}

/** The same stream features without the -PLUS mechanisms: what a list-stripping man-in-the-middle would deliver. */
function withoutPlus(features: Element): Element {
  const copy = xml('stream:features', { 'xmlns:stream': NS.streams });
  const mechanisms = features.getChild('mechanisms', NS.sasl)?.getChildren('mechanism').map((m) => m.text().trim()) ?? [];
  copy.append(xml('mechanisms', { xmlns: NS.sasl }, ...mechanisms.filter((m) => !m.endsWith('-PLUS')).map((m) => xml('mechanism', {}, m))));
  return copy;
}

async function failureOf(run: Promise<unknown>): Promise<CoreError['appError']> {
  const error: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CoreError)) throw new Error(`expected a CoreError, got ${String(error)}`);
  return error.appError;
}

describe('authenticate() on a real stream to Prosody, recording what it sends', () => {
  const alice = (server: TestServerInfo) => ({ username: server.accounts.alice.username, password: server.accounts.alice.password });

  it('TLS 1.2: sends p=tls-unique with SCRAM-SHA-1-PLUS, and Prosody accepts the binding and the proof', async () => {
    await onSaslStream(tls12, async (stream) => {
      await authenticate(stream.entity, stream.queue, stream.features, alice(tls12), createSaslFactory(), { tlsSocket: stream.tlsSocket, timeoutMs: 5_000 });
      expect(stream.sent[0]?.attrs.mechanism).toBe('SCRAM-SHA-1-PLUS');
      expect(sentAuth(stream)).toMatch(/^p=tls-unique,,n=alice,r=/u);
      const response = Buffer.from(stream.sent[1]?.text() ?? '', 'base64').toString('utf8');
      const c = Buffer.from(/^c=([^,]*),/u.exec(response)?.[1] ?? '', 'base64');
      expect(c).toEqual(Buffer.concat([Buffer.from('p=tls-unique,,'), stream.tlsSocket.getFinished() ?? Buffer.alloc(0)]));
    });
  });

  it('TLS 1.3: sends y,, with SCRAM-SHA-1, and Prosody (which cannot bind on 1.3) accepts', async () => {
    await onSaslStream(shared, async (stream) => {
      expect(stream.tlsSocket.getProtocol()).toBe('TLSv1.3');
      await authenticate(stream.entity, stream.queue, stream.features, alice(shared), createSaslFactory(), { tlsSocket: stream.tlsSocket, timeoutMs: 5_000 });
      expect(stream.sent[0]?.attrs.mechanism).toBe('SCRAM-SHA-1');
      expect(sentAuth(stream)).toMatch(/^y,,n=alice,r=/u);
    });
  });
});

describe('what Prosody checks (authenticate() on a real stream, one input changed)', () => {
  const alice = (server: TestServerInfo) => ({ username: server.accounts.alice.username, password: server.accounts.alice.password });

  it('the tls-unique value is really checked: a wrong one is refused (so the sign-in above proves ours is right)', async () => {
    await onSaslStream(tls12, async (stream) => {
      expect(stream.tlsSocket.getProtocol()).toBe('TLSv1.2');
      // The real socket, except that it reports a different Finished message.
      const lying: TlsChannel = {
        getProtocol: () => stream.tlsSocket.getProtocol(),
        exportKeyingMaterial: (...args) => stream.tlsSocket.exportKeyingMaterial(...args),
        isSessionReused: () => stream.tlsSocket.isSessionReused(),
        getPeerFinished: () => stream.tlsSocket.getPeerFinished(),
        getFinished: () => Buffer.alloc(12, 0xaa),
        getPeerCertificate: ((detailed?: boolean) => stream.tlsSocket.getPeerCertificate(detailed === true)) as TlsChannel['getPeerCertificate'],
      };
      const error = await failureOf(authenticate(stream.entity, stream.queue, stream.features, alice(tls12), createSaslFactory(), { tlsSocket: lying, timeoutMs: 5_000 }));
      expect(error).toMatchObject({ code: 'auth-failed', condition: 'malformed-request' });
      expect(error.message).toMatch(/channel binding tls-unique failed/u);
      expect(error.message).toMatch(/Invalid channel binding value/u);
    });
  });

  it('mechanism list stripped of SCRAM-SHA-1-PLUS: we send y,, and Prosody, which can bind, refuses', async () => {
    // A real man-in-the-middle cannot rewrite these post-TLS features without a certificate we trust; this
    // test hands authenticate() the stripped list directly and proves the server-side half of the protection.
    await onSaslStream(tls12, async (stream) => {
      const offset = logSize(tls12);
      const error = await failureOf(
        authenticate(stream.entity, stream.queue, withoutPlus(stream.features), alice(tls12), createSaslFactory(), { tlsSocket: stream.tlsSocket, timeoutMs: 5_000 }),
      );
      expect(error).toMatchObject({ code: 'auth-failed', condition: 'downgrade-detected' });
      expect(error.message).toMatch(/man-in-the-middle/u);
      expect(authsIn(logSince(tls12, offset))).toEqual(['SCRAM-SHA-1']);
      expect(sentAuth(stream)).toMatch(/^y,,n=alice,r=/u);
    });
  });

  it('the same stripped list with an XEP-0440 advertisement added: refused before anything is sent', async () => {
    await onSaslStream(tls12, async (stream) => {
      const features = withoutPlus(stream.features);
      features.append(xml('sasl-channel-binding', { xmlns: 'urn:xmpp:sasl-cb:0' }, xml('channel-binding', { type: 'tls-unique' })));
      const offset = logSize(tls12);
      const error = await failureOf(authenticate(stream.entity, stream.queue, features, alice(tls12), createSaslFactory(), { tlsSocket: stream.tlsSocket, timeoutMs: 5_000 }));
      expect(error).toMatchObject({ code: 'auth-failed', condition: 'downgrade-detected' });
      expect(authsIn(logSince(tls12, offset))).toEqual([]);
    });
  });
});
