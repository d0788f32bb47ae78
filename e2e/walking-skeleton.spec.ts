/** Alice in Chromium, through the web host, against the real Prosody; Bob is a scripted peer. */
import { startPeer } from './peer.ts';
import { expect, signIn, test } from './fixtures.ts';

test('alice signs in, sees Bob come and go away, chats with him, and signs out', async ({ page, server, webHost }) => {
  const { alice, bob } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  const contacts = page.getByRole('list', { name: 'Contacts' });
  await expect(contacts.getByRole('listitem', { name: /Bob.*Offline/u })).toBeVisible();

  const bobPeer = await startPeer(server, bob, { resource: 'e2e' });
  try {
    await expect(contacts.getByRole('listitem', { name: /Bob.*Online/u })).toBeVisible();
    await bobPeer.sendPresence({ show: 'away', status: 'At lunch' });
    await expect(contacts.getByRole('listitem', { name: /Bob.*Away/u })).toBeVisible();
    await expect(contacts.getByRole('listitem', { name: /Bob/u })).toContainText('At lunch');

    // An incoming message bumps the unread count before the conversation is opened.
    await bobPeer.sendMessage(alice.jid, 'Are you coming to the meeting?');
    await expect(contacts.getByRole('listitem', { name: /Bob.*1 unread/u })).toBeVisible();

    await contacts.getByRole('listitem', { name: /Bob/u }).click();
    const log = page.getByRole('log', { name: 'Conversation with Bob' });
    await expect(log).toContainText('Are you coming to the meeting?');
    await expect(contacts.getByRole('listitem', { name: /unread/u })).toHaveCount(0);

    const composer = page.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('Yes, five minutes.');
    await composer.press('Enter');
    const atBob = await bobPeer.waitForMessage((m) => m.body === 'Yes, five minutes.');
    expect(atBob.from.startsWith(`${alice.jid}/`)).toBe(true);
    await expect(log).toContainText('Yes, five minutes.');
    await expect(composer).toHaveValue('');

    // Shift+Enter makes a new line; the Send button sends both lines as one message.
    await composer.fill('Line one');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('Line two');
    await page.getByRole('button', { name: 'Send' }).click();
    expect((await bobPeer.waitForMessage((m) => m.body.startsWith('Line one'))).body).toBe('Line one\nLine two');

    // Own presence reaches the peer.
    const dnd = bobPeer.waitForPresence((p) => p.from.startsWith(`${alice.jid}/`) && p.show === 'dnd');
    await page.getByRole('combobox', { name: 'My status' }).selectOption({ label: 'Do not disturb' });
    await dnd;
  } finally {
    await bobPeer.stop();
  }

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password shows an alert and keeps what was typed', async ({ page, server, webHost }) => {
  await page.goto(webHost.url);
  await signIn(page, server, { jid: server.accounts.alice.jid, password: 'wrong-password' });
  await expect(page.getByRole('alert')).toContainText(/wrong jabber id or password/iu);
  await expect(page.getByRole('textbox', { name: 'Jabber ID' })).toHaveValue(server.accounts.alice.jid);
});

test('an HTML payload in a message is shown as literal text and runs nothing', async ({ page, server, webHost }) => {
  const { alice, bob } = server.accounts;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const bobPeer = await startPeer(server, bob, { resource: 'xss' });
  try {
    const payload = '<img src=x onerror=alert(1)>';
    await bobPeer.sendMessage(alice.jid, payload);
    await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob/u }).click();
    const log = page.getByRole('log', { name: 'Conversation with Bob' });
    await expect(log).toContainText(payload);
    await expect(log.locator('img')).toHaveCount(0);
    await page.waitForTimeout(300); // give a broken page the chance to run the handler
    expect(dialogs).toEqual([]);
  } finally {
    await bobPeer.stop();
  }
});
