/** Several accounts in one window: alice and carol at once, each with its own contacts and conversations. */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { startPeer } from './peer.ts';
import { addAccount, expect, signIn, test } from './fixtures.ts';

test('alice adds carol; bob writes to carol; alice signs out and carol stays connected', async ({ page, server, webHost }) => {
  const { alice, bob, carol } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const contacts = page.getByRole('list', { name: 'Contacts' });
  await expect(contacts.getByRole('listitem', { name: /Bob.*Offline/u })).toBeVisible();

  // Add account opens the sign-in form; Cancel comes back.
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('textbox', { name: 'Jabber ID' })).toHaveValue('');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  await addAccount(page, server, carol);
  const accounts = page.getByRole('list', { name: 'Accounts' });
  await expect(accounts.getByRole('button', { name: /alice@example\.test.*Online/u })).toBeVisible();
  await expect(accounts.getByRole('button', { name: /carol@example\.test.*Online/u })).toBeVisible();
  // The new account is the current one; "My status" still names exactly one selector.
  await expect(page.getByRole('banner')).toContainText(carol.jid);
  await expect(page.getByRole('combobox', { name: 'My status' })).toHaveCount(1);
  // With two accounts, each contact says whose it is.
  await expect(contacts.getByRole('listitem', { name: /^Bob, Offline, account alice@example\.test$/u })).toBeVisible();

  const bobPeer = await startPeer(server, bob, { resource: 'accounts' });
  try {
    await bobPeer.sendMessage(carol.jid, 'Hello Carol, this is Bob.');
    // Bob is not in carol's roster: the conversation still shows, under carol's account.
    const atCarol = contacts.getByRole('listitem', { name: /^bob@example\.test, .*1 unread, account carol@example\.test$/u });
    await expect(atCarol).toBeVisible();
    await expect(contacts.getByRole('listitem', { name: /^Bob, Online, account alice@example\.test$/u })).toBeVisible();
    await atCarol.click();
    const log = page.getByRole('log', { name: 'Conversation with bob@example.test' });
    await expect(log).toContainText('Hello Carol, this is Bob.');
    await expect(page.getByRole('region', { name: 'bob@example.test' })).toContainText(`Account ${carol.jid}`);

    const composer = page.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('Hi Bob, Carol here.');
    await composer.press('Enter');
    const reply = await bobPeer.waitForMessage((m) => m.body === 'Hi Bob, Carol here.');
    expect(reply.from.startsWith(`${carol.jid}/`)).toBe(true);

    // Alice signs out; carol's session, conversation and presence go on.
    await accounts.getByRole('button', { name: /alice@example\.test/u }).click();
    await expect(page.getByRole('banner')).toContainText(alice.jid);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(accounts.getByRole('button', { name: /alice@example\.test.*Disconnected/u })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(accounts.getByRole('button', { name: /carol@example\.test.*Online/u })).toBeVisible();
    await expect(contacts.getByRole('listitem', { name: /^Bob,/u })).toHaveCount(0);
    await bobPeer.sendMessage(carol.jid, 'Still there?');
    await expect(log).toContainText('Still there?');

    // "My status" acts on the current account (bob is not subscribed to carol's presence: the list shows it).
    await accounts.getByRole('button', { name: /carol@example\.test/u }).click();
    await page.getByRole('combobox', { name: 'My status' }).selectOption({ label: 'Away' });
    await expect(accounts.getByRole('button', { name: /carol@example\.test.*Away/u })).toBeVisible();
  } finally {
    await bobPeer.stop();
  }

  // Account settings: alice is disabled, carol enabled; removing alice leaves carol alone.
  await page.getByRole('button', { name: 'Account settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Account settings' });
  const aliceSettings = dialog.getByRole('listitem', { name: alice.jid });
  await expect(aliceSettings.getByRole('checkbox', { name: 'Enabled' })).not.toBeChecked();
  await expect(dialog.getByRole('listitem', { name: carol.jid }).getByRole('checkbox', { name: 'Enabled' })).toBeChecked();
  await aliceSettings.getByRole('button', { name: 'Remove account' }).click();
  await aliceSettings.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(aliceSettings).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(accounts).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText(carol.jid);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  // The profile holds the account list and message history, and no password anywhere (every byte scanned).
  const files = (await readdir(webHost.profile, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const names = files.map((entry) => path.relative(webHost.profile, path.join(entry.parentPath, entry.name)));
  expect(names).toContain('accounts.json');
  const allowed = (name: string): boolean =>
    name === 'accounts.json' || name === 'settings.json' || name.startsWith(`history${path.sep}`) || name.startsWith(`rosters${path.sep}`) ||
    // Avatars by hash, which avatar each contact has, and the capabilities cache (issue 5).
    name.startsWith(`avatars${path.sep}`) || name.startsWith(`avatar-index${path.sep}`) || name === 'caps.json' ||
    // Recent status messages and automatic-away settings (issue 5).
    name === 'presence.json';
  expect(names.filter((name) => !allowed(name))).toEqual([]);
  // The removed account's cached roster went with it.
  expect(names).not.toContain(path.join('rosters', `${encodeURIComponent(alice.jid)}.json`));
  expect(names).not.toContain(path.join('avatar-index', `${encodeURIComponent(alice.jid)}.json`));
  const accountsText = await readFile(path.join(webHost.profile, 'accounts.json'), 'utf8');
  expect(JSON.parse(accountsText)).toMatchObject({ accounts: [{ jid: carol.jid, enabled: true }] });
  for (const name of names) {
    const bytes = await readFile(path.join(webHost.profile, name));
    expect(bytes.includes(Buffer.from(carol.password))).toBe(false);
    expect(bytes.includes(Buffer.from(alice.password))).toBe(false);
  }
});

test('after a reload the accounts and their sessions are still there', async ({ page, server, webHost }) => {
  const { alice, carol } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await addAccount(page, server, carol);
  const accounts = page.getByRole('list', { name: 'Accounts' });
  await expect(accounts.getByRole('button', { name: /carol@example\.test.*Online/u })).toBeVisible();
  await page.reload();
  await expect(accounts.getByRole('button', { name: /alice@example\.test.*Online/u })).toBeVisible();
  await expect(accounts.getByRole('button', { name: /carol@example\.test.*Online/u })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /^Bob, .*account alice@example\.test$/u })).toBeVisible();
});
