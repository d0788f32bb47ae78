/**
 * Account settings → Server features (issue 13, item 5) on a server that offers HTTP File Upload: the upload
 * service is listed with its size limit and the group chat service with its address, asked from a real Prosody
 * with mod_http_file_share (e2e/server/prosody.ts, fileShare).
 */
import { expect, signIn, test as base } from './fixtures.ts';
import { startProsody, serverInfo, type TestServer } from './server/prosody.ts';
import type { TestServerInfo } from './server/test-server-info.ts';

let prosody: TestServer | undefined;
const test = base.extend<{ server: TestServerInfo }>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    prosody ??= await startProsody({ fileShare: { maxFileSize: 5 * 1024 * 1024 } });
    await use(serverInfo(prosody));
  },
});
test.afterAll(async () => {
  await prosody?.stop();
  prosody = undefined;
});

test('lists the upload service with its size limit, and the group chat service', async ({ page, server, webHost }) => {
  const { alice } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Account settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Account settings' });
  await dialog.getByRole('button', { name: 'Check server features' }).click();
  const list = dialog.getByRole('list', { name: `Server features of ${alice.jid}` });
  await expect(list.getByRole('listitem', { name: 'File upload, Supported' })).toContainText(`upload.${server.domain}, up to 5.0 MB per file`);
  await expect(list.getByRole('listitem', { name: 'Group chat rooms, Supported' })).toContainText(`conference.${server.domain}`);
});
