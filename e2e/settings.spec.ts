/**
 * Settings in the browser mode: the theme (light, dark, or the system's), text size, privacy switches
 * that really stop typing notifications and read markers, and notifications of new messages through
 * the Web Notifications API (a stand-in Notification class records what would be shown).
 */
import type { Page } from '@playwright/test';
import { freshUser } from '../app/core/service-test-support.ts';
import { expect, signIn, test } from './fixtures.ts';
import { createPeerPool } from './peer-pool.ts';

// Fresh users per test, so the shared alice/bob accounts (and their archives) stay as other specs expect them.
const { friends, stopAll } = createPeerPool((server, prefix) => freshUser(server, prefix));
test.afterEach(() => stopAll());

const nameOf = (jid: string): string => jid.split('@')[0] ?? jid;

const rootVariable = (page: Page, name: string) => page.evaluate((variable) => getComputedStyle(document.documentElement).getPropertyValue(variable).trim(), name);

test('the theme follows the choice or the system, the text size changes, and both survive a reload', async ({ page, server, webHost }) => {
  const { me } = await friends(server);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(webHost.url);
  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect.poll(() => rootVariable(page, '--bg')).toBe('#f4f5f7');

  // Same as the system: the system turning dark turns the app dark.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => rootVariable(page, '--bg')).toBe('#15191e');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => rootVariable(page, '--bg')).toBe('#f4f5f7');

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await settings.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(() => rootVariable(page, '--bg')).toBe('#15191e');
  await settings.getByRole('combobox', { name: 'Text size' }).selectOption({ label: 'Large' });
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('17px');
  // The browser mode has no tray: no desktop options.
  await expect(settings.getByRole('checkbox', { name: /tray/u })).toHaveCount(0);
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toHaveCount(0);

  // Kept by the core: a reload shows the same.
  await page.reload();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect.poll(() => rootVariable(page, '--bg')).toBe('#15191e');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('17px');
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('dialog', { name: 'Settings', exact: true }).getByRole('radio', { name: 'Dark' })).toBeChecked();
  await page.getByRole('dialog', { name: 'Settings', exact: true }).getByRole('radio', { name: 'Light' }).check();
  await expect.poll(() => rootVariable(page, '--bg')).toBe('#f4f5f7');
  await page.keyboard.press('Escape');

  // The shortcut help.
  await page.keyboard.press('Control+/');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Go to a contact or conversation');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
});

test('with typing notifications and read markers off, none is sent', async ({ page, server, webHost }) => {
  const { me: alice, bob, bobPeer } = await friends(server);
  const bobName = nameOf(bob.jid);
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await settings.getByRole('checkbox', { name: 'Let others see when I am typing' }).uncheck();
  await settings.getByRole('checkbox', { name: 'Let others see when I have read their messages' }).uncheck();
  await settings.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: new RegExp(bobName, 'u') }).click();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.pressSequentially('No typing shown');
  await composer.press('Enter');
  await bobPeer.waitForMessage((m) => m.body === 'No typing shown');
  await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat' id='privacy-1'><body>Read this</body><markable xmlns='urn:xmpp:chat-markers:0'/></message>`);
  await expect(page.getByRole('log', { name: `Conversation with ${bobName}` })).toContainText('Read this');
  await page.waitForTimeout(1500);
  const standalone = bobPeer.stanzas.filter((s) => s.name === 'message' && s.getChild('body') === undefined);
  expect(standalone.filter((s) => s.getChild('composing', 'http://jabber.org/protocol/chatstates') !== undefined)).toEqual([]);
  expect(standalone.filter((s) => s.getChild('paused', 'http://jabber.org/protocol/chatstates') !== undefined)).toEqual([]);
  expect(bobPeer.stanzas.filter((s) => s.getChild('displayed', 'urn:xmpp:chat-markers:0') !== undefined)).toEqual([]);
});

interface Shown {
  title: string;
  body: string;
  silent: boolean;
}

test('new messages notify with sender and preview; none in Do not disturb or for a muted conversation; a click opens the conversation', async ({ page, server, webHost }) => {
  const { me: alice, bob, bobPeer } = await friends(server);
  const bobName = nameOf(bob.jid);
  // A stand-in for the browser's notifications: records what would be shown, and lets the test click one.
  await page.addInitScript(() => {
    const shown: { title: string; body: string; silent: boolean; click: () => void }[] = [];
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: ((event: Event) => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) {
        shown.push({ title, body: options.body ?? '', silent: options.silent ?? false, click: () => this.onclick?.(new Event('click')) });
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification });
    Object.defineProperty(window, 'shownNotifications', { value: shown });
  });
  const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: Shown[] }).shownNotifications.map(({ title, body, silent }) => ({ title, body, silent })));

  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await bobPeer.sendMessage(alice.jid, 'Are you there?');
  await expect.poll(shown).toEqual([{ title: bobName, body: 'Are you there?', silent: false }]);
  await expect.poll(() => page.title()).toBe('(1) Jabber Desk');

  // Previews off, sounds off: the text stays private.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await settings.getByRole('checkbox', { name: 'Show the message text in notifications' }).uncheck();
  await settings.getByRole('checkbox', { name: 'Play a sound' }).uncheck();
  await settings.getByRole('button', { name: 'Close' }).click();
  await bobPeer.sendMessage(alice.jid, 'Secret plans');
  await expect.poll(async () => (await shown()).at(-1)).toEqual({ title: bobName, body: 'New message', silent: true });

  // Do not disturb: nothing.
  await page.getByRole('combobox', { name: 'My status' }).selectOption({ label: 'Do not disturb' });
  await bobPeer.waitForPresence((p) => p.from.startsWith(alice.jid) && p.show === 'dnd');
  await bobPeer.sendMessage(alice.jid, 'During DND');
  await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: new RegExp(bobName, 'u') })).toContainText('3');
  await page.getByRole('combobox', { name: 'My status' }).selectOption({ label: 'Online' });
  expect(await shown()).toHaveLength(2);

  // A click on the notification opens its conversation.
  await page.evaluate(() => (window as unknown as { shownNotifications: { click: () => void }[] }).shownNotifications.at(-1)?.click());
  await expect(page.getByRole('log', { name: `Conversation with ${bobName}` })).toContainText('During DND');
  await expect.poll(() => page.title()).toBe('Jabber Desk');

  // The conversation is in front of the user: no notification for it.
  await page.getByRole('textbox', { name: 'Message', exact: true }).focus();
  expect(await page.evaluate(() => document.hasFocus())).toBe(true);
  await bobPeer.sendMessage(alice.jid, 'While you look');
  await expect(page.getByRole('log', { name: `Conversation with ${bobName}` })).toContainText('While you look');
  expect(await shown()).toHaveLength(2);

  // Muted: nothing from that conversation, even while another one is open.
  await page.getByRole('button', { name: 'Mute notifications' }).click();
  await expect(page.getByRole('button', { name: 'Mute notifications' })).toHaveAttribute('aria-pressed', 'true');
  await page.evaluate(() => window.blur());
  await bobPeer.sendMessage(alice.jid, 'Muted news');
  await expect(page.getByRole('log', { name: `Conversation with ${bobName}` })).toContainText('Muted news');
  expect(await shown()).toHaveLength(2);
});
