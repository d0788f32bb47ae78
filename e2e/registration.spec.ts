/** XEP-0077 from the UI: create an account on the server, then change its password in account settings. */
import { startPeer } from './peer.ts';
import { expect, test } from './fixtures.ts';

test('creates an account on the server and changes its password', async ({ page, server, webHost }) => {
  const jid = `erin-${Math.random().toString(36).slice(2, 8)}@example.test`;
  await page.goto(webHost.url);
  await page.getByRole('textbox', { name: 'Jabber ID' }).fill(jid);
  await page.getByLabel('Password', { exact: true }).fill('first-password-1');
  await page.getByText('Advanced').click();
  await page.getByRole('textbox', { name: 'Server' }).fill(server.host);
  await page.getByRole('textbox', { name: 'Port' }).fill(String(server.c2sPort));
  await page.getByRole('checkbox', { name: 'Create this account on the server' }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Account settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Account settings' });
  await dialog.getByLabel('New password').fill('second-password-2');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog).toContainText('Password changed on the server.');

  // Another client signs in with the new password: the change reached the server.
  const other = await startPeer(server, { jid, password: 'second-password-2' }, { resource: 'check' });
  await other.stop();
});

test('says clearly when the user name is taken', async ({ page, server, webHost }) => {
  await page.goto(webHost.url);
  await page.getByRole('textbox', { name: 'Jabber ID' }).fill(server.accounts.bob.jid);
  await page.getByLabel('Password', { exact: true }).fill('whatever-123');
  await page.getByText('Advanced').click();
  await page.getByRole('textbox', { name: 'Server' }).fill(server.host);
  await page.getByRole('textbox', { name: 'Port' }).fill(String(server.c2sPort));
  await page.getByRole('checkbox', { name: 'Create this account on the server' }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('already taken');
});
