/**
 * Browser mode keeps passwords in memory unless the user opts in (--save-passwords): then they are
 * kept encrypted with the user's passphrase, survive a restart, and never appear in plaintext.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, signIn, startWebHost, test } from './fixtures.ts';

async function profileBytes(profile: string): Promise<Buffer[]> {
  const entries = await readdir(profile, { withFileTypes: true, recursive: true });
  return Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(path.join(entry.parentPath, entry.name))));
}

test('an opted-in password survives a restart of the web host, encrypted, and a wrong passphrase is refused', async ({ page, server }) => {
  const profile = await mkdtemp(path.join(tmpdir(), 'jabber-profile-'));
  const passphrase = 'only the user knows this';
  const trust = [server.caCertFile];
  try {
    const first = await startWebHost({ profile, trust, passphrase });
    try {
      await page.goto(first.url);
      await signIn(page, server, server.accounts.alice);
      await expect(page.getByText('Connected', { exact: true })).toBeVisible();
    } finally {
      await first.stop();
    }

    const password = server.accounts.alice.password;
    for (const bytes of await profileBytes(profile)) {
      expect(bytes.includes(Buffer.from(password))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(password).toString('base64')))).toBe(false);
      expect(bytes.includes(Buffer.from(passphrase))).toBe(false);
    }

    // Restarted with the passphrase: the account signs in by itself, nothing typed.
    const second = await startWebHost({ profile, trust, passphrase });
    try {
      await page.goto(second.url);
      await expect(page.getByText('Connected', { exact: true })).toBeVisible();
      await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: /Bob/u })).toBeVisible();
    } finally {
      await second.stop();
    }

    await expect(startWebHost({ profile, trust, passphrase: 'a wrong guess' })).rejects.toThrow(/exited with code 2/u);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
