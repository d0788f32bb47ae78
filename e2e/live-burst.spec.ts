/**
 * A burst into the open conversation: the log follows the newest message while only its live tail is
 * laid out, and scrolling up brings back every message of the burst, in order, down to the first.
 */
import { startPeer } from './peer.ts';
import { expect, signIn, test } from './fixtures.ts';

test('a burst of 1,000 messages into the open conversation is followed, and scrolling up finds its first message', async ({ page, server, webHost }) => {
  test.setTimeout(180_000);
  const { alice, bob } = server.accounts;
  const total = 1000;
  const tag = `burst-${Date.now().toString(36)}`;
  const body = (n: number): string => `${tag} ${n} of ${total}`;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob/u }).click();
  const log = page.getByRole('log', { name: 'Conversation with Bob' });
  const bobPeer = await startPeer(server, bob, { resource: 'burst' });
  try {
    await Promise.all(Array.from({ length: total }, (_, i) => bobPeer.sendMessage(alice.jid, body(i + 1))));
    await expect(log.getByText(body(total), { exact: true })).toBeInViewport({ timeout: 60_000 });
  } finally {
    await bobPeer.stop();
  }
  expect(await log.locator('.log-row').count()).toBeLessThan(100);

  // Up and up: every message of the burst comes back (from the hidden part of the tail, then the store).
  await expect
    .poll(
      async () => {
        await log.evaluate((element) => {
          element.scrollTop = 0;
        });
        return log.getByText(body(1), { exact: true }).count();
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toBe(1);
  await log.getByText(body(1), { exact: true }).scrollIntoViewIfNeeded();
  await expect(log.getByText(body(1), { exact: true })).toBeInViewport();
  await expect(log.getByText(body(2), { exact: true })).toBeInViewport();
  expect(await log.locator('.log-row').count()).toBeLessThan(100);
  // In order: each row in the DOM after the first of the burst is the next one.
  const shown = (await log.locator('.log-row').allTextContents()).map((text) => new RegExp(`${tag} (\\d+) of`, 'u').exec(text)?.[1]).filter((n) => n !== undefined).map(Number);
  expect(shown.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
});
