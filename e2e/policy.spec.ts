/**
 * Managed deployment (issue 11 item 8) through the web host's --policy, with the real Prosody: the server and
 * port pre-filled and locked ("Managed by your organisation"), only the company's domain, only the company CA,
 * no password saving, and a policy file that cannot be used shown, not ignored.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { freshUser } from '../app/core/service-test-support.ts';
import type { AccountSummary, Result } from '../app/shared/contract.ts';
import { expect, startWebHost, test, type RunningWebHost } from './fixtures.ts';
import type { TestServerInfo } from './server/test-server-info.ts';

const cleanups: Array<() => Promise<unknown>> = [];
test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

/** A web host with this policy file (and a fresh profile), stopped after the test. */
async function hostWithPolicy(policy: string | object): Promise<RunningWebHost> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jabber-policy-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'policy.json');
  await writeFile(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
  const host = await startWebHost({ profile: path.join(dir, 'profile'), policy: file });
  cleanups.push(() => host.stop());
  return host;
}

const companyPolicy = (server: TestServerInfo, ca: string = server.caCertFile) => ({
  domain: server.domain,
  server: server.host,
  port: server.c2sPort,
  otherAccounts: false,
  certificateAuthorityFile: ca,
  savePasswords: false,
  fileUpload: false,
  updates: { enabled: false },
});

const listAccounts = (page: Page) =>
  page.evaluate(() => (window as unknown as { jabber: { listAccounts(): Promise<Result<readonly AccountSummary[]>> } }).jabber.listAccounts());

test('a company policy pre-fills and locks the server and port, signs in with only the company CA, and saves no password', async ({ page, server }) => {
  const me = await freshUser(server, 'managed');
  const host = await hostWithPolicy(companyPolicy(server));
  await page.goto(host.url);

  await page.getByText('Advanced').click();
  const serverField = page.getByRole('textbox', { name: 'Server' });
  const portField = page.getByRole('textbox', { name: 'Port' });
  await expect(serverField).toHaveValue(server.host);
  await expect(serverField).toBeDisabled();
  await expect(serverField).toHaveAccessibleDescription('Managed by your organisation');
  await expect(portField).toHaveValue(String(server.c2sPort));
  await expect(portField).toBeDisabled();
  const remember = page.getByRole('checkbox', { name: 'Remember password' });
  await expect(remember).not.toBeChecked();
  await expect(remember).toBeDisabled();
  await expect(remember).toHaveAccessibleDescription('Managed by your organisation');
  await expect(page.getByRole('textbox', { name: 'Jabber ID' })).toHaveAttribute('placeholder', `name@${server.domain}`);

  // The web host trusts no extra CA here: the policy's CA (the test server's) alone lets the sign-in through.
  await page.getByRole('textbox', { name: 'Jabber ID' }).fill(me.jid);
  await page.getByLabel('Password', { exact: true }).fill(me.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  // No password saving: the core kept none.
  const accounts = await listAccounts(page);
  expect(accounts).toMatchObject({ ok: true, value: [{ account: me.jid, passwordSaved: false, host: server.host, port: server.c2sPort }] });
  // The core refuses what the UI would not offer.
  const refused = await page.evaluate(
    (jid) => (window as unknown as { jabber: { updateAccount(r: object): Promise<Result<unknown>> } }).jabber.updateAccount({ account: jid, host: 'elsewhere.invalid' }),
    me.jid,
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'policy-locked' } });

  // Account settings shows the same locks.
  await page.getByRole('button', { name: 'Account settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Account settings' });
  await expect(dialog.getByRole('textbox', { name: 'Server' })).toBeDisabled();
  await expect(dialog.getByRole('textbox', { name: 'Server' })).toHaveAccessibleDescription('Managed by your organisation');
  await expect(dialog.getByRole('textbox', { name: 'Port' })).toBeDisabled();
  await expect(dialog.getByText(/is trusted for your organisation’s server/u)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Add authority' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Signing in again asks for the password, and its prompt offers no saving either.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const prompt = page.getByRole('dialog', { name: `Sign in to ${me.jid}` });
  const rememberAgain = prompt.getByRole('checkbox', { name: 'Remember password' });
  await expect(rememberAgain).not.toBeChecked();
  await expect(rememberAgain).toBeDisabled();
  await expect(rememberAgain).toHaveAccessibleDescription('Managed by your organisation');
  await prompt.getByLabel('Password', { exact: true }).fill(me.password);
  await prompt.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  expect(await listAccounts(page)).toMatchObject({ ok: true, value: [{ account: me.jid, passwordSaved: false }] });
});

test('an account on another domain is refused', async ({ page, server }) => {
  const host = await hostWithPolicy(companyPolicy(server));
  await page.goto(host.url);
  await page.getByRole('textbox', { name: 'Jabber ID' }).fill('mallory@elsewhere.example');
  await page.getByLabel('Password', { exact: true }).fill('whatever-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(`Only accounts on ${server.domain} can be used here`);
  await expect(page.getByRole('alert')).toContainText('managed by your organisation');
  expect(await listAccounts(page)).toEqual({ ok: true, value: [] });
});

test('a policy naming another CA refuses the server even though the system would trust it', async ({ page, server }) => {
  const me = await freshUser(server, 'managed-ca');
  const otherCa = path.resolve('app/core/stream/fixtures/test-ca.pem');
  const dir = await mkdtemp(path.join(tmpdir(), 'jabber-policy-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'policy.json');
  await writeFile(file, JSON.stringify(companyPolicy(server, otherCa)));
  // This host trusts the test server's CA for every account, as NODE_EXTRA_CA_CERTS would: the policy overrides it.
  const host = await startWebHost({ profile: path.join(dir, 'profile'), policy: file, trust: [server.caCertFile] });
  cleanups.push(() => host.stop());
  await page.goto(host.url);
  await page.getByRole('textbox', { name: 'Jabber ID' }).fill(me.jid);
  await page.getByLabel('Password', { exact: true }).fill(me.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').first()).toContainText('is not trusted');
  const trust = await page.evaluate(
    (jid) => (window as unknown as { jabber: { trustCertificate(r: object): Promise<Result<unknown>> } }).jabber.trustCertificate({ account: jid, fingerprintSha256: `${'AB:'.repeat(31)}AB` }),
    me.jid,
  );
  expect(trust).toMatchObject({ ok: false, error: { code: 'policy-locked' } });
});

test('a policy file that cannot be used is shown, and nothing signs in', async ({ page, server }) => {
  const host = await hostWithPolicy('{ "domain": "example.test", "savePassword": false }');
  await page.goto(host.url);
  const problem = page.locator('.policy-problem');
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('cannot be used');
  await expect(problem).toContainText('savePassword');
  await page.getByRole('textbox', { name: 'Jabber ID' }).fill(server.accounts.carol.jid);
  await page.getByLabel('Password', { exact: true }).fill(server.accounts.carol.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The sign-in's own answer says so too (policy-invalid).
  await expect(page.getByRole('alert')).toHaveCount(2);
  await expect(page.getByRole('alert').nth(1)).toContainText('cannot be used');
  expect(await listAccounts(page)).toEqual({ ok: true, value: [] });
});
