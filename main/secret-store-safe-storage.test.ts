import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore, type SafeStorageApi } from './secret-store-safe-storage.ts';

/** Stands in for the OS: "encrypts" by reversing bytes and XOR, so the plaintext never appears as such. */
function fakeSafeStorage(options: { available?: boolean; backend?: ReturnType<SafeStorageApi['getSelectedStorageBackend']>; reEncrypt?: boolean } = {}) {
  const calls = { encrypt: 0 };
  const scramble = (bytes: Buffer): Buffer => Buffer.from(bytes.map((byte) => byte ^ 0x5a).reverse());
  const api: SafeStorageApi = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: async (text) => {
      calls.encrypt += 1;
      return scramble(Buffer.from(`v1:${text}`, 'utf8'));
    },
    decryptStringAsync: async (encrypted) => ({ result: scramble(encrypted).toString('utf8').replace(/^v1:/u, ''), shouldReEncrypt: options.reEncrypt ?? false }),
  };
  return { api, calls };
}

let dir: string;
const logs: string[] = [];
const log = (message: string) => logs.push(message);
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safe-storage-'));
  logs.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PASSWORD = 'p4ssw0rd-that-must-not-leak';

describe('safeStorage secret store', () => {
  it('stores secrets encrypted, as base64, in a 0600 file, and reads them back in a new instance', async () => {
    const file = path.join(dir, 'secrets.json');
    const { api } = fakeSafeStorage();
    const store = await createSafeStorageSecretStore({ safeStorage: api, file, platform: 'linux', log });
    await store.set('alice@example.test', PASSWORD);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(JSON.parse(text)).toMatchObject({ version: 1, secrets: { 'alice@example.test': expect.stringMatching(/^[A-Za-z0-9+/]+=*$/u) } });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const again = await createSafeStorageSecretStore({ safeStorage: api, file, platform: 'linux', log });
    expect(await again.get('alice@example.test')).toBe(PASSWORD);
    await again.delete('alice@example.test');
    expect(await again.get('alice@example.test')).toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, secrets: {} });
    expect(logs).toEqual([]);
  });

  it('keeps secrets in memory only, and says so, when the system offers no encryption', async () => {
    const file = path.join(dir, 'secrets.json');
    const store = await createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ available: false }).api, file, platform: 'darwin', log });
    await store.set('alice@example.test', PASSWORD);
    expect(await store.get('alice@example.test')).toBe(PASSWORD);
    expect(await readdir(dir)).toEqual([]);
    expect(logs.join('\n')).toMatch(/in memory only/u);
  });

  it('treats Linux’s basic_text backend (a key built into Chromium) as no encryption', async () => {
    const file = path.join(dir, 'secrets.json');
    const store = await createSafeStorageSecretStore({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }).api, file, platform: 'linux', log });
    await store.set('alice@example.test', PASSWORD);
    expect(await readdir(dir)).toEqual([]);
    expect(logs.join('\n')).toMatch(/no keyring/u);
  });

  it('re-encrypts a secret when the system rotated its key', async () => {
    const file = path.join(dir, 'secrets.json');
    const first = fakeSafeStorage();
    await (await createSafeStorageSecretStore({ safeStorage: first.api, file, log })).set('alice@example.test', PASSWORD);
    const rotated = fakeSafeStorage({ reEncrypt: true });
    const store = await createSafeStorageSecretStore({ safeStorage: rotated.api, file, log });
    expect(await store.get('alice@example.test')).toBe(PASSWORD);
    expect(rotated.calls.encrypt).toBe(1);
  });

  it('moves a damaged file aside and starts empty', async () => {
    const file = path.join(dir, 'secrets.json');
    await writeFile(file, 'not json');
    const store = await createSafeStorageSecretStore({ safeStorage: fakeSafeStorage().api, file, log });
    expect(await store.get('alice@example.test')).toBeUndefined();
    expect((await readdir(dir)).some((name) => name.startsWith('secrets.json.unreadable-'))).toBe(true);
    expect(logs).toHaveLength(1);
  });
});
