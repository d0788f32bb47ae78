/** XEP-0352 client state indication against the real Prosody (mod_csi_simple). */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer } from '../../../e2e/peer.ts';
import type { Contact } from '../../shared/contract.ts';
import { parseAccountJid } from '../../shared/jid.ts';
import { startSession, type Session } from './session.ts';
import { contactsInto, quietSessionEvents } from '../service-test-support.ts';

const server = inject('testServer');
const { alice, bob } = server.accounts;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

describe('client state indication', () => {
  it('lets the server hold back presence while the window is hidden, and deliver it on return', async () => {
    const account = parseAccountJid(alice.jid);
    if (!account.ok) throw new Error(account.reason);
    const seen: Contact[] = [];
    const session: Session = await startSession(
      { account: account.jid, password: alice.password, host: server.host, port: server.c2sPort, trustedCertificates: [server.caCertPem], stepTimeoutMs: 5_000 },
      quietSessionEvents({ emit: contactsInto(seen) }),
    );
    cleanups.push(() => session.stop());
    const bobPeer = await startPeer(server, bob, { resource: 'csi' });
    cleanups.push(() => bobPeer.stop());
    await expect.poll(() => seen.some((c) => c.jid === bob.jid && c.presence.show === 'online')).toBe(true);

    // Let sign-in traffic settle: a PEP service's disco#info query is an IQ, which rightly ends the hold.
    await new Promise((resolve) => setTimeout(resolve, 500));
    session.setActive(false);
    await expect.poll(() => server.logFile && readLog().includes('<inactive')).toBe(true);
    await bobPeer.sendPresence({ show: 'xa', status: 'Gone fishing' });
    // The server holds the unimportant presence update while we are inactive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen.some((c) => c.presence.show === 'xa')).toBe(false);

    session.setActive(true);
    await expect.poll(() => seen.some((c) => c.jid === bob.jid && c.presence.show === 'xa')).toBe(true);
  });
});

function readLog(): string {
  return readFileSync(server.logFile, 'utf8');
}
