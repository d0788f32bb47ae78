/**
 * The generic command path against the real Prosody: a signed-in session answers every contract
 * command the service routes to features (so a command added to the contract and not to the service
 * fails here until a feature declares it), and a feature's command and event travel unchanged.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { parseAccountJid } from '../../shared/jid.ts';
import { createJabberService, FEATURE_COMMAND_NAMES } from '../service.ts';
import { freshUser, nextEvent, quietSessionEvents } from '../service-test-support.ts';
import { startSession, type Session, type SessionEvents } from './session.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const quiet: SessionEvents = quietSessionEvents();

describe('commands of the features', () => {
  it('a signed-in session answers every command the service routes to its features', async () => {
    const user = await freshUser(server, 'features', 'feature-secret-1');
    const account = parseAccountJid(user.jid);
    if (!account.ok) throw new Error(account.reason);
    const session: Session = await startSession(
      { account: account.jid, password: user.password, host: server.host, port: server.c2sPort, trustedCertificates: [server.caCertPem], stepTimeoutMs: 5_000 },
      quiet,
    );
    cleanups.push(() => session.stop());
    expect(Object.keys(session.commands).sort()).toEqual([...FEATURE_COMMAND_NAMES].sort());
  });

  it('blockContact reaches the blocking feature, whose onBlocklist arrives as the feature emitted it', async () => {
    const [alice, spammer] = [await freshUser(server, 'alice', 'feature-secret-1'), await freshUser(server, 'spam', 'feature-secret-1')];
    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
    cleanups.push(() => service.dispose());
    const added = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });
    expect(added.ok).toBe(true);
    await expect.poll(async () => {
      const snapshot = await service.getSnapshot();
      return snapshot.ok && snapshot.value.accounts[0]?.blockingSupported;
    }).toBe(true);
    const listed = nextEvent(service, 'onBlocklist', ({ blocked }) => blocked.length > 0);
    expect(await service.blockContact({ account: alice.jid, jid: spammer.jid })).toEqual({ ok: true, value: null });
    expect(await listed).toEqual({ account: alice.jid, blocked: [spammer.jid], supported: true });
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts[0]).toMatchObject({ blocked: [spammer.jid], blockingSupported: true });

    // Signed out: the list is the session's, and goes with it.
    const cleared = nextEvent(service, 'onBlocklist', ({ blocked }) => blocked.length === 0);
    expect(await service.signOut({ account: alice.jid })).toEqual({ ok: true, value: null });
    expect(await cleared).toEqual({ account: alice.jid, blocked: [], supported: false });
    expect(await service.blockContact({ account: alice.jid, jid: spammer.jid })).toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });
});
