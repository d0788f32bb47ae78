/**
 * The server restarts under a live session (ejabberd, so the shared Prosody stays up for the other
 * tests): the session reconnects; what we wrote during the outage arrives once; what was sent to us
 * while we were away arrives (offline storage), once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer } from '../../../e2e/peer.ts';
import { startEjabberd, type EjabberdServer } from '../../../e2e/server/ejabberd.ts';
import type { ChatMessage, ConnectionState } from '../../shared/contract.ts';
import { createJabberService } from '../service.ts';

let server: EjabberdServer;
beforeAll(async () => {
  server = await startEjabberd({ websocket: true });
}, 90_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

describe('a server restart', () => {
  it('reconnects, delivers what was written during the outage once, and receives what was sent meanwhile', async () => {
    const { alice, bob } = server.accounts;
    const websocket = { websocketUrl: server.websocketUrl ?? '', domain: server.domain };
    // A long backoff, so the test decides when the client comes back (as "network up" would).
    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 10_000, backoff: { baseMs: 60_000, maxMs: 60_000 } });
    const received: ChatMessage[] = [];
    const states: ConnectionState[] = [];
    service.subscribe((envelope) => {
      if (envelope.event === 'onMessage') received.push((envelope.payload as { message: ChatMessage }).message);
      if (envelope.event === 'onConnectionState') states.push((envelope.payload as { connection: ConnectionState }).connection);
    });
    try {
      expect((await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort })).ok).toBe(true);

      await server.restart();
      await expect.poll(() => states.at(-1)?.status, { timeout: 15_000 }).toBe('connecting');
      expect((await service.sendMessage({ account: alice.jid, to: bob.jid, body: 'written during the outage' })).ok).toBe(true);

      const bobPeer = await startPeer(websocket, bob, { resource: 'after-restart' });
      try {
        await bobPeer.sendMessage(alice.jid, 'sent while you were away');
        await service.reconnectNow({ account: alice.jid });
        await expect.poll(() => states.at(-1)?.status, { timeout: 20_000 }).toBe('connected');
        await bobPeer.waitForMessage((m) => m.body === 'written during the outage', 15_000);
        await expect.poll(() => received.filter((m) => m.body === 'sent while you were away').length, { timeout: 15_000 }).toBe(1);
        // Let any duplicate show up before counting.
        await bobPeer.sendMessage(alice.jid, 'marker');
        await expect.poll(() => received.some((m) => m.body === 'marker'), { timeout: 15_000 }).toBe(true);
        expect(bobPeer.received.filter((m) => m.body === 'written during the outage')).toHaveLength(1);
        expect(received.filter((m) => m.body === 'sent while you were away')).toHaveLength(1);
      } finally {
        await bobPeer.stop();
      }
    } finally {
      await service.dispose();
    }
  }, 90_000);
});
