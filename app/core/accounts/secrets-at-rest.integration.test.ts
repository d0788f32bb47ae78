/**
 * Nothing secret is written in plaintext: the whole service, with the browser mode's file-backed
 * stores in a real profile directory, signs in to a Prosody that issues FAST tokens (SASL2), saves the
 * password, chats, signs out and in again with the token; then every byte in the profile is scanned
 * for the password and the token, as text, UTF-16 and base64.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer } from '../../../e2e/peer.ts';
import { startProsody, type TestServer } from '../../../e2e/server/prosody.ts';
import { createJsonAccountStore } from '../../store/account-store-file.ts';
import { openEncryptedSecretStore } from '../../store/encrypted-secret-store.ts';
import { openProfileHistory } from '../../store/history-files.ts';
import type { SecretStore } from '../../store/secret-store.ts';
import { createJsonSettingsStore } from '../../store/settings-store.ts';
import { createJabberService } from '../service.ts';
import { nextEvent } from '../service-test-support.ts';

let server: TestServer;
let profile: string;
beforeAll(async () => {
  server = await startProsody({ sasl2: true });
  profile = await mkdtemp(path.join(tmpdir(), 'jabber-profile-'));
});
afterAll(async () => {
  await server?.stop();
  await rm(profile, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every form in which a careless store would leave a secret readable. */
function encodings(secret: string): Buffer[] {
  return [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret, 'utf8').toString('base64'), 'utf8')];
}


async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('secrets at rest', () => {
  it('leaves neither the password nor the FAST token in plaintext anywhere in the profile', async () => {
    const { alice, bob } = server.accounts;
    const passphrase = 'a passphrase only the user knows';
    const kdf = { N: 1024, r: 8, p: 1 };
    const secretStore: SecretStore = await openEncryptedSecretStore({ file: path.join(profile, 'secrets.json'), passphrase, kdf });
    const service = createJabberService(
      { trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 },
      {
        accountStore: createJsonAccountStore(path.join(profile, 'accounts.json')),
        secretStore,
        openHistory: (account) => openProfileHistory(profile, account),
        settingsStore: createJsonSettingsStore(path.join(profile, 'settings.json')),
      },
    );
    const peer = await startPeer(server, bob, { resource: 'at-rest' });
    try {
      const added = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort, rememberPassword: true });
      expect(added.ok).toBe(true);
      const token = await waitFor(() => secretStore.get(`fast-token:${alice.jid}`));
      expect(JSON.parse(token)).toMatchObject({ token: expect.stringMatching(/^secret-token:/u) });

      // Messages both ways, so the history database holds real content next to the secrets.
      expect((await service.sendMessage({ account: alice.jid, to: bob.jid, body: 'at rest check' })).ok).toBe(true);
      const reply = nextEvent(service, 'onMessage', (p) => p.message.body === 'reply at rest');
      await peer.sendMessage(alice.jid, 'reply at rest');
      await reply;

      // Out and in again with the saved secrets only: the token is used (and may be rotated).
      expect((await service.signOut({ account: alice.jid })).ok).toBe(true);
      const connected = nextEvent(service, 'onConnectionState', (p) => p.account === alice.jid && p.connection.status === 'connected');
      expect((await service.signIn({ account: alice.jid })).ok).toBe(true);
      await connected;
      const latestToken = await waitFor(() => secretStore.get(`fast-token:${alice.jid}`));

      await service.dispose();
      const secrets = [alice.password, passphrase, ...new Set([token, latestToken].map((text) => (JSON.parse(text) as { token: string }).token))];
      const files = await filesUnder(profile);
      expect(files.map((file) => path.relative(profile, file))).toEqual(expect.arrayContaining(['accounts.json', 'secrets.json']));
      expect(files.some((file) => file.endsWith('.sqlite'))).toBe(true);
      for (const file of files) {
        const bytes = await readFile(file);
        for (const secret of secrets) {
          for (const encoded of encodings(secret)) expect(bytes.includes(encoded), `${secret.slice(0, 12)}… in ${path.relative(profile, file)}`).toBe(false);
        }
      }
      // Still there for the next start, to whoever has the passphrase.
      const reopened = await openEncryptedSecretStore({ file: path.join(profile, 'secrets.json'), passphrase, kdf });
      expect(await reopened.get(alice.jid)).toBe(alice.password);
    } finally {
      await peer.stop();
      await service.dispose();
    }
  });
});
