/**
 * FAST tokens through the account layer, against a Prosody with SASL2, Bind2 and FAST: the token
 * from one sign-in is stored beside the remembered password and signs the account in next time.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type TestServer } from '../../../e2e/server/prosody.ts';
import type { ConnectionState } from '../../shared/contract.ts';
import { createMemoryAccountStore } from '../../store/account-store.ts';
import { createMemorySecretStore } from '../../store/secret-store.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startProsody({ sasl2: true });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

function connected(service: JabberService, account: string): Promise<ConnectionState> {
  return new Promise((resolve) => {
    const unsubscribe = service.subscribe((envelope) => {
      if (envelope.event !== 'onConnectionState') return;
      const { account: who, connection } = envelope.payload as { account: string; connection: ConnectionState };
      if (who === account && connection.status === 'connected') {
        unsubscribe();
        resolve(connection);
      }
    });
  });
}

const fastSignIns = (): number => (readFileSync(server.logFile, 'utf8').match(/<authenticate [^>]*mechanism='HT-SHA-256-/gu) ?? []).length;

describe('FAST tokens of a remembered account', () => {
  it('are stored with the password and used at the next start', async () => {
    const { alice } = server.accounts;
    const stores = { accountStore: createMemoryAccountStore(), secretStore: createMemorySecretStore() };
    const options = { trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 };
    const first = createJabberService({ ...options, autoConnect: true }, stores);
    const added = await first.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort, rememberPassword: true });
    expect(added.ok).toBe(true);
    await expect.poll(async () => (await stores.secretStore.get(`fast-token:${alice.jid}`)) !== undefined).toBe(true);
    await first.dispose();

    const before = fastSignIns();
    const second = createJabberService({ ...options, autoConnect: true }, stores);
    await connected(second, alice.jid);
    await expect.poll(fastSignIns).toBe(before + 1);
    await second.dispose();
  });
});
