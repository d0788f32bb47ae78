/**
 * Every device sees the same conversation: carbons from another device of the same account,
 * messages exchanged while signed out fetched from the archive at the next sign-in (once each),
 * and a forged carbon from someone else dropped. Against the real Prosody (mod_carbons, mod_mam).
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer, type Peer } from '../../../../e2e/peer.ts';
import type { ChatMessage } from '../../../shared/contract.ts';
import { parseAccountJid } from '../../../shared/jid.ts';
import { startSession, type Session } from '../../session/session.ts';
import { quietSessionEvents } from '../../service-test-support.ts';

const server = inject('testServer');
const { alice, bob, carol } = server.accounts;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function signInAlice(received: ChatMessage[]): Promise<Session> {
  const account = parseAccountJid(alice.jid);
  if (!account.ok) throw new Error(account.reason);
  const session = await startSession(
    { account: account.jid, password: alice.password, host: server.host, port: server.c2sPort, trustedCertificates: [server.caCertPem], stepTimeoutMs: 5_000 },
    quietSessionEvents({ message: (m) => received.push(m) }),
  );
  cleanups.push(() => session.stop());
  return session;
}

async function peer(account: typeof bob, resource: string): Promise<Peer> {
  const started = await startPeer(server, account, { resource });
  cleanups.push(() => started.stop());
  return started;
}

const unique = (label: string): string => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe('history across devices', () => {
  it('shows what another device of the account sends and receives (carbons)', async () => {
    const received: ChatMessage[] = [];
    await signInAlice(received);
    const phone = await peer(alice, 'phone');
    const bobPeer = await peer(bob, 'carbons');
    const fromPhone = unique('sent from the phone');
    await phone.sendMessage(bob.jid, fromPhone);
    await expect.poll(() => received.find((m) => m.body === fromPhone)).toMatchObject({ direction: 'out', conversation: bob.jid });
    const toPhone = unique('to the phone');
    await bobPeer.sendMessage(phone.jid, toPhone);
    await expect.poll(() => received.find((m) => m.body === toPhone)).toMatchObject({ direction: 'in', conversation: bob.jid });
  });

  it('drops a forged carbon from another JID', async () => {
    const received: ChatMessage[] = [];
    const session = await signInAlice(received);
    const carolPeer = await peer(carol, 'forger');
    const forged = unique('forged');
    await carolPeer.sendRaw(
      `<message to='${session.jid}' type='chat'><received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>` +
        `<message xmlns='jabber:client' from='bob@example.test/x' to='${alice.jid}' type='chat' id='f1'><body>${forged}</body></message>` +
        `</forwarded></received></message>`,
    );
    const marker = unique('marker');
    await carolPeer.sendMessage(alice.jid, marker);
    await expect.poll(() => received.some((m) => m.body === marker)).toBe(true);
    expect(received.some((m) => m.body === forged)).toBe(false);
  });

  it('fetches what was exchanged while signed out from the archive, once', async () => {
    const first: ChatMessage[] = [];
    const session = await signInAlice(first);
    await session.stop();
    const bobPeer = await peer(bob, 'archive');
    const whileAway = unique('while you were away');
    await bobPeer.sendMessage(alice.jid, whileAway);
    const phone = await peer(alice, 'phone2');
    const fromPhone = unique('answered from the phone');
    await phone.sendMessage(bob.jid, fromPhone);
    await bobPeer.waitForMessage((m) => m.body === fromPhone);
    await phone.stop();

    const received: ChatMessage[] = [];
    await signInAlice(received);
    await expect.poll(() => received.some((m) => m.body === fromPhone)).toBe(true);
    await expect.poll(() => received.some((m) => m.body === whileAway)).toBe(true);
    const inbound = received.filter((m) => m.body === whileAway);
    // Delivered offline and listed by the archive: the same message (same id), which the history stores once.
    expect(new Set(inbound.map((m) => m.id)).size).toBe(1);
    const outbound = received.find((m) => m.body === fromPhone);
    expect(outbound).toMatchObject({ direction: 'out', conversation: bob.jid });
    const order = received.filter((m) => m.body === whileAway || m.body === fromPhone);
    expect(order.at(-1)?.timestamp).toBeGreaterThanOrEqual(order[0]?.timestamp ?? 0);
  });
});
