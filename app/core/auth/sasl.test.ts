import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import type { Client } from '@xmpp/client-core';
import { xml, type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ChannelBinding, TlsChannel } from './channel-binding.ts';
import type { ElementQueue } from '../stream/element-queue.ts';
import { CoreError } from '../errors.ts';
import { NS } from '../xml/namespaces.ts';
import { authenticate, chooseChannelBinding, chooseMechanism, createSaslFactory, NS_SASL_CB, planAuthentication, type SaslOffer } from './sasl.ts';
import { downgradeProtectionHash, type ScramHash } from './scram.ts';

const factory = createSaslFactory();

describe('chooseMechanism', () => {
  it('prefers the strongest SCRAM the server offers', () => {
    expect(chooseMechanism(factory, ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'], true)).toBe('SCRAM-SHA-256');
    expect(chooseMechanism(factory, ['PLAIN', 'SCRAM-SHA-1'], true)).toBe('SCRAM-SHA-1');
    expect(chooseMechanism(factory, ['SCRAM-SHA-512', 'SCRAM-SHA-256'], true)).toBe('SCRAM-SHA-512');
  });

  it('ranks every -PLUS variant above every plain SCRAM, but only when we can bind', () => {
    const all = ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-512', 'SCRAM-SHA-512-PLUS'];
    expect(chooseMechanism(factory, all, true, true)).toBe('SCRAM-SHA-512-PLUS');
    expect(chooseMechanism(factory, ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-512'], true, true)).toBe('SCRAM-SHA-256-PLUS');
    expect(chooseMechanism(factory, ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-512'], true, true)).toBe('SCRAM-SHA-1-PLUS');
    expect(chooseMechanism(factory, ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-512'], true, false)).toBe('SCRAM-SHA-512');
  });

  it('uses PLAIN only on an encrypted stream and only when nothing better is offered', () => {
    expect(chooseMechanism(factory, ['PLAIN'], true)).toBe('PLAIN');
    expect(chooseMechanism(factory, ['PLAIN'], false)).toBeNull();
  });

  it('creates working mechanisms for every registered name', () => {
    for (const name of ['SCRAM-SHA-512-PLUS', 'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-512', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']) {
      expect(factory.create([name])?.name).toBe(name);
    }
  });

  it('returns null when nothing offered is supported', () => {
    expect(chooseMechanism(factory, ['DIGEST-MD5', 'X-UNKNOWN'], true)).toBeNull();
  });
});

// What a connection can bind to: TLS 1.3 gives tls-exporter, TLS 1.2 tls-unique; both tls-server-end-point.
const exporter: ChannelBinding = { type: 'tls-exporter', data: Buffer.alloc(32, 1) };
const unique: ChannelBinding = { type: 'tls-unique', data: Buffer.alloc(12, 2) };
const endPoint: ChannelBinding = { type: 'tls-server-end-point', data: Buffer.alloc(32, 3) };
const TLS13 = [exporter, endPoint];
const TLS12 = [unique, endPoint];

const offer = (mechanisms: string[], channelBindings: string[] | null = null): SaslOffer => ({ mechanisms, channelBindings });
const PROSODY_012 = ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS'];

function refusal(run: () => unknown): CoreError['appError'] {
  try {
    run();
  } catch (error) {
    if (error instanceof CoreError) return error.appError;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('choosing the channel binding', () => {
  it('without XEP-0440: tls-unique on TLS 1.2, nothing guessed on TLS 1.3 (servers disagree there)', () => {
    expect(chooseChannelBinding(TLS13, null)).toBeNull();
    expect(chooseChannelBinding(TLS12, null)).toBe(unique);
    expect(chooseChannelBinding([endPoint], null)).toBeNull();
  });

  it('with XEP-0440: the strongest type the server lists that we can compute', () => {
    expect(chooseChannelBinding(TLS13, ['tls-server-end-point', 'tls-exporter'])).toBe(exporter);
    expect(chooseChannelBinding(TLS13, ['tls-server-end-point'])).toBe(endPoint);
    expect(chooseChannelBinding(TLS12, ['tls-exporter', 'tls-unique'])).toBe(unique);
    expect(chooseChannelBinding(TLS13, ['tls-unique'])).toBeNull();
  });
});

describe('planning the authentication', () => {
  it('Prosody 0.12 on TLS 1.2 (SCRAM-SHA-1-PLUS, no XEP-0440): SCRAM-SHA-1-PLUS with tls-unique', () => {
    const plan = planAuthentication(factory, offer(PROSODY_012), TLS12, true);
    expect(plan).toMatchObject({ mechanism: 'SCRAM-SHA-1-PLUS', channelBinding: unique });
  });

  it('a server offering -PLUS on TLS 1.3 without XEP-0440 (ejabberd 23.01): plain SCRAM with the "n" flag, no guessed binding', () => {
    expect(planAuthentication(factory, offer(['SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS']), TLS13, true)).toMatchObject({
      mechanism: 'SCRAM-SHA-256',
      channelBinding: null,
      gs2Flag: 'n',
    });
  });

  it('with XEP-0440: picks from the listed types', () => {
    const mechanisms = ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-512', 'SCRAM-SHA-512-PLUS'];
    expect(planAuthentication(factory, offer(mechanisms, ['tls-server-end-point']), TLS13, true)).toMatchObject({
      mechanism: 'SCRAM-SHA-512-PLUS',
      channelBinding: endPoint,
    });
    expect(planAuthentication(factory, offer(mechanisms, ['tls-server-end-point', 'tls-exporter']), TLS13, true).channelBinding).toBe(exporter);
  });

  it('Prosody 0.12 on TLS 1.3 (no -PLUS offered): plain SCRAM with the y flag', () => {
    const plan = planAuthentication(factory, offer(['PLAIN', 'SCRAM-SHA-1']), TLS13, true);
    expect(plan).toMatchObject({ mechanism: 'SCRAM-SHA-1', channelBinding: null, gs2Flag: 'y' });
  });

  it('the n flag when we cannot bind, or share no binding type with a server that can', () => {
    expect(planAuthentication(factory, offer(PROSODY_012), [], true)).toMatchObject({ mechanism: 'SCRAM-SHA-1', gs2Flag: 'n' });
    // Lists tls-server-end-point, which this connection cannot compute (e.g. an Ed25519 certificate): no mutual type, legitimately.
    expect(planAuthentication(factory, offer(PROSODY_012, ['tls-server-end-point']), [exporter], true)).toMatchObject({
      mechanism: 'SCRAM-SHA-1',
      gs2Flag: 'n',
      downgradeProtection: { required: false },
    });
  });

  it('refuses, before sending anything, a list stripped of -PLUS when XEP-0440 shows the server can bind', () => {
    const error = refusal(() => planAuthentication(factory, offer(['PLAIN', 'SCRAM-SHA-1'], ['tls-exporter']), TLS13, true));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'downgrade-detected' });
    expect(error.message).toMatch(/man-in-the-middle/u);
  });

  it('does not refuse servers that simply cannot bind', () => {
    // No XEP-0440 and no -PLUS: an ordinary server (or Prosody 0.12 on TLS 1.3).
    expect(planAuthentication(factory, offer(['SCRAM-SHA-256']), TLS13, true).mechanism).toBe('SCRAM-SHA-256');
    // XEP-0440 lists only types this connection cannot provide.
    expect(planAuthentication(factory, offer(['SCRAM-SHA-256'], ['tls-unique']), TLS13, true).mechanism).toBe('SCRAM-SHA-256');
    // PLAIN only (an LDAP-backed server): nothing to compare against, so PLAIN over TLS.
    expect(planAuthentication(factory, offer(['PLAIN'], ['tls-exporter']), TLS13, true).mechanism).toBe('PLAIN');
  });

  it('requires the XEP-0474 hash when -PLUS is offered with only unusable types and no tls-server-end-point', () => {
    const plan = planAuthentication(factory, offer(PROSODY_012, ['x-made-up']), TLS13, true);
    expect(plan).toMatchObject({ mechanism: 'SCRAM-SHA-1', gs2Flag: 'n', downgradeProtection: { required: true } });
  });

  it('refuses when nothing usable is offered', () => {
    expect(refusal(() => planAuthentication(factory, offer(['PLAIN']), TLS13, false))).toMatchObject({ code: 'auth-failed', condition: 'invalid-mechanism' });
  });
});

// ---------------------------------------------------------------------------------------------------------
// authenticate() against a scripted SCRAM server (RFC 5802 server side, written out here independently).

const PASSWORD = 'pencil';
const SALT = Buffer.from('QSXCR+Q6sek8bf92', 'base64');
const HASH_BYTES: Record<ScramHash, number> = { sha1: 20, sha256: 32, sha512: 64 };
const HASH_OF: Record<string, ScramHash> = { '1': 'sha1', '256': 'sha256', '512': 'sha512' };

interface ScriptedServer {
  /** The mechanisms and XEP-0440 types the real server advertised (what it signs with XEP-0474). */
  readonly mechanisms: string[];
  readonly channelBindings: string[] | null;
  /** The binding data the server sees on its side of the TLS connection. */
  readonly binding: ChannelBinding | null;
  readonly downgradeHash?: 'h' | 'd' | 'none';
  /** Refuse the `y` flag, as RFC 5802 §6 requires of a server that supports channel binding. */
  readonly refusesY?: boolean;
}

/** A fake entity + queue pair whose peer is a SCRAM server; records what the client sent. */
function scriptedConnection(server: ScriptedServer): { entity: Client; queue: ElementQueue; sent: Element[] } {
  const sent: Element[] = [];
  const replies: Element[] = [];
  let state: { hash: ScramHash; header: string; bare: string; serverFirst: string; nonce: string } | null = null;
  const fail = (condition: string, text?: string): Element =>
    xml('failure', { xmlns: NS.sasl }, xml(condition), text === undefined ? undefined : xml('text', {}, text));
  const answer = (element: Element): Element => {
    const payload = Buffer.from(element.text(), 'base64').toString('utf8');
    if (element.name === 'auth') {
      const hash = HASH_OF[/^SCRAM-SHA-(\d+)/u.exec(element.attrs.mechanism ?? '')?.[1] ?? ''];
      const match = /^((p=[^,]+|n|y),[^,]*,)(n=[^,]*,r=([^,]*))$/u.exec(payload);
      if (hash === undefined || match === null) return fail('malformed-request');
      const [, header = '', flag = '', bare = '', clientNonce = ''] = match;
      if (flag === 'y' && server.refusesY === true) return fail('malformed-request');
      const nonce = `${clientNonce}SERVER`;
      const signed = server.downgradeHash ?? 'h';
      const extra = signed === 'none' ? '' : `,${signed}=${downgradeProtectionHash(hash, server.mechanisms, server.channelBindings, signed)}`;
      const serverFirst = `r=${nonce},s=${SALT.toString('base64')},i=4096${extra}`;
      state = { hash, header, bare, serverFirst, nonce };
      return xml('challenge', { xmlns: NS.sasl }, Buffer.from(serverFirst).toString('base64'));
    }
    if (element.name === 'response' && state !== null) {
      const { hash, header, bare, serverFirst, nonce } = state;
      const match = /^(c=([^,]*),r=([^,]*)),p=(.*)$/u.exec(payload);
      if (match === null) return fail('malformed-request');
      const [, withoutProof = '', c = '', r = '', p = ''] = match;
      const cbData = header.startsWith('p=') ? (server.binding?.data ?? Buffer.alloc(0)) : Buffer.alloc(0);
      if (!Buffer.from(c, 'base64').equals(Buffer.concat([Buffer.from(header), cbData]))) return fail('malformed-request', 'Invalid channel binding value.');
      if (r !== nonce) return fail('malformed-request');
      const salted = pbkdf2Sync(PASSWORD, SALT, 4096, HASH_BYTES[hash], hash);
      const storedKey = createHash(hash).update(createHmac(hash, salted).update('Client Key').digest()).digest();
      const authMessage = `${bare},${serverFirst},${withoutProof}`;
      const clientSignature = createHmac(hash, storedKey).update(authMessage).digest();
      const clientKey = Buffer.from(p, 'base64').map((byte, i) => byte ^ (clientSignature[i] ?? 0));
      if (!createHash(hash).update(clientKey).digest().equals(storedKey)) return fail('not-authorized');
      const serverSignature = createHmac(hash, createHmac(hash, salted).update('Server Key').digest()).update(authMessage).digest();
      return xml('success', { xmlns: NS.sasl }, Buffer.from(`v=${serverSignature.toString('base64')}`).toString('base64'));
    }
    return fail('not-authorized', 'Out of order SASL element');
  };
  const entity = {
    isSecure: () => true,
    send: async (element: Element): Promise<void> => {
      sent.push(element);
      replies.push(answer(element));
    },
  } as unknown as Client;
  const queue = {
    next: async (): Promise<Element> => {
      const reply = replies.shift();
      if (reply === undefined) throw new Error('the client waited for an answer the script does not give');
      return reply;
    },
  } as unknown as ElementQueue;
  return { entity, queue, sent };
}

function features(mechanisms: readonly string[], channelBindings: readonly string[] | null = null): Element {
  return xml(
    'stream:features',
    { 'xmlns:stream': NS.streams },
    xml('mechanisms', { xmlns: NS.sasl }, ...mechanisms.map((m) => xml('mechanism', {}, m))),
    channelBindings === null ? undefined : xml('sasl-channel-binding', { xmlns: NS_SASL_CB }, ...channelBindings.map((type) => xml('channel-binding', { type }))),
  );
}

/** A TLS 1.3 connection's view, as channel-binding.ts reads it. */
const tls13: TlsChannel = {
  getProtocol: () => 'TLSv1.3',
  exportKeyingMaterial: () => Buffer.from(exporter.data),
  getFinished: () => undefined,
  getPeerFinished: () => undefined,
  isSessionReused: () => false,
  // No certificate: tls-server-end-point is unavailable in these scripted exchanges.
  getPeerCertificate: (() => ({})) as unknown as TlsChannel['getPeerCertificate'],
};
const context = { tlsSocket: tls13, timeoutMs: 1000 };
const credentials = { username: 'user', password: PASSWORD };
const decodedAuth = (sent: Element[]): string => Buffer.from(sent[0]?.text() ?? '', 'base64').toString('utf8');

async function authError(run: Promise<unknown>): Promise<CoreError['appError']> {
  const error: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CoreError)) throw new Error(`expected a CoreError, got ${String(error)}`);
  return error.appError;
}

describe('authenticate', () => {
  const full = ['SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'PLAIN'];
  const cbTypes = ['tls-exporter', 'tls-server-end-point'];

  it('signs in with SCRAM-SHA-256-PLUS and tls-exporter; the server checks c= and the proof', async () => {
    const { entity, queue, sent } = scriptedConnection({ mechanisms: full, channelBindings: cbTypes, binding: exporter });
    await authenticate(entity, queue, features(full, cbTypes), credentials, factory, context);
    expect(sent[0]?.attrs.mechanism).toBe('SCRAM-SHA-256-PLUS');
    expect(decodedAuth(sent)).toMatch(/^p=tls-exporter,,n=user,r=/u);
  });

  it('accepts the XEP-0474 hash in its 0.3.0 form (d=) too', async () => {
    const { entity, queue } = scriptedConnection({ mechanisms: full, channelBindings: cbTypes, binding: exporter, downgradeHash: 'd' });
    await expect(authenticate(entity, queue, features(full, cbTypes), credentials, factory, context)).resolves.toBe('SCRAM-SHA-256-PLUS');
  });

  it('a server that cannot bind: plain SCRAM with y,, succeeds', async () => {
    const { entity, queue, sent } = scriptedConnection({ mechanisms: ['SCRAM-SHA-1', 'PLAIN'], channelBindings: null, binding: null, downgradeHash: 'none' });
    await authenticate(entity, queue, features(['SCRAM-SHA-1', 'PLAIN']), credentials, factory, context);
    expect(sent[0]?.attrs.mechanism).toBe('SCRAM-SHA-1');
    expect(decodedAuth(sent)).toMatch(/^y,,n=user,/u);
  });

  // Man-in-the-middle: someone who can rewrite the stream (they hold a certificate we trust for the
  // domain) strips -PLUS so that they can relay a SCRAM exchange that is not bound to their TLS session.
  // The real server's messages pass through them. These tests feed authenticate() what such a relay
  // would deliver; they prove the client's decisions, not that such a relay can be built (see
  // sasl-plus.integration.test.ts for the same against a real Prosody).

  it('MITM strips -PLUS and the XEP-0440 list, the server signs its real lists (XEP-0474): refused before the proof is sent', async () => {
    const { entity, queue, sent } = scriptedConnection({ mechanisms: full, channelBindings: cbTypes, binding: exporter });
    const stripped = features(['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']);
    const error = await authError(authenticate(entity, queue, stripped, credentials, factory, context));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'downgrade-detected' });
    expect(error.message).toMatch(/changed on the way.*man-in-the-middle/su);
    // Only <auth/> (user name and nonce) left the client: no <response/>, so no proof to attack offline.
    expect(sent.map((e) => e.name)).toEqual(['auth']);
  });

  it('MITM strips -PLUS but leaves XEP-0440: refused before <auth/> is sent', async () => {
    const { entity, queue, sent } = scriptedConnection({ mechanisms: full, channelBindings: cbTypes, binding: exporter });
    const error = await authError(authenticate(entity, queue, features(['SCRAM-SHA-256', 'SCRAM-SHA-1'], cbTypes), credentials, factory, context));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'downgrade-detected' });
    expect(sent).toEqual([]);
  });

  it('MITM strips -PLUS from a server without XEP-0474: the y flag lets the server refuse (RFC 5802 §6)', async () => {
    const { entity, queue } = scriptedConnection({ mechanisms: full, channelBindings: null, binding: exporter, downgradeHash: 'none', refusesY: true });
    const error = await authError(authenticate(entity, queue, features(['SCRAM-SHA-256', 'SCRAM-SHA-1']), credentials, factory, context));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'downgrade-detected' });
    expect(error.message).toMatch(/man-in-the-middle/u);
  });

  it('MITM replaces the XEP-0440 list with unusable types: the server’s XEP-0474 hash shows the change', async () => {
    const { entity, queue, sent } = scriptedConnection({ mechanisms: full, channelBindings: cbTypes, binding: exporter });
    const error = await authError(authenticate(entity, queue, features(full, ['x-made-up']), credentials, factory, context));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'downgrade-detected' });
    expect(sent.map((e) => e.name)).toEqual(['auth']);
    expect(decodedAuth(sent)).toMatch(/^n,,/u);
  });

  it('a binding that does not match the server’s side (TLS terminated in between) fails with an explanation', async () => {
    const { entity, queue } = scriptedConnection({ mechanisms: full, channelBindings: cbTypes, binding: { type: 'tls-exporter', data: Buffer.alloc(32, 9) } });
    const error = await authError(authenticate(entity, queue, features(full, cbTypes), credentials, factory, context));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'malformed-request' });
    expect(error.message).toMatch(/channel binding tls-exporter failed/u);
  });

  it('a wrong password is still "wrong Jabber ID or password" with -PLUS', async () => {
    const { entity, queue } = scriptedConnection({ mechanisms: full, channelBindings: cbTypes, binding: exporter });
    const error = await authError(authenticate(entity, queue, features(full, cbTypes), { username: 'user', password: 'nope' }, factory, context));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'not-authorized' });
    expect(error.message).toMatch(/wrong jabber id or password/iu);
  });
});
