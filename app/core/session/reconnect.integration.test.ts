/**
 * Staying connected, against the real Prosody through a TCP relay the test can break:
 * stream management resumption after a dropped link, dead-link detection, nothing lost or doubled.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer, type Peer } from '../../../e2e/peer.ts';
import { startTcpRelay, type TcpRelay } from '../../../e2e/tcp-relay.ts';
import type { ConnectionState } from '../../shared/contract.ts';
import { createJabberService } from '../service.ts';
import type { JabberService, JabberServiceOptions } from '../service-types.ts';
import { nextEvent } from '../service-test-support.ts';

const server = inject('testServer');
const { alice, bob } = server.accounts;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function relay(): Promise<TcpRelay> {
  const started = await startTcpRelay(server.host, server.c2sPort);
  cleanups.push(() => started.close());
  return started;
}

async function peer(resource: string): Promise<Peer> {
  const started = await startPeer(server, bob, { resource });
  cleanups.push(() => started.stop());
  return started;
}

function service(options: JabberServiceOptions = {}): JabberService {
  const created = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, backoff: { baseMs: 100, maxMs: 400 }, ...options });
  cleanups.push(() => created.dispose());
  return created;
}


const isConnected = ({ connection }: { connection: ConnectionState }): boolean => connection.status === 'connected';

describe('staying connected', () => {
  it('resumes the session after the link drops: queued and in-flight messages arrive exactly once', async () => {
    const link = await relay();
    const client = service();
    const signedIn = await client.addAccount({ jid: alice.jid, password: alice.password, host: '127.0.0.1', port: link.port });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const bobPeer = await peer('resume');
    await nextEvent(client, 'onContact', ({ contact: c }) => c.jid === bob.jid && c.presence.show === 'online');

    const reconnecting = nextEvent(client, 'onConnectionState', ({ connection: s }) => s.status === 'connecting' && s.attempt !== undefined);
    link.cutAll();
    const { connection: state } = await reconnecting;
    expect(state.status === 'connecting' && state.error?.code).toBe('connection-lost');

    // Written while the link is down: queued, not refused.
    const queued = await client.sendMessage({ account: alice.jid, to: bob.jid, body: 'sent while offline' });
    expect(queued.ok).toBe(true);
    // Sent to Alice while she is away: the server holds it for the resumable session.
    await bobPeer.sendMessage(signedIn.value.jid, 'sent to the sleeping session');

    const back = nextEvent(client, 'onConnectionState', isConnected);
    const incoming = nextEvent(client, 'onMessage', ({ message: m }) => m.body === 'sent to the sleeping session');
    expect((await back).connection).toEqual({ status: 'connected', jid: signedIn.value.jid }); // same resource: resumed
    await incoming;
    await bobPeer.waitForMessage((m) => m.body === 'sent while offline');

    // Give duplicates a chance to show up, then count.
    await bobPeer.sendMessage(alice.jid, 'marker');
    await nextEvent(client, 'onMessage', ({ message: m }) => m.body === 'marker');
    expect(bobPeer.received.filter((m) => m.body === 'sent while offline')).toHaveLength(1);
    const snapshot = await client.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]?.messages.filter((m) => m.body === 'sent to the sleeping session')).toHaveLength(1);
    expect(link.connections()).toBe(2);
  });

  it('notices a dead link that never closes and reconnects', async () => {
    const link = await relay();
    const client = service({ keepaliveMs: 300, livenessTimeoutMs: 300 });
    const signedIn = await client.addAccount({ jid: alice.jid, password: alice.password, host: '127.0.0.1', port: link.port });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const reconnecting = nextEvent(client, 'onConnectionState', ({ connection: s }) => s.status === 'connecting' && s.attempt !== undefined);
    link.freezeAll();
    const { connection: state } = await reconnecting;
    expect(state.status === 'connecting' && state.error?.code).toBe('timeout');
    await nextEvent(client, 'onConnectionState', isConnected);
    // Still a working session: a message goes through.
    const bobPeer = await peer('dead-link');
    const sent = await client.sendMessage({ account: alice.jid, to: bob.jid, body: 'after the dead link' });
    expect(sent.ok).toBe(true);
    await bobPeer.waitForMessage((m) => m.body === 'after the dead link');
  });

  it('reconnects at once when asked, instead of waiting for the backoff', async () => {
    const link = await relay();
    const client = service({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
    expect((await client.addAccount({ jid: alice.jid, password: alice.password, host: '127.0.0.1', port: link.port })).ok).toBe(true);
    const reconnecting = nextEvent(client, 'onConnectionState', ({ connection: s }) => s.status === 'connecting' && s.attempt !== undefined);
    link.cutAll();
    await reconnecting;
    const back = nextEvent(client, 'onConnectionState', isConnected, 5_000);
    expect(await client.reconnectNow({ account: alice.jid })).toEqual({ ok: true, value: null });
    await back;
  });
});
