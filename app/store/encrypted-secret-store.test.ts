import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedSecretStore, SecretStoreError } from './encrypted-secret-store.ts';

const kdf = { N: 1024, r: 8, p: 1 }; // cheap for tests; users get the default cost

describe('encrypted secret store (browser mode, opt-in)', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'secret-store-'));
    file = path.join(dir, 'secrets.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps secrets across openings with the same passphrase, never in plaintext, owner-only', async () => {
    const store = await openEncryptedSecretStore({ file, passphrase: 'correct horse', kdf });
    await store.set('alice@example.test', 'alice-password-123');
    await store.set('fast-token:alice@example.test', '{"token":"secret-token:fast-abc"}');
    await store.set('carol@example.test', 'to be removed');
    await store.delete('carol@example.test');

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('alice-password-123');
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('to be removed');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const reopened = await openEncryptedSecretStore({ file, passphrase: 'correct horse', kdf });
    expect(await reopened.get('alice@example.test')).toBe('alice-password-123');
    expect(await reopened.get('fast-token:alice@example.test')).toBe('{"token":"secret-token:fast-abc"}');
    expect(await reopened.get('carol@example.test')).toBeUndefined();
  });

  it('refuses a wrong passphrase at opening and leaves the file as it was', async () => {
    const store = await openEncryptedSecretStore({ file, passphrase: 'right', kdf });
    await store.set('alice@example.test', 'pw');
    const before = await readFile(file, 'utf8');
    await expect(openEncryptedSecretStore({ file, passphrase: 'wrong', kdf })).rejects.toThrow(SecretStoreError);
    await expect(openEncryptedSecretStore({ file, passphrase: 'wrong', kdf })).rejects.toThrow(/passphrase does not open/u);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses an empty passphrase and a file that is not ours', async () => {
    await expect(openEncryptedSecretStore({ file, passphrase: '', kdf })).rejects.toThrow(/empty/u);
    await writeFile(file, '{"something":"else"}');
    await expect(openEncryptedSecretStore({ file, passphrase: 'x', kdf })).rejects.toThrow(/not a saved-password file/u);
    expect(await readFile(file, 'utf8')).toBe('{"something":"else"}');
  });

  it('gives nothing for a tampered secret instead of garbage', async () => {
    const store = await openEncryptedSecretStore({ file, passphrase: 'p', kdf });
    await store.set('alice@example.test', 'pw');
    const content = JSON.parse(await readFile(file, 'utf8')) as { secrets: Record<string, string> };
    const box = Buffer.from(content.secrets['alice@example.test'] ?? '', 'base64');
    box[box.length - 1] = (box[box.length - 1] ?? 0) ^ 1;
    content.secrets['alice@example.test'] = box.toString('base64');
    await writeFile(file, JSON.stringify(content));
    const reopened = await openEncryptedSecretStore({ file, passphrase: 'p', kdf });
    expect(await reopened.get('alice@example.test')).toBeUndefined();
  });
});
