/**
 * Languages in the browser mode (issue 11 items 5 and 6): German chosen in Settings switches the sign-in
 * screen and the open Settings dialog at once, dates follow it (the certificate's validity), the choice
 * survives a reload, English comes back; with "Same as the system", a German browser starts in German. The
 * core's messages built from parts (a certificate's reason, a host that refused) are German too.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { expect, test } from './fixtures.ts';
import type { TestServerInfo } from './server/test-server-info.ts';

const longDate = (language: string, date: string): string => new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(date));

/** The sign-in form, in German. */
async function signInGerman(page: Page, server: TestServerInfo, account: { jid: string; password: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Jabber-ID' }).fill(account.jid);
  await page.getByLabel('Passwort', { exact: true }).fill(account.password);
  await page.getByText('Erweitert').click();
  await page.getByRole('textbox', { name: 'Server', exact: true }).fill(server.host);
  await page.getByRole('textbox', { name: 'Port', exact: true }).fill(String(server.c2sPort));
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

test.describe('choosing the language', () => {
  test.use({ trustTestCa: false, locale: 'en-US' });

  test('Deutsch in Settings switches the screen and the open dialog, dates too, and English comes back', async ({ page, server, webHost }) => {
    const certificate = new X509Certificate(await readFile(path.join(path.dirname(server.caCertFile), 'example.test.crt')));
    await page.goto(webHost.url);
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

    await page.keyboard.press('Control+,');
    const english = page.getByRole('dialog', { name: 'Settings', exact: true });
    const language = english.getByRole('combobox', { name: 'Language', exact: true });
    await expect(language).toHaveValue('system');
    // Each language is named in its own language.
    await expect(language.getByRole('option')).toHaveText(['Same as the system', 'English', 'Deutsch']);
    await expect(english.getByRole('combobox', { name: 'Spell-check language', exact: true }).getByRole('option')).toHaveText(['Same as the interface language', 'English', 'Deutsch', 'Off']);
    await language.selectOption({ label: 'Deutsch' });

    // The dialog stays open, now in German.
    const german = page.getByRole('dialog', { name: 'Einstellungen', exact: true });
    await expect(german).toBeVisible();
    await expect(german.getByRole('heading', { name: 'Darstellung', exact: true })).toBeVisible();
    await expect(german.getByRole('radio', { name: 'Dunkel', exact: true })).toBeVisible();
    await expect(german.getByRole('combobox', { name: 'Schriftgröße', exact: true })).toBeVisible();
    const sprache = german.getByRole('combobox', { name: 'Sprache', exact: true });
    await expect(sprache).toHaveValue('de');
    await expect(sprache.getByRole('option')).toHaveText(['Wie im System', 'English', 'Deutsch']);
    await expect(german.getByRole('combobox', { name: 'Sprache der Rechtschreibprüfung', exact: true }).getByRole('option')).toHaveText([
      'Wie die Sprache der Oberfläche', 'English', 'Deutsch', 'Aus',
    ]);
    await expect(german.getByRole('checkbox', { name: 'Andere sehen lassen, wenn ich schreibe', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expectAccessible(page, 'Settings in German');
    // Spell-check language Off: no field below the root is spell-checked (the composer inherits it).
    const spelling = german.getByRole('combobox', { name: 'Sprache der Rechtschreibprüfung', exact: true });
    await spelling.selectOption({ label: 'Aus' });
    await expect.poll(() => page.evaluate(() => document.documentElement.spellcheck)).toBe(false);
    await spelling.selectOption({ label: 'Wie die Sprache der Oberfläche' });
    await expect.poll(() => page.evaluate(() => document.documentElement.spellcheck)).toBe(true);
    await german.getByRole('button', { name: 'Schließen', exact: true }).click();
    await expect(german).toHaveCount(0);

    // The sign-in screen in German, and a date in German: the certificate's validity.
    await expect(page.getByText('Mit Ihrem Jabber-Konto (XMPP) anmelden.', { exact: true })).toBeVisible();
    await signInGerman(page, server, server.accounts.alice);
    const untrusted = page.getByRole('dialog', { name: 'Nicht vertrauenswürdiges Zertifikat', exact: true });
    await expect(untrusted).toContainText(`${longDate('de', certificate.validFrom)} bis ${longDate('de', certificate.validTo)}`);
    await expect(untrusted.getByRole('button', { name: 'Diesem Zertifikat vertrauen', exact: true })).toBeVisible();
    // The core's reason for refusing it, in German too (a phrase from app/core/stream/tls-trust.ts).
    await expect(untrusted).toContainText(/Dem Zertifikat des Servers wird nicht vertraut: es wurde von einer nicht vertrauenswürdigen Stelle ausgestellt/u);
    await untrusted.getByRole('button', { name: 'Abbrechen', exact: true }).click();
    await expect(untrusted).toHaveCount(0);

    // Kept by the core: a reload starts in German.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Anmelden', exact: true })).toBeVisible();

    // Back to English.
    await page.keyboard.press('Control+,');
    await page.getByRole('dialog', { name: 'Einstellungen', exact: true }).getByRole('combobox', { name: 'Sprache', exact: true }).selectOption({ label: 'English' });
    await expect(english).toBeVisible();
    await expect(english.getByRole('heading', { name: 'Appearance', exact: true })).toBeVisible();
    await expect(language).toHaveValue('en');
    await english.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(page.getByText('Sign in with your Jabber (XMPP) account.', { exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test.describe('a German system', () => {
  test.use({ locale: 'de-DE' });

  test('with "Same as the system", a German browser starts in German, the core’s messages too', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await expect(page.getByRole('button', { name: 'Anmelden', exact: true })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Jabber-ID', exact: true })).toBeVisible();
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Einstellungen', exact: true });
    await expect(settings.getByRole('combobox', { name: 'Sprache', exact: true })).toHaveValue('system');
    await expect(settings.getByRole('heading', { name: 'Benachrichtigungen', exact: true })).toBeVisible();
    await settings.getByRole('button', { name: 'Schließen', exact: true }).click();

    // A core message built from parts (the host it could not reach) is German, the host as it was typed.
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await page.getByRole('textbox', { name: 'Jabber-ID' }).fill('alice@example.test');
    await page.getByLabel('Passwort', { exact: true }).fill('secret');
    await page.getByText('Erweitert').click();
    await page.getByRole('textbox', { name: 'Server', exact: true }).fill('127.0.0.1');
    await page.getByRole('textbox', { name: 'Port', exact: true }).fill(String(closedPort));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('alert')).toContainText('127.0.0.1 hat die Verbindung abgelehnt. Der Server ist vielleicht nicht erreichbar, oder der Port ist falsch.');
  });
});
