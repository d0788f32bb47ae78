/**
 * History in the UI: search finds a message exchanged with the scripted peer and opens the
 * conversation at it; a long conversation opens at its newest messages and loads older pages on
 * scrolling up, keeping the reader's place, with only the visible rows in the DOM.
 */
import type { Locator, Page } from '@playwright/test';
import { startPeer, type Peer } from './peer.ts';
import { expect, signIn, test } from './fixtures.ts';
import type { TestServerInfo } from './server/test-server-info.ts';

/** Sends `count` messages from the peer as fast as the socket takes them. */
async function sendMany(peer: Peer, to: string, count: number, body: (n: number) => string): Promise<void> {
  for (let n = 1; n <= count; n += 200) {
    await Promise.all(Array.from({ length: Math.min(200, count - n + 1) }, (_, i) => peer.sendMessage(to, body(n + i))));
  }
}

/** The unread count in the contact list item named like `name` (0 without one). */
async function unreadOf(contacts: Locator, name: RegExp): Promise<number> {
  const item = contacts.getByRole('listitem', { name });
  if ((await item.count()) === 0) return 0;
  return Number(/(\d+) unread/u.exec((await item.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
}

async function signInAlice(page: Page, server: TestServerInfo, url: string): Promise<Locator> {
  await page.goto(url);
  await signIn(page, server, server.accounts.alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  return page.getByRole('list', { name: 'Contacts' });
}

test('search finds an exchanged message and opens the conversation there, highlighted', async ({ page, server, webHost }) => {
  const { alice, bob } = server.accounts;
  // The archive catch-up at sign-in may bring earlier runs' messages: this run's carry their own word.
  const order = `order${Math.random().toString(36).slice(2, 8)}`;
  const contacts = await signInAlice(page, server, webHost.url);
  const bobPeer = await startPeer(server, bob, { resource: 'e2e' });
  try {
    await bobPeer.sendMessage(alice.jid, `The pineapple delivery for ${order} arrives on Thursday`);
    await contacts.getByRole('listitem', { name: /Bob/u }).click();
    await expect(page.getByRole('log', { name: 'Conversation with Bob' })).toContainText(`The pineapple delivery for ${order}`);
    const composer = page.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill(`Thanks, I will tell the café about ${order}`);
    await composer.press('Enter');
    await bobPeer.waitForMessage((m) => m.body === `Thanks, I will tell the café about ${order}`);
    // Enough later messages that the first one is far out of view.
    await sendMany(bobPeer, alice.jid, 300, (n) => `Later note ${n}`);
    const log = page.getByRole('log', { name: 'Conversation with Bob' });
    await expect(log.getByText('Later note 300', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(log.getByText(`The pineapple delivery for ${order} arrives on Thursday`)).toHaveCount(0);

    // Accents and case do not matter; the matched word is marked.
    const search = page.getByRole('searchbox', { name: 'Search messages' });
    await search.fill(`CAFE ${order}`);
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('button')).toHaveCount(1);
    await expect(results.getByRole('button')).toContainText('You to Bob');
    await expect(results.locator('mark')).toHaveText(['café', order]);

    await search.fill(`pineapp ${order}`);
    await expect(results.getByRole('button')).toHaveCount(1);
    await results.getByRole('button', { name: /pineapple delivery/u }).click();
    const hit = log.getByText(`The pineapple delivery for ${order} arrives on Thursday`);
    await expect(hit).toBeInViewport();
    await expect(page.locator('.log-row-highlight')).toContainText('pineapple');
    await expect(log.getByText('Later note 300', { exact: true })).toHaveCount(0);

    // Someone else mentions it too: every conversation finds both, the open one only its own.
    const carolPeer = await startPeer(server, server.accounts.carol, { resource: 'e2e' });
    try {
      const carol = /carol@example\.test/u;
      const before = await unreadOf(contacts, carol);
      await carolPeer.sendMessage(alice.jid, `Any pineapple left from ${order}?`);
      await expect.poll(() => unreadOf(contacts, carol)).toBe(before + 1);
    } finally {
      await carolPeer.stop();
    }
    await search.fill(`pineapple ${order}`);
    await expect(results.getByRole('button')).toHaveCount(2);
    await expect(results.getByRole('button').first()).toContainText('Any pineapple left from');
    await page.getByRole('checkbox', { name: 'Only this conversation' }).check();
    await expect(results.getByRole('button')).toHaveCount(1);
    await expect(results.getByRole('button')).toContainText('The pineapple delivery');
    await search.fill('nothing-matches-this');
    await expect(page.getByRole('status').filter({ hasText: 'No messages found.' })).toBeVisible();

    // Scrolling down from the hit loads newer pages up to the newest; a new message then shows live.
    const newest = page.getByRole('button', { name: 'Show newest messages' });
    await expect(newest).toBeVisible();
    await expect
      .poll(async () => {
        await log.evaluate((element) => {
          element.scrollTop = element.scrollHeight;
        });
        return newest.count();
      })
      .toBe(0);
    await log.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect(log.getByText('Later note 300', { exact: true })).toBeInViewport();
    await bobPeer.sendMessage(alice.jid, 'One more thing');
    await expect(log.getByText('One more thing')).toBeInViewport();

    // Jumping back to the hit, then straight to the newest messages.
    await search.fill(`pineapple ${order}`);
    await results.getByRole('button', { name: /pineapple delivery/u }).click();
    await expect(hit).toBeInViewport();
    await newest.click();
    await expect(log.getByText('One more thing')).toBeInViewport();
    await expect(hit).toHaveCount(0);
  } finally {
    await bobPeer.stop();
  }
});

test('a conversation of 3,000 messages opens at the newest and loads older pages on scrolling up', async ({ page, server, webHost }) => {
  test.setTimeout(180_000);
  const { alice, bob } = server.accounts;
  const total = 3000;
  const body = (n: number): string => `Message ${n} of ${total}`;
  const contacts = await signInAlice(page, server, webHost.url);
  const bobPeer = await startPeer(server, bob, { resource: 'e2e' });
  try {
    await sendMany(bobPeer, alice.jid, total, body);
    // Every message counted as unread (the archive catch-up at sign-in may add earlier tests' messages).
    await expect.poll(() => unreadOf(contacts, /Bob/u), { timeout: 90_000 }).toBeGreaterThanOrEqual(total);
  } finally {
    await bobPeer.stop();
  }
  await contacts.getByRole('listitem', { name: /Bob/u }).click();
  const log = page.getByRole('log', { name: 'Conversation with Bob' });
  await expect(log.getByText(body(total), { exact: true })).toBeInViewport();
  const rowsInDom = (): Promise<number> => log.locator('.log-row').count();
  expect(await rowsInDom()).toBeLessThan(100);

  // At the top of what is loaded, the previous page arrives and the message read stays where it was.
  await log.evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect.poll(() => log.evaluate((element) => element.scrollTop)).toBeGreaterThan(1000);
  await expect(log.getByText(body(total - 99), { exact: true })).toBeInViewport();

  // Up and up, to the very first message; the DOM holds only what is near the viewport.
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
  // Older messages (an earlier test's, from the archive) may sit above it: bring it into view.
  // The list may redraw while older pages arrive (the element is replaced): try again until it holds still.
  await expect(async () => {
    await log.getByText(body(1), { exact: true }).scrollIntoViewIfNeeded({ timeout: 2_000 });
    await expect(log.getByText(body(1), { exact: true })).toBeInViewport({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(log.getByText(body(2), { exact: true })).toBeInViewport();
  // Consecutive messages from Bob are grouped (his name once); the first message of the day opens with the day.
  await expect(log.locator('.log-row-grouped').first()).toBeVisible();
  // (Pages from the archive may still arrive above, moving the day to the new first message: scroll again.)
  await expect(async () => {
    await log.evaluate((element) => {
      element.scrollTop = 0;
    });
    await expect(log.getByRole('heading', { name: 'Today' }).first()).toBeInViewport({ timeout: 1000 });
  }).toPass();
  expect(await rowsInDom()).toBeLessThan(100);
  await expect(log.getByText(body(total), { exact: true })).toHaveCount(0);
});
