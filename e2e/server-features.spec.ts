/** Account settings → Server features: what the account's server offers, asked from the real Prosody. */
import { expect, test } from './fixtures.ts';

test("shows what the account's server offers and how the link is secured", async ({ page, server, webHost }) => {
  const { alice } = server.accounts;
  await page.goto(webHost.url);
  await page.getByRole('textbox', { name: 'Jabber ID' }).fill(alice.jid);
  await page.getByLabel('Password', { exact: true }).fill(alice.password);
  await page.getByText('Advanced').click();
  await page.getByRole('textbox', { name: 'Server' }).fill(server.host);
  await page.getByRole('textbox', { name: 'Port' }).fill(String(server.c2sPort));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Account settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Account settings' });
  await dialog.getByRole('button', { name: 'Check server features' }).click();
  const list = dialog.getByRole('list', { name: `Server features of ${alice.jid}` });
  await expect(list.getByRole('listitem', { name: 'Message carbons, Supported' })).toBeVisible();
  await expect(list.getByRole('listitem', { name: 'Message archive, Supported' })).toBeVisible();
  await expect(list.getByRole('listitem', { name: 'Invisibility, Not offered' })).toBeVisible();
  await expect(dialog.getByLabel('Connection security')).toContainText(/TLSv1\.[23]/u);
  await expect(dialog.getByLabel('Connection security')).toContainText('SCRAM-SHA-');
});
