import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonSettingsStore } from './settings-store.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const authority = { pem: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n', subject: 'CN=Corp CA', fingerprintSha256: 'AA', validTo: '2030-01-01T00:00:00.000Z' };

describe('profile settings file', () => {
  it('keeps the company CAs in a file only its owner can read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'settings-'));
    dirs.push(dir);
    const file = path.join(dir, 'settings.json');
    await createJsonSettingsStore(file).save({ trustedAuthorities: [authority] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await createJsonSettingsStore(file).load()).toEqual({ trustedAuthorities: [authority] });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('trusts nothing extra when the file is missing or damaged', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'settings-'));
    dirs.push(dir);
    const file = path.join(dir, 'settings.json');
    expect(await createJsonSettingsStore(file).load()).toEqual({ trustedAuthorities: [] });
    await writeFile(file, '{ not json');
    expect(await createJsonSettingsStore(file).load()).toEqual({ trustedAuthorities: [] });
  });
});
