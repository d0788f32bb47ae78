/**
 * The composers' spell checking (issue 11 items 5 and 6): the spell-check language chosen in Settings,
 * not the interface's, is the `lang` of the chat's and the room's message box, and "Off" turns their
 * spell checking off; "Same as the interface language" brings the interface's back.
 */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';
import { createRoomInUi } from './room-ui.ts';

test.use({ locale: 'en-US' });

async function chooseSpellCheck(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await settings.getByRole('combobox', { name: 'Spell-check language', exact: true }).selectOption({ label });
  await settings.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(settings).toHaveCount(0);
}

async function expectSpelling(composer: Locator, lang: string, spellcheck: boolean): Promise<void> {
  await expect(composer).toHaveAttribute('lang', lang);
  await expect(composer).toHaveAttribute('spellcheck', String(spellcheck));
  expect(await composer.evaluate((box) => (box as HTMLTextAreaElement).spellcheck)).toBe(spellcheck);
}

test('the chat and room composers spell-check in the language chosen in Settings, or not at all', async ({ page, server, webHost }) => {
  const { alice } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // German spell checking in an English interface.
  await chooseSpellCheck(page, 'Deutsch');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The chat's composer.
  await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob/u }).click();
  await expect(page.getByRole('log', { name: 'Conversation with Bob' })).toBeVisible();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await expectSpelling(composer, 'de', true);

  // The room's composer.
  const local = `spelling-${randomUUID().slice(0, 8)}`;
  await createRoomInUi(page, `${local}@${server.mucDomain}`, 'Alice');
  await expectSpelling(composer, 'de', true);

  // Off: the room's box is not spell-checked (its lang stays the interface's), nor the chat's.
  await chooseSpellCheck(page, 'Off');
  await expectSpelling(composer, 'en', false);
  await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob/u }).click();
  await expect(page.getByRole('log', { name: 'Conversation with Bob' })).toBeVisible();
  await expectSpelling(composer, 'en', false);

  // Same as the interface language: English, spell-checked again, in the open chat at once.
  await chooseSpellCheck(page, 'Same as the interface language');
  await expectSpelling(composer, 'en', true);

  // A German interface with English spell checking: the composer keeps English.
  await chooseSpellCheck(page, 'English');
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await settings.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'Deutsch' });
  await page.getByRole('dialog', { name: 'Einstellungen', exact: true }).getByRole('button', { name: 'Schließen', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  const nachricht = page.getByRole('textbox', { name: 'Nachricht', exact: true });
  await expectSpelling(nachricht, 'en', true);
});
