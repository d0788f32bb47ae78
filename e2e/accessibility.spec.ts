/**
 * Accessibility (issue 11, item 7): axe-core on every screen in the light and the dark scheme (sign-in,
 * the main screen with a conversation and with a room open, each dialog), keyboard use (Tab reaches
 * things, Escape closes dialogs and focus returns to the opener, focus goes to the composer on a
 * conversation switch), and incoming messages announced in a polite live region.
 */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { freshUser } from '../app/core/service-test-support.ts';
import { expectAccessible } from './axe.ts';
import { addAccount, expect, signIn, test } from './fixtures.ts';
import { createPeerPool } from './peer-pool.ts';
import { createRoomInUi } from './room-ui.ts';

const { friends, stopAll } = createPeerPool((server, prefix) => freshUser(server, prefix));
test.afterEach(() => stopAll());

const nameOf = (jid: string): string => jid.split('@')[0] ?? jid;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** Opens a dialog with `open`, scans it, closes it with Escape and expects focus back on `opener`. */
async function scanDialog(page: Page, name: string, opener: Locator, open: () => Promise<void>): Promise<void> {
  await open();
  const dialog = page.getByRole('dialog', { name, exact: true });
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  await expectAccessible(page, `Dialog ${name}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
}

/** Opens Tools and chooses an item. */
async function tool(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Tools' }).click();
  await page.getByRole('menu', { name: 'Tools' }).getByRole('menuitem', { name: item }).click();
}

test('every screen and dialog of the signed-in app has no axe violations, in light and dark', async ({ page, server, webHost }) => {
  test.setTimeout(300_000);
  const { me, bob, bobPeer } = await friends(server);
  const bobName = nameOf(bob.jid);
  await page.goto(webHost.url);
  await expect(page.getByRole('textbox', { name: 'Jabber ID' })).toBeVisible();
  await expectAccessible(page, 'Sign in');

  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expectAccessible(page, 'Main screen, nothing open');

  // A conversation, opened from Conversations.
  await bobPeer.sendMessage(me.jid, 'Hello there');
  const conversations = page.getByRole('list', { name: 'Conversations' });
  await conversations.getByRole('listitem', { name: new RegExp(`^${escape(bobName)}, 1 unread: Hello there$`, 'u') }).getByRole('button').click();
  await expect(page.getByRole('log', { name: `Conversation with ${bobName}` })).toContainText('Hello there');
  await expectAccessible(page, 'Main screen with a conversation');

  // Every dialog: opened, scanned, closed with Escape, focus back on what opened it.
  const settingsButton = page.getByRole('button', { name: 'Settings', exact: true });
  await scanDialog(page, 'Settings', settingsButton, () => settingsButton.click());
  const accountSettings = page.getByRole('button', { name: 'Account settings' });
  await scanDialog(page, 'Account settings', accountSettings, () => accountSettings.click());
  const addContact = page.getByRole('button', { name: 'Add contact' });
  await scanDialog(page, 'Add contact', addContact, () => addContact.click());
  const bobItem = page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: new RegExp(`^${escape(bobName)},`, 'u') });
  const actions = bobItem.getByRole('button', { name: 'Contact actions' });
  await actions.click();
  await expectAccessible(page, 'Contact actions menu');
  await scanDialog(page, 'Profile', actions, () => page.getByRole('menuitem', { name: 'Profile' }).click());

  const tools = page.getByRole('button', { name: 'Tools' });
  await tools.click();
  await expectAccessible(page, 'Tools menu');
  await page.keyboard.press('Escape');
  await expect(tools).toBeFocused();
  await scanDialog(page, 'Search directory', tools, () => tool(page, 'Search directory'));
  await scanDialog(page, 'Server administration', tools, () => tool(page, 'Server administration'));
  await scanDialog(page, 'Server features', tools, async () => {
    await tool(page, 'Server features');
    const dialog = page.getByRole('dialog', { name: 'Server features' });
    await dialog.getByRole('button', { name: 'Check server features' }).click();
    await expect(dialog.getByRole('list', { name: `Server features of ${me.jid}` })).toBeVisible();
  });
  await scanDialog(page, 'Blocked contacts', tools, () => tool(page, 'Blocked contacts'));

  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.focus();
  await scanDialog(page, 'Quick switcher', composer, () => page.keyboard.press('Control+k'));
  await scanDialog(page, 'Keyboard shortcuts', composer, () => page.keyboard.press('Control+/'));

  // xmpp: link confirmation, from a link in a message.
  await bobPeer.sendMessage(me.jid, `Add me: xmpp:${bob.jid}?roster`);
  const link = page.getByRole('log', { name: `Conversation with ${bobName}` }).getByRole('link', { name: `xmpp:${bob.jid}?roster` });
  await link.click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'Dialog xmpp: link');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // A room, and the Join room dialog.
  const joinRoom = page.getByRole('button', { name: 'Join room' });
  await scanDialog(page, 'Join room', joinRoom, () => joinRoom.click());
  const local = `a11y-${randomUUID().slice(0, 8)}`;
  await createRoomInUi(page, `${local}@${server.mucDomain}`);
  await composer.fill('Hello room');
  await composer.press('Enter');
  await expect(page.getByRole('log', { name: `Room ${local}` })).toContainText('Hello room');
  await expect(conversations.getByRole('listitem', { name: new RegExp(`^${escape(local)}, group chat, 0 unread: You: Hello room$`, 'u') })).toBeVisible();
  await expectAccessible(page, 'Main screen with a room');
});

test('with two accounts (the account list, Add account) there is no axe violation either', async ({ page, server, webHost }) => {
  const { me, bob } = await friends(server);
  await page.goto(webHost.url);
  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('textbox', { name: 'Jabber ID' })).toBeVisible();
  await expectAccessible(page, 'Add account');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await addAccount(page, server, bob);
  await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible();
  await expectAccessible(page, 'Main screen with two accounts');
});

test.describe('an untrusted server certificate', () => {
  test.use({ trustTestCa: false });
  test('the certificate trust dialog has no axe violations', async ({ page, server, webHost }) => {
    const me = await freshUser(server, 'a11y-cert');
    await page.goto(webHost.url);
    await signIn(page, server, me);
    await expect(page.getByRole('dialog', { name: 'Untrusted certificate' })).toBeVisible();
    await expectAccessible(page, 'Dialog Untrusted certificate');
  });
});

test('the keyboard reaches everything, dialogs keep and return focus, a conversation switch focuses the composer', async ({ page, server, webHost }) => {
  const { me, bob, bobPeer } = await friends(server);
  const bobName = nameOf(bob.jid);
  await page.goto(webHost.url);
  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await bobPeer.sendMessage(me.jid, 'First message');
  const conversations = page.getByRole('list', { name: 'Conversations' });
  await expect(conversations.getByRole('listitem', { name: new RegExp(`^${escape(bobName)}, 1 unread`, 'u') })).toBeVisible();

  // Tab from the top of the page reaches My status, Tools, the conversation and the contact, in that order.
  const reached: string[] = [];
  await page.locator('body').focus();
  for (let step = 0; step < 40; step += 1) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => {
      const element = document.activeElement;
      return element === null ? '' : `${element.getAttribute('aria-label') ?? element.closest('li')?.getAttribute('aria-label') ?? element.textContent ?? ''}`.trim();
    }));
  }
  const at = (pattern: RegExp): number => reached.findIndex((name) => pattern.test(name));
  expect(at(/^Tools$/u), reached.join(' | ')).toBeGreaterThan(-1);
  expect(at(new RegExp(`^${escape(bobName)}, 1 unread`, 'u'))).toBeGreaterThan(at(/^Tools$/u));
  expect(at(new RegExp(`^${escape(bobName)}, Online`, 'u'))).toBeGreaterThan(at(new RegExp(`^${escape(bobName)}, 1 unread`, 'u')));

  // A focused control shows it (:focus-visible).
  const tools = page.getByRole('button', { name: 'Tools' });
  await tools.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(tools).toBeFocused();
  expect(await tools.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');

  // Tools: a menu the arrow keys walk; Escape closes it and focus is back on its button.
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Tools' });
  await expect(menu.getByRole('menuitem', { name: 'Search directory' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Server administration' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Server features' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(tools).toBeFocused();
  // Chosen with Enter: the dialog takes the focus and keeps it (Tab wraps), Escape gives it back.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const features = page.getByRole('dialog', { name: 'Server features' });
  await expect(features.getByRole('button', { name: 'Check server features' })).toBeFocused();
  for (let step = 0; step < 5; step += 1) {
    await page.keyboard.press('Tab');
    expect(await features.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(features).toHaveCount(0);
  await expect(tools).toBeFocused();

  // Enter on a conversation opens it with the cursor in the composer.
  await conversations.getByRole('listitem', { name: new RegExp(`^${escape(bobName)},`, 'u') }).getByRole('button').focus();
  await page.keyboard.press('Enter');
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await expect(page.getByRole('log', { name: `Conversation with ${bobName}` })).toBeVisible();
  await expect(composer).toBeFocused();
  await composer.fill('Second');
  await composer.press('Enter');
  await expect(conversations.getByRole('listitem', { name: new RegExp(`^${escape(bobName)}, 0 unread: You: Second$`, 'u') })).toBeVisible();
});

test('incoming messages are announced in a polite live region, our own are not', async ({ page, server, webHost }) => {
  const { me, bob, bobPeer } = await friends(server);
  const bobName = nameOf(bob.jid);
  await page.goto(webHost.url);
  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const region = page.getByRole('status', { name: 'New messages' });
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await expect(region).toHaveText('');

  await bobPeer.sendMessage(me.jid, 'Are you there?');
  await expect(region).toHaveText(`New message from ${bobName}: Are you there?`);

  // Open, the conversation announces its own messages (its log's region); ours are never read out.
  await page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name: new RegExp(`^${escape(bobName)},`, 'u') }).getByRole('button').click();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('Yes, here');
  await composer.press('Enter');
  await bobPeer.waitForMessage((message) => message.body === 'Yes, here');
  await page.waitForTimeout(500);
  await expect(region).toHaveText(`New message from ${bobName}: Are you there?`);
  await bobPeer.sendMessage(me.jid, 'Good');
  await expect(page.getByRole('log', { name: `Conversation with ${bobName}` })).toContainText('Good');
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: `${bobName}: Good` })).toHaveCount(1);
});
