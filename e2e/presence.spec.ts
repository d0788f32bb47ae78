/**
 * Presence in Chromium against the real Prosody (Bob is a scripted peer): do not disturb and status
 * messages reach the peer, a status set before is offered again, automatic away from page activity
 * (clock driven by the test) reaches the peer with its idle time and ends on return, and the peer's
 * idle time and last activity are shown.
 */
import { startPeer } from './peer.ts';
import { expect, signIn, test } from './fixtures.ts';

test('status messages reach the peer and a remembered one is offered again', async ({ page, server, webHost }) => {
  const { alice, bob } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const bobPeer = await startPeer(server, bob, { resource: 'presence' });
  try {
    const fromAlice = (show: string | undefined, status: string) => (p: { from: string; show?: string; status?: string }) =>
      p.from.startsWith(`${alice.jid}/`) && p.show === show && p.status === status;

    // Prosody 0.12 does not offer invisibility (XEP-0186): the choice is not shown.
    await expect(page.getByRole('combobox', { name: 'My status' }).getByRole('option')).toHaveText(['Online', 'Away', 'Do not disturb', 'Extended away']);
    await page.getByRole('combobox', { name: 'My status' }).selectOption({ label: 'Do not disturb' });
    const message = page.getByRole('textbox', { name: 'Status message' });
    await message.fill('In a meeting');
    await message.press('Enter');
    await bobPeer.waitForPresence(fromAlice('dnd', 'In a meeting'));
    await message.fill('Out for lunch');
    await message.press('Enter');
    await bobPeer.waitForPresence(fromAlice('dnd', 'Out for lunch'));

    // Both are remembered, the newest first; choosing one sets it again.
    await page.getByRole('button', { name: 'Recent status messages' }).click();
    const recent = page.getByRole('list', { name: 'Recent status messages' });
    await expect(recent.getByRole('button')).toHaveText(['Out for lunch', '×', 'In a meeting', '×']);
    const seen = bobPeer.presences.length;
    await recent.getByRole('button', { name: 'In a meeting', exact: true }).click();
    await bobPeer.waitForPresence((p) => fromAlice('dnd', 'In a meeting')(p) && bobPeer.presences.indexOf(p) >= seen);
    await expect(message).toHaveValue('In a meeting');

    // Remembered for the profile: still offered after a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Recent status messages' }).click();
    await expect(page.getByRole('list', { name: 'Recent status messages' }).getByRole('button', { name: 'Out for lunch', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Forget “Out for lunch”' }).click();
    await expect(page.getByRole('list', { name: 'Recent status messages' }).getByRole('button', { name: 'Out for lunch', exact: true })).toHaveCount(0);
  } finally {
    await bobPeer.stop();
  }
});

test('automatic away after idle minutes in the page reaches the peer with the idle time, and ends on return', async ({ page, server, webHost }) => {
  const { alice, bob } = server.accounts;
  await page.clock.install();
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const bobPeer = await startPeer(server, bob, { resource: 'idle' });
  try {
    const fromAlice = (show: string | undefined) => (p: { from: string; show?: string; type?: string }) =>
      p.from.startsWith(`${alice.jid}/`) && p.show === show && p.type === undefined;
    await bobPeer.waitForPresence(fromAlice(undefined));
    const seen = bobPeer.presences.length;
    // Six minutes without keyboard or pointer: the page reports it, the core goes away (default: after 5).
    await page.clock.fastForward('06:00');
    const away = await bobPeer.waitForPresence(fromAlice('away'));
    expect(away.stanza.getChild('idle', 'urn:xmpp:idle:1')?.attrs.since).toMatch(/Z$/u);
    const myStatus = page.getByRole('combobox', { name: 'My status' });
    await expect(myStatus.locator('option:checked')).toHaveText('Away (idle)');
    await expect(page.getByText('automatically, while you are idle')).toBeVisible();

    // Back at the keyboard: available again at once, without the idle element.
    await page.mouse.move(200, 200);
    await page.mouse.move(220, 240);
    const back = await bobPeer.waitForPresence((p) => fromAlice(undefined)(p) && bobPeer.presences.indexOf(p) >= seen);
    expect(back.stanza.getChild('idle', 'urn:xmpp:idle:1')).toBeUndefined();
    await expect(myStatus).toHaveValue('online');

    // Idle again, the user chooses Away: that is their choice now, and it stays when they come back.
    await page.clock.fastForward('06:00');
    await expect(myStatus.locator('option:checked')).toHaveText('Away (idle)');
    await myStatus.selectOption({ label: 'Away' });
    await expect(page.getByText('automatically, while you are idle')).toHaveCount(0);
    await page.mouse.move(300, 300);
    await page.clock.fastForward('00:20');
    await expect(myStatus).toHaveValue('away');
  } finally {
    await bobPeer.stop();
  }
});

test("the peer's idle time is shown, and when an offline contact was last seen", async ({ page, server, webHost }) => {
  const { alice, bob } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const contacts = page.getByRole('list', { name: 'Contacts' });
  const bobPeer = await startPeer(server, bob, { resource: 'idle-peer' });
  try {
    const since = new Date(Date.now() - 12 * 60_000 - 20_000).toISOString();
    await bobPeer.sendRaw(`<presence><show>away</show><idle xmlns='urn:xmpp:idle:1' since='${since}'/></presence>`);
    await expect(contacts.getByRole('listitem', { name: /Bob, Away, idle for 12 min/u })).toBeVisible();
    await contacts.getByRole('listitem', { name: /Bob/u }).getByRole('button').first().click();
    const header = page.locator('.conversation-header');
    await expect(header).toContainText('idle for 12 min');

    // Bob leaves: his server says when (XEP-0012), asked when his conversation is shown.
    await bobPeer.sendPresence({ type: 'unavailable', status: 'Gone home' });
    await expect(contacts.getByRole('listitem', { name: /Bob, Offline/u })).toBeVisible();
    await page.reload();
    await contacts.getByRole('listitem', { name: /Bob/u }).getByRole('button').first().click();
    await expect(page.locator('.conversation-header')).toContainText('last seen just now');
    await expect(contacts.getByRole('listitem', { name: /Bob, Offline, last seen just now/u })).toBeVisible();
  } finally {
    await bobPeer.stop();
  }
});
