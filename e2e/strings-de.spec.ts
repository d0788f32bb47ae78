/**
 * Languages (issue 11, item 6): on a German system (the browser's languages, `locale: 'de-DE'`) the app
 * speaks German without being told: the contact list, a conversation's composer and the Tools menu
 * carry German names, and axe still finds nothing in light and dark.
 * The account is signed in through an English page first (the sign-in screen's strings are another
 * area's); the web host keeps the session, so the German page opens straight on the main screen.
 */
import { freshUser } from '../app/core/service-test-support.ts';
import { expectAccessible } from './axe.ts';
import { expect, signIn, test } from './fixtures.ts';
import { createPeerPool } from './peer-pool.ts';

const { friends, stopAll } = createPeerPool((server, prefix) => freshUser(server, prefix));
test.afterEach(() => stopAll());

const nameOf = (jid: string): string => jid.split('@')[0] ?? jid;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

test('follows a German system: contacts, composer and Tools in German, and axe still passes', async ({ browser, page, server, webHost }) => {
  test.setTimeout(120_000);
  const { me, bob, bobPeer } = await friends(server);
  const bobName = nameOf(bob.jid);
  await page.goto(webHost.url);
  await signIn(page, server, me);
  await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
  await page.close();

  const context = await browser.newContext({ locale: 'de-DE' });
  try {
    const german = await context.newPage();
    await german.goto(webHost.url);

    // The contact list.
    await expect(german.getByRole('heading', { name: 'Kontakte', exact: true })).toBeVisible();
    await expect(german.getByRole('button', { name: 'Kontakt hinzufügen' })).toBeVisible();
    await expect(german.getByRole('searchbox', { name: 'Kontakte filtern' })).toBeVisible();
    const contacts = german.getByRole('list', { name: 'Kontakte', exact: true });
    await expect(contacts.getByRole('listitem', { name: 'Ohne Gruppe, 1 von 1 online' })).toBeVisible();
    const bobItem = contacts.getByRole('listitem', { name: new RegExp(`^${escape(bobName)}, Online$`, 'u') });
    await expect(bobItem.getByRole('button', { name: 'Kontaktaktionen' })).toBeVisible();
    await expect(german.getByRole('heading', { name: 'Gespräche', exact: true })).toBeVisible();
    await expectAccessible(german, 'Main screen in German');

    // A conversation: its log and composer, and an incoming message in the conversation list.
    await bobPeer.sendMessage(me.jid, 'Hallo!');
    const conversations = german.getByRole('list', { name: 'Gespräche' });
    await conversations.getByRole('listitem', { name: new RegExp(`^${escape(bobName)}, 1 ungelesen: Hallo!$`, 'u') }).getByRole('button').click();
    await expect(german.getByRole('log', { name: `Gespräch mit ${bobName}` })).toContainText('Hallo!');
    const composer = german.getByRole('textbox', { name: 'Nachricht', exact: true });
    await expect(composer).toBeFocused();
    await expect(composer).toHaveAttribute('placeholder', `Nachricht an ${bobName}`);
    await expect(german.getByRole('button', { name: 'Senden' })).toBeVisible();
    await expect(german.getByRole('button', { name: 'Datei anhängen' })).toBeVisible();
    await expect(german.getByRole('button', { name: 'Nachrichtenaktionen' })).toBeVisible();
    await expectAccessible(german, 'Conversation in German');

    // The Tools menu.
    const tools = german.getByRole('button', { name: 'Werkzeuge' });
    await tools.click();
    const menu = german.getByRole('menu', { name: 'Werkzeuge' });
    for (const item of ['Verzeichnis durchsuchen', 'Serververwaltung', 'Serverfunktionen']) await expect(menu.getByRole('menuitem', { name: item })).toBeVisible();
    await expectAccessible(german, 'Tools menu in German');
    await menu.getByRole('menuitem', { name: 'Verzeichnis durchsuchen' }).click();
    const directory = german.getByRole('dialog', { name: 'Verzeichnis durchsuchen' });
    await expect(directory.getByRole('button', { name: 'Schließen' })).toBeVisible();
    await expectAccessible(german, 'Search directory in German');
    await german.keyboard.press('Escape');
    await expect(directory).toHaveCount(0);
  } finally {
    await context.close();
  }
});
