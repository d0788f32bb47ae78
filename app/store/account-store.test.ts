import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountFileError, createJsonAccountStore } from './account-store-file.ts';
import { createMemoryAccountStore, parseAccountSettings, toStoredSettings, type AccountSettings } from './account-store.ts';

const alice: AccountSettings = { jid: 'alice@example.test', host: '127.0.0.1', port: 5222, enabled: true };
const carol: AccountSettings = { jid: 'carol@example.test', enabled: false };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'account-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseAccountSettings', () => {
  it('keeps the known fields of a valid entry and normalizes the JID', () => {
    expect(parseAccountSettings({ jid: 'Alice@Example.TEST', enabled: true, extra: 'x' })).toEqual({ jid: 'alice@example.test', enabled: true });
    expect(parseAccountSettings(alice)).toEqual(alice);
  });

  it('refuses what an account cannot be', () => {
    for (const bad of [null, [], { jid: 'example.test', enabled: true }, { jid: 'a@b/c', enabled: true }, { jid: 'a@b' }, { jid: 'a@b', enabled: true, port: 0 },
      { jid: 'a@b', enabled: true, port: 5222.5 }, { jid: 'a@b', enabled: true, host: 'a b' }, { jid: 'a@b', enabled: true, host: '' }]) {
      expect(parseAccountSettings(bad)).toBeNull();
    }
  });
});

describe('memory account store', () => {
  it('gives back what was saved, as copies, without unknown fields', async () => {
    const store = createMemoryAccountStore();
    expect(await store.load()).toEqual([]);
    const withPassword = { ...alice, password: 'secret' } as AccountSettings;
    await store.save([withPassword, carol]);
    const loaded = await store.load();
    expect(loaded).toEqual([alice, carol]);
    expect(JSON.stringify(loaded)).not.toContain('secret');
  });
});

describe('JSON file account store', () => {
  const file = () => path.join(dir, 'profile', 'accounts.json');

  it('loads nothing when there is no file yet, then round-trips the list in order', async () => {
    const store = createJsonAccountStore(file());
    expect(await store.load()).toEqual([]);
    await store.save([carol, alice]);
    expect(await createJsonAccountStore(file()).load()).toEqual([carol, alice]);
  });

  it('writes the file and its directory for the owner only (0600, 0700)', async () => {
    const previous = process.umask(0);
    try {
      await createJsonAccountStore(file()).save([alice]);
    } finally {
      process.umask(previous);
    }
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file()))).mode & 0o777).toBe(0o700);
  });

  it('never writes a password, even when one is handed to it', async () => {
    const password = 'correct horse battery staple';
    await createJsonAccountStore(file()).save([{ ...alice, password } as AccountSettings]);
    const text = await readFile(file(), 'utf8');
    expect(text).not.toContain(password);
    expect(text).not.toContain('password');
    expect(JSON.parse(text)).toEqual({ version: 1, accounts: [alice] });
  });

  it('replaces the file atomically: a new file is renamed over the old one, no temporary file is left', async () => {
    const store = createJsonAccountStore(file());
    await store.save([alice]);
    const before = await stat(file());
    await store.save([alice, carol]);
    const after = await stat(file());
    // A rename puts a different inode in place; an in-place rewrite would keep the old one.
    expect(after.ino).not.toBe(before.ino);
    expect(await readdir(path.dirname(file()))).toEqual(['accounts.json']);
  });

  it('keeps saves in order: the last one asked for is the one on disk', async () => {
    const store = createJsonAccountStore(file());
    await Promise.all([store.save([alice]), store.save([carol]), store.save([alice, carol])]);
    expect(await store.load()).toEqual([alice, carol]);
    expect(await readdir(path.dirname(file()))).toEqual(['accounts.json']);
  });

  it('moves an unreadable file aside and says so, so the next save starts afresh', async () => {
    const store = createJsonAccountStore(file());
    await store.save([alice]);
    await writeFile(file(), '{ "version": 1, "accounts": [ {"jid": ');
    await expect(store.load()).rejects.toBeInstanceOf(AccountFileError);
    const names = await readdir(path.dirname(file()));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^accounts\.json\.unreadable-\d+$/u);
    expect(await store.load()).toEqual([]);
  });
});

describe('trusted certificates and proxies in account settings', () => {
  const fingerprint = Array.from({ length: 32 }, () => '0A').join(':');
  const pin = { fingerprintSha256: fingerprint, subject: 'CN=chat.corp', issuer: 'CN=chat.corp', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z' };

  it('keeps pins and proxies, and never a proxy password', () => {
    const stored = toStoredSettings({
      jid: 'alice@example.test', enabled: true, trustedCertificates: [pin],
      proxy: { type: 'http', host: 'proxy.corp', port: 3128, username: 'me', password: 'secret' } as never,
    });
    expect(stored.trustedCertificates).toEqual([pin]);
    expect(JSON.stringify(stored)).not.toContain('secret');
  });

  it('drops a damaged pin instead of trusting it, and refuses a damaged proxy', () => {
    expect(parseAccountSettings({ jid: 'alice@example.test', enabled: true, trustedCertificates: [{ ...pin, fingerprintSha256: 'nonsense' }, pin] })?.trustedCertificates).toEqual([pin]);
    expect(parseAccountSettings({ jid: 'alice@example.test', enabled: true, proxy: { type: 'ftp', host: 'x', port: 1 } })).toBeNull();
  });
});
