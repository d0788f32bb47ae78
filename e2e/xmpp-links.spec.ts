/**
 * xmpp: links (RFC 5122) in the browser mode: one the page is opened with (`?uri=`, what a registered
 * protocol handler opens) and ones inside messages. Each opens a confirmation; nothing happens without it.
 */
import { freshUser } from '../app/core/service-test-support.ts';
import { expect, signIn, test } from './fixtures.ts';
import { createPeerPool } from './peer-pool.ts';

// Fresh users per test, so the shared alice/bob accounts (and their archives) stay as other specs expect them.
const { friends, stopAll } = createPeerPool((server, prefix) => freshUser(server, prefix));
test.afterEach(() => stopAll());

const nameOf = (jid: string): string => jid.split('@')[0] ?? jid;

/** The web host's address with `?uri=` before the token's fragment. */
const withUri = (url: string, uri: string): string => {
  const hash = url.indexOf('#');
  return `${url.slice(0, hash)}?uri=${encodeURIComponent(uri)}${url.slice(hash)}`;
};

test('a link the page is opened with asks first, then opens the chat with the text in the message box', async ({ page, server, webHost }) => {
  const { me, bob } = await friends(server);
  await page.goto(webHost.url);
  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  await page.goto(withUri(webHost.url, `xmpp:${bob.jid}?message;body=Hello%20from%20a%20link%3B%20100%25`));
  const dialog = page.getByRole('dialog', { name: `Send message to ${bob.jid}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Message text')).toHaveText('Hello from a link; 100%');
  // The address no longer carries the link: a reload does not ask again.
  expect(new URL(page.url()).search).toBe('');
  await dialog.getByRole('button', { name: 'Open chat' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue('Hello from a link; 100%');
  // Nothing was sent: the conversation shows no message.
  await expect(page.getByRole('log', { name: `Conversation with ${nameOf(bob.jid)}` }).getByRole('article')).toHaveCount(0);

  // A broken link says why, and does nothing else.
  await page.goto(withUri(webHost.url, 'xmpp:bob@@example.test?message'));
  const refused = page.getByRole('dialog', { name: 'This link cannot be opened' });
  await expect(refused).toContainText('not a valid Jabber ID');
  await refused.getByRole('button', { name: 'Close' }).click();
  await expect(refused).toHaveCount(0);
});

test('links inside a message open the same confirmations: add a contact, remove it, join a room', async ({ page, server, webHost }) => {
  const { me, bob, bobPeer } = await friends(server);
  const stranger = `linktest-${Date.now()}@${server.domain}`;
  await page.goto(webHost.url);
  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: new RegExp(nameOf(bob.jid), 'u') }).click();
  const log = page.getByRole('log', { name: `Conversation with ${nameOf(bob.jid)}` });
  await bobPeer.sendMessage(me.jid, `Add xmpp:${stranger}?roster;name=Link%20Tester;group=Links then xmpp:${stranger}?remove and join xmpp:lobby@conference.${server.domain}?join`);
  const addLink = log.getByRole('link', { name: `xmpp:${stranger}?roster;name=Link%20Tester;group=Links` });
  await expect(addLink).toBeVisible();

  // Cancel first: nothing is added.
  await addLink.click();
  const add = page.getByRole('dialog', { name: `Add contact ${stranger}?` });
  await expect(add).toContainText('Name: Link Tester');
  await expect(add).toContainText('Groups: Links');
  await add.getByRole('button', { name: 'Cancel' }).click();
  await expect(add).toHaveCount(0);
  const contacts = page.getByRole('list', { name: 'Contacts' });
  await expect(contacts.getByRole('listitem', { name: /Link Tester/u })).toHaveCount(0);
  expect(page.url()).not.toContain('xmpp');

  // Then confirm: the contact joins the list, in its group.
  await addLink.click();
  await add.getByRole('button', { name: 'Add contact' }).click();
  await expect(add).toHaveCount(0);
  await expect(contacts.getByRole('listitem', { name: /Link Tester/u })).toBeVisible();

  // ?remove asks too, and removes it.
  await log.getByRole('link', { name: `xmpp:${stranger}?remove` }).click();
  const remove = page.getByRole('dialog', { name: `Remove contact ${stranger}?` });
  await remove.getByRole('button', { name: 'Remove contact' }).click();
  await expect(contacts.getByRole('listitem', { name: /Link Tester/u })).toHaveCount(0);

  // ?join hands the room over (a placeholder names it while group chats are not in this build).
  await log.getByRole('link', { name: `xmpp:lobby@conference.${server.domain}?join` }).click();
  await page.getByRole('dialog', { name: `Join room lobby@conference.${server.domain}?` }).getByRole('button', { name: 'Join room' }).click();
  const room = page.getByRole('dialog', { name: `Room lobby@conference.${server.domain}` });
  await expect(room).toContainText(`lobby@conference.${server.domain}`);
  await room.getByRole('button', { name: 'Close' }).click();
  await expect(room).toHaveCount(0);
});
