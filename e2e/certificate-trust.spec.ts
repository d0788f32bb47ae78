/**
 * A company server whose certificate no trusted authority vouches for (the web host here does not
 * trust the test CA): the user sees the certificate, may cancel, and may trust it explicitly.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, signIn, test } from './fixtures.ts';

test.use({ trustTestCa: false });

test('shows an untrusted certificate, cancels, then trusts it and signs in', async ({ page, server, webHost }) => {
  // The server certificate the harness generated, next to its CA.
  const serverCertificate = new X509Certificate(await readFile(path.join(path.dirname(server.caCertFile), 'example.test.crt')));
  const fingerprint = serverCertificate.fingerprint256;

  await page.goto(webHost.url);
  await signIn(page, server, server.accounts.alice);
  const dialog = page.getByRole('dialog', { name: 'Untrusted certificate' });
  await expect(dialog).toContainText(fingerprint);
  await expect(dialog).toContainText('Jabber Test CA');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Connected', { exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Account settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Account settings' });
  const pinned = settings.getByRole('listitem', { name: new RegExp(fingerprint, 'u') });
  await expect(pinned).toBeVisible();
  await pinned.getByRole('button', { name: 'Remove' }).click();
  await expect(settings.getByRole('listitem', { name: new RegExp(fingerprint, 'u') })).toHaveCount(0);
});
