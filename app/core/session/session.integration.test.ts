/** The core against a real Prosody on loopback (started by e2e/server/vitest-global-setup.ts). */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startFakeServer } from '../../../e2e/fake-xmpp-server.ts';
import { startPeer, type Peer } from '../../../e2e/peer.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';
import { nextEvent } from '../service-test-support.ts';

const server = inject('testServer');
const { alice, bob, carol } = server.accounts;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

function trustingService(): JabberService {
  const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
  cleanups.push(() => service.dispose());
  return service;
}

async function peer(account: typeof bob, resource = 'script'): Promise<Peer> {
  const started = await startPeer(server, account, { resource });
  cleanups.push(() => started.stop());
  return started;
}


const signInAs = (service: JabberService, account: typeof alice, overrides: Partial<{ password: string; port: number }> = {}) =>
  service.addAccount({ jid: account.jid, password: overrides.password ?? account.password, host: server.host, port: overrides.port ?? server.c2sPort });

describe('signing in', () => {
  it('signs in over STARTTLS and receives the roster', async () => {
    const service = trustingService();
    const roster = nextEvent(service, 'onRoster', () => true);
    const result = await signInAs(service, alice);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.value.jid).toMatch(/^alice@example\.test\/.+/u);
    const { account, contacts } = await roster;
    expect(account).toBe(alice.jid);
    expect(contacts.find((c) => c.jid === bob.jid)).toMatchObject({ name: 'Bob', subscription: 'both', presence: { show: 'offline' } });
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.connection.status).toBe('connected');
    // Authenticated with SCRAM (the strongest offered), never PLAIN.
    expect(readFileSync(server.logFile, 'utf8')).toMatch(/<auth [^>]*mechanism='SCRAM-SHA-(1|256|512)'/u);
  });

  it('refuses a wrong password with auth-failed', async () => {
    const service = trustingService();
    const result = await signInAs(service, alice, { password: 'not-the-password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'auth-failed', condition: 'not-authorized' } });
    expect(!result.ok && result.error.message).toMatch(/wrong jabber id or password/iu);
  });

  it('refuses an untrusted certificate with tls-untrusted, naming subject, issuer and reason', async () => {
    const service = createJabberService({ connectTimeoutMs: 5_000 });
    cleanups.push(() => service.dispose());
    const result = await signInAs(service, alice);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('tls-untrusted');
    expect(result.error.certificate?.subject).toContain('example.test');
    expect(result.error.certificate?.issuer).toContain('Jabber Test CA');
    expect(result.error.certificate?.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/u);
    expect(result.error.message).toMatch(/not trusted/u);
  });

  it('trusts a company CA that an administrator added through NODE_EXTRA_CA_CERTS', async () => {
    // Node reads the variable at start-up, so the sign-in runs in a fresh process that has it.
    const script = [
      `import { createJabberService } from ${JSON.stringify(path.resolve('app/core/service.ts'))};`,
      'const service = createJabberService({ connectTimeoutMs: 5000 });',
      `const result = await service.addAccount(${JSON.stringify({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort })});`,
      'await service.dispose();',
      'console.log(JSON.stringify(result.ok ? { ok: true } : result));',
    ].join('\n');
    const run = (env: NodeJS.ProcessEnv) => promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env });
    const withCa = await run({ ...process.env, NODE_EXTRA_CA_CERTS: server.caCertFile });
    expect(JSON.parse(withCa.stdout)).toEqual({ ok: true });
    const withoutCa = await run({ ...process.env, NODE_EXTRA_CA_CERTS: '' });
    expect(JSON.parse(withoutCa.stdout)).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
  });

  it('refuses a server without STARTTLS and sends no credentials', async () => {
    const fake = await startFakeServer('no-starttls');
    cleanups.push(() => fake.close());
    const service = trustingService();
    const result = await service.addAccount({ jid: alice.jid, password: 'very-secret-password', host: '127.0.0.1', port: fake.port });
    expect(result).toMatchObject({ ok: false, error: { code: 'starttls-unavailable' } });
    expect(fake.received()).toContain('<stream:stream');
    expect(fake.received()).not.toContain('<auth');
    expect(fake.received()).not.toContain(Buffer.from('very-secret-password').toString('base64'));
    expect(fake.received()).not.toContain('very-secret-password');
  });

  it('maps a closed port to connection-refused and an unknown host to host-not-found', async () => {
    const fake = await startFakeServer('silent');
    const closedPort = fake.port;
    await fake.close();
    const service = trustingService();
    expect(await service.addAccount({ jid: alice.jid, password: 'x', host: '127.0.0.1', port: closedPort })).toMatchObject({ ok: false, error: { code: 'connection-refused' } });
    expect(await service.addAccount({ jid: alice.jid, password: 'x', host: 'no-such-host.invalid', port: 5222 })).toMatchObject({ ok: false, error: { code: 'host-not-found' } });
  });

  it('gives up on a server that never answers with timeout', async () => {
    const fake = await startFakeServer('silent');
    cleanups.push(() => fake.close());
    const service = createJabberService({ connectTimeoutMs: 500 });
    cleanups.push(() => service.dispose());
    expect(await service.addAccount({ jid: alice.jid, password: 'x', host: '127.0.0.1', port: fake.port })).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('reports a domain the server does not host as a stream error', async () => {
    const service = trustingService();
    const result = await service.addAccount({ jid: 'alice@not-hosted.test', password: 'x', host: server.host, port: server.c2sPort });
    expect(result).toMatchObject({ ok: false, error: { code: 'stream-error', condition: 'host-unknown' } });
  });

  it('rejects an invalid JID before connecting', async () => {
    const service = trustingService();
    expect(await service.addAccount({ jid: 'alice@@example', password: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid-jid' } });
  });
});

describe('a signed-in session', () => {
  it('sees a contact come online, go away and leave', async () => {
    const service = trustingService();
    expect((await signInAs(service, alice)).ok).toBe(true);
    const online = nextEvent(service, 'onContact', ({ contact: c }) => c.jid === bob.jid && c.presence.show === 'online');
    const bobPeer = await peer(bob);
    await online;
    const away = nextEvent(service, 'onContact', ({ contact: c }) => c.jid === bob.jid && c.presence.show === 'away');
    await bobPeer.sendPresence({ show: 'away', status: 'At lunch' });
    expect((await away).contact.presence).toEqual({ show: 'away', status: 'At lunch' });
    const offline = nextEvent(service, 'onContact', ({ contact: c }) => c.jid === bob.jid && c.presence.show === 'offline');
    await bobPeer.stop();
    await offline;
  });

  it('exchanges messages both ways', async () => {
    const service = trustingService();
    const signedIn = await signInAs(service, alice);
    expect(signedIn.ok).toBe(true);
    const bobPeer = await peer(bob);
    const incoming = nextEvent(service, 'onMessage', ({ message: m }) => m.direction === 'in');
    const id = await bobPeer.sendMessage(alice.jid, 'Hello <Alice> & co');
    expect(await incoming).toMatchObject({ account: alice.jid, message: { id, conversation: bob.jid, body: 'Hello <Alice> & co', direction: 'in' } });

    const sent = await service.sendMessage({ account: alice.jid, to: bob.jid, body: 'Hi Bob' });
    expect(sent).toMatchObject({ ok: true, value: { conversation: bob.jid, direction: 'out', body: 'Hi Bob' } });
    const atBob = await bobPeer.waitForMessage((m) => m.body === 'Hi Bob');
    expect(atBob.from.startsWith(`${alice.jid}/`)).toBe(true);
    expect(sent.ok && atBob.id).toBe(sent.ok ? sent.value.id : '');
  });

  it('sets its own presence, seen by the contact', async () => {
    const service = trustingService();
    expect((await signInAs(service, alice)).ok).toBe(true);
    const bobPeer = await peer(bob);
    const seen = bobPeer.waitForPresence((p) => p.from.startsWith(`${alice.jid}/`) && p.show === 'dnd');
    expect(await service.setPresence({ account: alice.jid, show: 'dnd', status: 'Presenting' })).toEqual({ ok: true, value: null });
    expect(await seen).toMatchObject({ show: 'dnd', status: 'Presenting' });
  });

  it('ignores a roster push from another JID and answers it with an error', async () => {
    const service = trustingService();
    const signedIn = await signInAs(service, alice);
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const carolPeer = await peer(carol);
    const removed = nextEvent(service, 'onContactRemoved', () => true, 1_500).then(() => 'removed', () => 'kept');
    const reply = await carolPeer.iq(
      `<iq type='set' to='${signedIn.value.jid}'><query xmlns='jabber:iq:roster'><item jid='${bob.jid}' subscription='remove'/></query></iq>`,
    );
    expect(reply.type).toBe('error');
    expect(await removed).toBe('kept');
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.contacts.some((c) => c.jid === bob.jid)).toBe(true);
  });

  it('answers disco#info with a caps-consistent feature list, ping, and service-unavailable otherwise', async () => {
    const service = trustingService();
    const signedIn = await signInAs(service, alice);
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const bobPeer = await peer(bob);
    const to = signedIn.value.jid;
    const info = await bobPeer.iq(`<iq type='get' to='${to}'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`);
    expect(info.type).toBe('result');
    expect(info.xml).toContain('var="urn:xmpp:ping"');
    expect(info.xml).toContain('category="client"');
    expect((await bobPeer.iq(`<iq type='get' to='${to}'><ping xmlns='urn:xmpp:ping'/></iq>`)).type).toBe('result');
    const unknown = await bobPeer.iq(`<iq type='get' to='${to}'><query xmlns='jabber:iq:version'/></iq>`);
    expect(unknown.type).toBe('error');
    expect(unknown.xml).toContain('service-unavailable');
  });

  it('signs out cleanly', async () => {
    const service = trustingService();
    expect((await signInAs(service, alice)).ok).toBe(true);
    const bobOnline = nextEvent(service, 'onContact', ({ contact: c }) => c.jid === bob.jid && c.presence.show === 'online');
    const bobPeer = await peer(bob);
    await bobOnline; // Bob's presence has been processed, so he is subscribed to Alice's going away.
    const gone = bobPeer.waitForPresence((p) => p.from.startsWith(`${alice.jid}/`) && p.type === 'unavailable');
    expect(await service.signOut({ account: alice.jid })).toEqual({ ok: true, value: null });
    await gone;
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.connection).toEqual({ status: 'disconnected' });
    expect(await service.sendMessage({ account: alice.jid, to: bob.jid, body: 'late' })).toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });
});
