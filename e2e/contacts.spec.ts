/**
 * Contacts through the real UI against the real Prosody: adding one by JID ("request sent", then their
 * presence once they accept), answering requests (Accept, Deny: the peer sees unsubscribed), the
 * Contact actions menu (Rename, Remove), groups and Filter contacts.
 * Every test registers its own users, so the shared alice/bob rosters stay as other specs expect them.
 */
import type { Page } from '@playwright/test';
import { freshUser as createUser, type TestUser } from '../app/core/service-test-support.ts';
import { expect, signIn, test } from './fixtures.ts';
import { startPeer, type Peer } from './peer.ts';
import { addRosterItems } from './server/prosody.ts';
import type { TestServerInfo } from './server/test-server-info.ts';

type User = TestUser;

const freshUser = (server: TestServerInfo, prefix: string): Promise<User> => createUser(server, prefix, 'contact-secret-1');

const peers: Peer[] = [];
test.afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

/** A scripted client that fetched its roster: Prosody sends subscription answers only to such resources. */
async function peerFor(server: TestServerInfo, user: User): Promise<Peer> {
  const peer = await startPeer(server, user);
  peers.push(peer);
  await peer.rosterGet();
  return peer;
}

async function signedIn(page: Page, url: string, server: TestServerInfo, user: User): Promise<void> {
  await page.goto(url);
  await signIn(page, server, user);
  await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
}

test('adds a contact by JID: "request sent", then their presence once they accept', async ({ page, server, webHost }) => {
  const [me, bob] = [await freshUser(server, 'me'), await freshUser(server, 'bob')];
  const bobPeer = await peerFor(server, bob);
  await signedIn(page, webHost.url, server, me);

  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByRole('textbox', { name: 'Jabber ID' }).fill(bob.jid);
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Bob Builder');
  await dialog.getByRole('textbox', { name: 'Groups' }).fill('Sales, Berlin');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toHaveCount(0);

  const contacts = page.getByRole('list', { name: 'Contacts' });
  const sales = contacts.getByRole('list', { name: 'Sales' });
  await expect(sales.getByRole('listitem', { name: /^Bob Builder, Offline, request sent$/u })).toBeVisible();
  await expect(sales.getByRole('listitem', { name: /^Bob Builder/u })).toContainText('request sent');
  await expect(contacts.getByRole('listitem', { name: 'Berlin, 0 of 1 online' })).toBeVisible();

  await bobPeer.waitForPresence((presence) => presence.type === 'subscribe' && presence.from === me.jid);
  await bobPeer.sendPresence({ type: 'subscribed', to: me.jid });
  await expect(sales.getByRole('listitem', { name: /^Bob Builder, Online$/u })).toBeVisible();
  await expect(contacts.getByRole('listitem', { name: 'Sales, 1 of 1 online' })).toBeVisible();

  // A bad JID is refused in the dialog, and what was typed stays.
  await page.getByRole('button', { name: 'Add contact' }).click();
  await dialog.getByRole('textbox', { name: 'Jabber ID' }).fill('not a jid@@');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByRole('alert')).toContainText('not a valid Jabber ID');
  await expect(dialog.getByRole('textbox', { name: 'Jabber ID' })).toHaveValue('not a jid@@');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});

test('an incoming request is accepted (and added back); another is denied and the peer sees unsubscribed', async ({ page, server, webHost }) => {
  const [me, carol, dave] = [await freshUser(server, 'me'), await freshUser(server, 'carol'), await freshUser(server, 'dave')];
  const [carolPeer, davePeer] = [await peerFor(server, carol), await peerFor(server, dave)];
  await signedIn(page, webHost.url, server, me);

  await carolPeer.sendRaw(`<presence to='${me.jid}' type='subscribe'><nick xmlns='http://jabber.org/protocol/nick'>Carol C.</nick><status>Hello from Support</status></presence>`);
  await davePeer.sendPresence({ type: 'subscribe', to: me.jid });
  const requests = page.getByRole('list', { name: 'Contact requests' });
  const fromCarol = requests.getByRole('listitem', { name: `Carol C. (${carol.jid}) wants to see your presence` });
  await expect(fromCarol).toContainText('Hello from Support');
  const fromDave = requests.getByRole('listitem', { name: `${dave.jid} wants to see your presence` });
  await expect(fromDave).toBeVisible();

  await fromCarol.getByRole('button', { name: 'Accept' }).click();
  await expect(fromCarol).toHaveCount(0);
  await carolPeer.waitForPresence((presence) => presence.type === 'subscribed' && presence.from.startsWith(me.jid));
  await carolPeer.waitForPresence((presence) => presence.type === 'subscribe' && presence.from === me.jid);
  const contacts = page.getByRole('list', { name: 'Contacts' });
  await expect(contacts.getByRole('listitem', { name: /^Carol C\., Offline, request sent$/u })).toBeVisible();

  await fromDave.getByRole('button', { name: 'Deny' }).click();
  await davePeer.waitForPresence((presence) => presence.type === 'unsubscribed' && presence.from.startsWith(me.jid));
  await expect(requests).toHaveCount(0);
  await expect(contacts.getByRole('listitem', { name: new RegExp(dave.jid.replace(/[.]/gu, '\\.'), 'u') })).toHaveCount(0);

  // Carol accepts in turn: she shows online.
  await carolPeer.sendPresence({ type: 'subscribed', to: me.jid });
  await expect(contacts.getByRole('listitem', { name: /^Carol C\., Online$/u })).toBeVisible();
});

test('a contact who asked shows "awaiting your answer"; groups fold; the filter finds by name or JID; rename and remove from the menu', async ({ page, server, webHost }) => {
  const me = await freshUser(server, 'me');
  const asker = await freshUser(server, 'asker');
  // Forty colleagues in four departments, put in the roster by another client of the same account.
  const own = await startPeer(server, me, { initialPresence: false });
  peers.push(own);
  const departments = ['Sales', 'Support', 'Finance', 'Legal'];
  for (let i = 0; i < 40; i += 1) {
    const group = i % 10 === 9 ? '' : `<group>${departments[i % 4]}</group>`;
    await own.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='colleague${i}@${server.domain}' name='Colleague ${String(i).padStart(2, '0')}'>${group}</item></query></iq>`);
  }
  await own.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${asker.jid}' name='Zed Asker'/></query></iq>`);
  await own.stop();
  const askerPeer = await peerFor(server, asker);
  await signedIn(page, webHost.url, server, me);
  const contacts = page.getByRole('list', { name: 'Contacts' });
  await expect(contacts.getByRole('listitem', { name: /^Colleague \d\d, Offline$/u })).toHaveCount(40);
  await askerPeer.sendPresence({ type: 'subscribe', to: me.jid });
  await expect(contacts.getByRole('listitem', { name: /^Zed Asker, Offline, awaiting your answer$/u })).toBeVisible();

  // Folding a group hides its members but keeps its counts.
  const sales = contacts.getByRole('listitem', { name: 'Sales, 0 of 10 online' });
  await sales.getByRole('button', { name: /Sales/u }).click();
  await expect(sales.getByRole('button', { name: /Sales/u })).toHaveAttribute('aria-expanded', 'false');
  await expect(contacts.getByRole('listitem', { name: /^Colleague 00,/u })).toHaveCount(0);
  await expect(contacts.getByRole('listitem', { name: 'Ungrouped, 0 of 5 online' })).toBeVisible();

  // The filter finds by name (even in a folded group) or by JID.
  const filter = page.getByRole('searchbox', { name: 'Filter contacts' });
  await filter.fill('colleague 0');
  await expect(contacts.getByRole('listitem', { name: /^Colleague/u })).toHaveCount(10);
  await expect(contacts.getByRole('listitem', { name: /^Colleague 00,/u })).toBeVisible();
  await filter.fill(`colleague17@${server.domain}`);
  await expect(contacts.getByRole('listitem', { name: /^Colleague/u })).toHaveCount(1);
  await expect(contacts.getByRole('listitem', { name: 'Support, 0 of 8 online' })).toBeVisible();
  await filter.fill('nobody by that name');
  await expect(contacts.getByRole('listitem')).toHaveCount(0);
  await filter.fill('');

  // Rename and remove through the contact's menu.
  const zed = contacts.getByRole('listitem', { name: /^Zed Asker,/u });
  await zed.getByRole('button', { name: 'Contact actions' }).click();
  await zed.getByRole('menuitem', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename Zed Asker' });
  await rename.getByRole('textbox', { name: 'Name' }).fill('Zed from Marketing');
  await rename.getByRole('button', { name: 'Save' }).click();
  const renamed = contacts.getByRole('listitem', { name: /^Zed from Marketing, Offline, awaiting your answer$/u });
  await expect(renamed).toBeVisible();

  await renamed.getByRole('button', { name: 'Contact actions' }).click();
  await renamed.getByRole('menuitem', { name: 'Remove' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove Zed from Marketing?' });
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(contacts.getByRole('listitem', { name: /^Zed from Marketing/u })).toHaveCount(0);
  // Removing someone who asked refuses them (RFC 6121 §2.5.2): their request goes too.
  await askerPeer.waitForPresence((presence) => presence.type === 'unsubscribed' && presence.from.startsWith(me.jid));
  await expect(page.getByRole('list', { name: 'Contact requests' })).toHaveCount(0);
});

test('blocks a contact from its menu, sees it in Blocked contacts, and unblocks it there', async ({ page, server, webHost }) => {
  const [me, bob] = [await freshUser(server, 'me'), await freshUser(server, 'bob')];
  const own = await startPeer(server, me, { initialPresence: false });
  peers.push(own);
  await own.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${bob.jid}' name='Bob'/></query></iq>`);
  await own.stop();
  const bobPeer = await peerFor(server, bob);
  await signedIn(page, webHost.url, server, me);

  const contacts = page.getByRole('list', { name: 'Contacts' });
  const bobItem = contacts.getByRole('listitem', { name: /^Bob,/u });
  await bobItem.getByRole('button', { name: 'Contact actions' }).click();
  await bobItem.getByRole('menuitem', { name: 'Block' }).click();
  await expect(contacts.getByRole('listitem', { name: /^Bob, Offline, blocked$/u })).toBeVisible();

  // While blocked, Bob's message never shows.
  await bobPeer.sendMessage(me.jid, 'blocked words');

  await page.getByRole('button', { name: 'Tools' }).click();
  await page.getByRole('menuitem', { name: 'Blocked contacts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Blocked contacts' });
  const entry = dialog.getByRole('listitem', { name: bob.jid });
  await entry.getByRole('button', { name: 'Unblock' }).click();
  await expect(entry).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(contacts.getByRole('listitem', { name: /^Bob, Offline$/u })).toBeVisible();

  await bobPeer.sendMessage(me.jid, 'hello again');
  await expect(contacts.getByRole('listitem', { name: /^Bob, Offline, 1 unread$/u })).toBeVisible();
  await contacts.getByRole('listitem', { name: /^Bob,/u }).getByRole('button', { name: /^Bob/u }).click();
  await expect(page.getByRole('log').getByText('hello again')).toBeVisible();
  await expect(page.getByText('blocked words')).toHaveCount(0);
});

test('filters a 5,000-contact roster by name or JID', async ({ page, server, webHost }) => {
  test.setTimeout(90_000);
  const me = await freshUser(server, 'me');
  const departments = ['Sales', 'Support', 'Finance', 'Legal', 'Research', 'Operations', 'Marketing', 'IT'];
  await addRosterItems(server, me.jid, Array.from({ length: 5_000 }, (_, i) => ({
    jid: `employee${i}@${server.domain}`, name: `Employee ${String(i).padStart(4, '0')}`, groups: [departments[i % departments.length]!],
  })));
  await page.goto(webHost.url);
  await signIn(page, server, me);
  // The list is virtualized: the first rows are there ("Finance" sorts first), and only a screenful or so of the 5,000.
  const contacts = page.getByRole('list', { name: 'Contacts' });
  await expect(contacts.getByRole('listitem', { name: /^Employee 0002, Offline$/u })).toBeVisible({ timeout: 30_000 });
  const rendered = page.locator('li.contact');
  expect(await rendered.count()).toBeLessThan(100);
  // Scrolled to the end, the last group's last contact is drawn ("Support" sorts last of the eight).
  await page.locator('.contacts').evaluate((scroller) => scroller.scrollTo(0, scroller.scrollHeight));
  await expect(contacts.getByRole('list', { name: 'Support' }).getByRole('listitem', { name: /^Employee 4993, Offline$/u })).toBeVisible();
  expect(await rendered.count()).toBeLessThan(100);
  await page.locator('.contacts').evaluate((scroller) => scroller.scrollTo(0, 0));
  // The keyboard walks past the rows first drawn: a focused row is scrolled into view and the next ones appear.
  await contacts.getByRole('listitem', { name: /^Employee 0002, Offline$/u }).getByRole('button', { name: /^Employee 0002/u }).focus();
  for (let i = 0; i < 120; i += 1) await page.keyboard.press('Tab');
  const focused = page.locator('li.contact:focus-within');
  await expect(focused).toHaveAttribute('aria-label', /^Employee \d+, Offline$/u);
  expect(Number((await focused.getAttribute('aria-label'))?.slice(9, 13))).toBeGreaterThan(400);
  await page.locator('.contacts').evaluate((scroller) => scroller.scrollTo(0, 0));

  const filter = page.getByRole('searchbox', { name: 'Filter contacts' });
  await filter.fill('employee 4321');
  await expect(contacts.getByRole('listitem', { name: /^Employee/u })).toHaveCount(1);
  await expect(contacts.getByRole('listitem', { name: /^Employee 4321, Offline$/u })).toBeVisible();
  await filter.fill(`employee17@${server.domain}`);
  await expect(contacts.getByRole('listitem', { name: /^Employee/u })).toHaveCount(1);
  await expect(contacts.getByRole('listitem', { name: 'Support, 0 of 625 online' })).toBeVisible();
  await filter.fill('');
  await expect(contacts.getByRole('listitem', { name: /^Employee 0002, Offline$/u })).toBeVisible();
  await expect(page.locator('li.roster-group[aria-label="Finance, 0 of 625 online"]')).toBeVisible();
});
