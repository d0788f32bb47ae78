/**
 * A trusted self-signed server is replaced by one with another certificate at the same address:
 * the app refuses it with a prominent warning instead of trusting it silently.
 */
import { startProsody } from './server/prosody.ts';
import { startTcpRelay } from './tcp-relay.ts';
import { expect, test } from './fixtures.ts';

test.use({ trustTestCa: false });

test('refuses a changed certificate after the first was trusted, with a warning', async ({ page, server, webHost }) => {
  const replacement = await startProsody(); // its own CA and certificate, same domain and accounts
  const relay = await startTcpRelay(server.host, server.c2sPort);
  try {
    await page.goto(webHost.url);
    await page.getByRole('textbox', { name: 'Jabber ID' }).fill(server.accounts.alice.jid);
    await page.getByLabel('Password', { exact: true }).fill(server.accounts.alice.password);
    await page.getByText('Advanced').click();
    await page.getByRole('textbox', { name: 'Server' }).fill('127.0.0.1');
    await page.getByRole('textbox', { name: 'Port' }).fill(String(relay.port));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('dialog', { name: 'Untrusted certificate' }).getByRole('button', { name: 'Trust this certificate' }).click();
    await expect(page.getByText('Connected', { exact: true })).toBeVisible();

    // The server behind the address is replaced; the link drops and the app reconnects to the new one.
    relay.retarget(replacement.c2sPort);
    relay.cutAll();
    await expect(page.getByRole('alert')).toContainText('has changed since you trusted it', { timeout: 20_000 });
    await expect(page.getByText('Connected', { exact: true })).toHaveCount(0);
  } finally {
    await relay.close();
    await replacement.stop();
  }
});
