/** Message styling (XEP-0393) and /me (XEP-0245) in the conversation log, with Bob as a scripted peer. */
import { randomUUID } from 'node:crypto';
import { startPeer, type Peer } from './peer.ts';
import { expect, signIn, test } from './fixtures.ts';

const escapeXml = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * A chat message with a XEP-0334 no-store hint: Prosody keeps it out of the archives, so specs that
 * run later and count what alice's archive catch-up brings (the walking skeleton's "1 unread") do
 * not see it.
 */
async function sendUnarchived(peer: Peer, to: string, body: string): Promise<void> {
  await peer.sendRaw(`<message to="${to}" id="${randomUUID()}" type="chat"><body>${escapeXml(body)}</body>`
    + '<no-store xmlns="urn:xmpp:hints"/></message>');
}

test('a styled body renders bold, italic and code, HTML stays text, and /me reads as an action', async ({ page, server, webHost }) => {
  const { alice, bob } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  const bobPeer = await startPeer(server, bob, { resource: 'styling' });
  try {
    await sendUnarchived(bobPeer, alice.jid, '*bold* _italic_ `code` and <b>not html</b>');
    await sendUnarchived(bobPeer, alice.jid, '/me waves');
    await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob/u }).click();
    const log = page.getByRole('log', { name: 'Conversation with Bob' });

    await expect(log.locator('strong', { hasText: 'bold' })).toBeVisible();
    await expect(log.locator('em', { hasText: 'italic' })).toBeVisible();
    await expect(log.locator('code', { hasText: 'code' })).toBeVisible();
    await expect(log.getByText('and <b>not html</b>')).toBeVisible();
    await expect(log.locator('b')).toHaveCount(0);

    const action = log.locator('.message-action');
    await expect(action).toHaveText('* Bob waves');
    await expect(action).toHaveCSS('font-style', 'italic');
    await expect(log).not.toContainText('/me waves');
  } finally {
    await bobPeer.stop();
  }
});
