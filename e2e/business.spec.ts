/**
 * A company server (its own Prosody, started here: shared groups, a user directory, administration
 * by ad-hoc commands): search the directory and add the result; an administrator adds a user.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPeer } from './peer.ts';
import { BUSINESS_ADMIN, createAccount, startProsody, type TestServer } from './server/prosody.ts';
import type { Page } from '@playwright/test';
import { expect, signIn, startWebHost, test } from './fixtures.ts';

let server: TestServer;
test.beforeAll(async () => {
  server = await startProsody({ business: true });
  await createAccount(server, BUSINESS_ADMIN.username, BUSINESS_ADMIN.password);
  const carol = await startPeer(server, server.accounts.carol, { resource: 'vcard' });
  await carol.iq(`<iq type='set'><vCard xmlns='vcard-temp'><N><GIVEN>Carol</GIVEN><FAMILY>Danvers</FAMILY></N><EMAIL><USERID>carol@corp.example</USERID></EMAIL></vCard></iq>`);
  await carol.stop();
});
test.afterAll(async () => {
  await server?.stop();
});

async function openApp(page: Page, account: { jid: string; password: string }) {
  const profile = await mkdtemp(path.join(tmpdir(), 'jabber-profile-'));
  const host = await startWebHost({ profile, trust: [server.caCertFile] });
  await page.goto(host.url);
  await signIn(page, server, account);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  return async () => {
    await host.stop();
    await rm(profile, { recursive: true, force: true });
  };
}

test('searches the user directory and adds a colleague found there; shared groups show', async ({ page }) => {
  const close = await openApp(page, server.accounts.alice);
  try {
    // Engineering is a group the server shares: Bob is in it without anybody adding him.
    await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob/u })).toBeVisible();
    await expect(page.getByText('Engineering')).toBeVisible();

    await page.getByRole('button', { name: 'Tools' }).click();
    await page.getByRole('menuitem', { name: 'Search directory' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search directory' });
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('corp.example');
    await dialog.getByRole('button', { name: 'Search' }).click();
    const found = dialog.getByRole('list', { name: 'Directory results' }).getByRole('listitem', { name: /Carol Danvers, carol@example\.test/u });
    await expect(found).toBeVisible();
    await found.getByRole('button', { name: 'Add Carol Danvers as a contact' }).click();
    await expect(found).toContainText('Request sent');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Carol Danvers/u })).toBeVisible();
  } finally {
    await close();
  }
});

test('an administrator adds a user with the server\'s own form; the new account signs in', async ({ page }) => {
  const close = await openApp(page, { jid: `${BUSINESS_ADMIN.username}@example.test`, password: BUSINESS_ADMIN.password });
  try {
    await page.getByRole('button', { name: 'Tools' }).click();
    await page.getByRole('menuitem', { name: 'Server administration' }).click();
    await page.getByRole('list', { name: 'Commands' }).getByRole('button', { name: /Add user/iu }).click();
    const dialog = page.getByRole('dialog', { name: /Add user/iu });
    await dialog.getByRole('textbox', { name: /Jabber ID/iu }).fill('erin@example.test');
    await dialog.getByLabel(/password for this account/iu).fill('erin-secret-1');
    await dialog.getByLabel(/Retype password/iu).fill('erin-secret-1');
    await dialog.getByRole('button', { name: 'Finish' }).click();
    await expect(dialog.getByRole('status')).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveCount(0);
  } finally {
    await close();
  }
  const erin = await startPeer(server, { jid: 'erin@example.test', password: 'erin-secret-1' }, { resource: 'check' });
  await erin.stop();
});
