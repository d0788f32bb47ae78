/**
 * Files (issue 12) in Chromium through the web host, against a Prosody with mod_http_file_share (HTTPS on
 * loopback): attach with the picker, the upload's progress bar named after the file, a local thumbnail of our
 * own image, a received image shown only after the user asks, and a cancelled upload that sends nothing.
 */
import type { Page } from '@playwright/test';
import { startPeer, type Peer } from './peer.ts';
import { expect, signIn, test as base } from './fixtures.ts';
import { startProsody, serverInfo, type TestServer } from './server/prosody.ts';
import type { TestServerInfo } from './server/test-server-info.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const LIMIT = 64 * 1024 * 1024;

let prosody: TestServer | undefined;
const test = base.extend<{ server: TestServerInfo }>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    prosody ??= await startProsody({ fileShare: { maxFileSize: LIMIT } });
    await use(serverInfo(prosody));
  },
});
test.afterAll(async () => {
  await prosody?.stop();
  prosody = undefined;
});

/** Records every progress bar the page shows (an upload of a small file is over in milliseconds). */
async function recordProgressBars(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { name: string; cancel: boolean }[] = [];
    (window as unknown as { progressBars: typeof seen }).progressBars = seen;
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('[role="progressbar"]')) {
        const name = bar.getAttribute('aria-label') ?? '';
        const cancel = [...(bar.parentElement?.querySelectorAll('button') ?? [])].some((button) => button.textContent === 'Cancel');
        if (!seen.some((entry) => entry.name === name)) seen.push({ name, cancel });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

test('attach an image: progress, a local thumbnail, URL + OOB + metadata at the peer; a received image waits for Show; cancel sends nothing', async ({ page, server, webHost }) => {
  test.setTimeout(90_000);
  const { alice, bob } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const bobPeer: Peer = await startPeer(server, bob, { resource: 'files' });
  try {
    await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob.*Online/u }).click();
    const log = page.getByRole('log', { name: 'Conversation with Bob' });
    // The limit is shown before anything is uploaded.
    await expect(page.getByText('Files up to 64 MB.')).toBeVisible();
    await recordProgressBars(page);

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach file' }).click();
    await (await chooser).setFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: PNG });

    const received = await bobPeer.waitForMessage((message) => message.stanza.getChild('x', 'jabber:x:oob') !== undefined, 20_000);
    const url = received.stanza.getChild('x', 'jabber:x:oob')?.getChildText('url') ?? '';
    expect(url).toMatch(/^https:\/\/localhost:\d+\/.*pixel\.png$/u);
    expect(received.body).toBe(url);
    const metadata = received.stanza.getChild('file', 'urn:xmpp:file:metadata:0');
    expect(metadata?.getChildText('name')).toBe('pixel.png');
    expect(metadata?.getChildText('media-type')).toBe('image/png');
    expect(metadata?.getChildText('size')).toBe(String(PNG.length));

    // Our own image: a thumbnail made here from the bytes we uploaded.
    const mine = log.getByRole('figure', { name: 'File pixel.png' }).first();
    await expect(mine.getByRole('img', { name: 'pixel.png' })).toBeVisible();
    await expect(mine.getByRole('img', { name: 'pixel.png' })).toHaveAttribute('src', /^data:image\/png;base64,/u);
    const bars = await page.evaluate(() => (window as unknown as { progressBars: { name: string; cancel: boolean }[] }).progressBars);
    expect(bars).toContainEqual({ name: 'pixel.png', cancel: true });

    // Bob sends the same image back: a card with name, size and type, and no picture until Alice asks for it.
    await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat' id='img-from-bob'><body>${url}</body><x xmlns='jabber:x:oob'><url>${url}</url></x>
      <file xmlns='urn:xmpp:file:metadata:0'><name>from-bob.png</name><media-type>image/png</media-type><size>${PNG.length}</size></file></message>`);
    const his = log.getByRole('figure', { name: 'File from-bob.png' });
    await expect(his).toContainText(`image/png, ${PNG.length} bytes`);
    await expect(his.getByRole('img')).toHaveCount(0);
    await his.getByRole('button', { name: 'Show' }).click();
    await expect(his.getByRole('img', { name: 'from-bob.png' })).toBeVisible();

    // A large file is cancelled while its bytes are still being handed over: nothing reaches Bob.
    const before = bobPeer.received.length;
    const big = Buffer.alloc(40 * 1024 * 1024, 7);
    const second = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach file' }).click();
    await (await second).setFiles({ name: 'archive.bin', mimeType: 'application/octet-stream', buffer: big });
    const bar = page.getByRole('progressbar', { name: 'archive.bin' });
    await expect(bar).toBeVisible();
    await bar.locator('..').getByRole('button', { name: 'Cancel' }).click();
    await expect(bar).toHaveCount(0);
    await page.waitForTimeout(1500);
    expect(bobPeer.received.slice(before).filter((message) => message.stanza.getChild('x', 'jabber:x:oob') !== undefined)).toEqual([]);
  } finally {
    await bobPeer.stop();
  }
});
