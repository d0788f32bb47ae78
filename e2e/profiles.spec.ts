/**
 * Avatars and profiles through the real UI against the real Prosody: a contact's published avatar in
 * the contact list (and kept in the profile folder by hash), their vCard in the Profile dialog, and our
 * own avatar and profile set from Account settings, as the contact then sees them.
 * Every test registers its own users, so the shared alice/bob accounts stay as other specs expect them.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import { freshUser as createUser, type TestUser } from '../app/core/service-test-support.ts';
import { expect, signIn, test } from './fixtures.ts';
import { createPeerPool } from './peer-pool.ts';
import type { TestServerInfo } from './server/test-server-info.ts';

type User = TestUser;

const freshUser = (server: TestServerInfo, prefix: string): Promise<User> => createUser(server, prefix, 'profile-secret-1');

const { friends, stopAll } = createPeerPool(freshUser);
test.afterEach(() => stopAll());

async function signedIn(page: Page, url: string, server: TestServerInfo, user: User): Promise<void> {
  await page.goto(url);
  await signIn(page, server, user);
  await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

/** A PNG of random noise (it does not compress): what a photo is to a PNG encoder. */
function noisePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 3)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test("shows the contact's avatar in the list and the conversation header, and their vCard in the Profile dialog", async ({ page, server, webHost }) => {
  const { me, bob, bobPeer } = await friends(server);
  const vcard = await bobPeer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>Bob Builder</FN><ORG><ORGNAME>Acme Ltd</ORGNAME></ORG><TITLE>Site manager</TITLE><EMAIL><INTERNET/><USERID>bob@acme.example</USERID></EMAIL><TEL><WORK/><NUMBER>+44 20 7946 0000</NUMBER></TEL></vCard></iq>`);
  expect(vcard.type).toBe('result');
  await signedIn(page, webHost.url, server, me);
  const local = bob.jid.split('@')[0]!;
  const item = page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: new RegExp(`^${local}, Online`, 'u') });
  // No avatar yet: initials on the contact's own colour.
  await expect(item.locator('.avatar-initials')).toHaveText(`B${local.split('-')[1]!.slice(0, 1).toUpperCase()}`);

  const avatar = Buffer.concat([PNG, Buffer.from(randomUUID())]);
  const hash = sha1(avatar);
  for (const [node, payload] of [
    ['urn:xmpp:avatar:data', `<data xmlns='urn:xmpp:avatar:data'>${avatar.toString('base64')}</data>`],
    ['urn:xmpp:avatar:metadata', `<metadata xmlns='urn:xmpp:avatar:metadata'><info id='${hash}' bytes='${avatar.length}' type='image/png'/></metadata>`],
  ] as const) {
    const published = await bobPeer.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='${node}'><item id='${hash}'>${payload}</item></publish></pubsub></iq>`);
    expect(published.type).toBe('result');
  }
  await expect(item.locator('img.avatar')).toHaveAttribute('src', `data:image/png;base64,${avatar.toString('base64')}`);
  expect((await stat(path.join(webHost.profile, 'avatars', hash))).mode & 0o777).toBe(0o600);

  await item.getByRole('button', { name: local }).click();
  await expect(page.locator('.conversation-header img.avatar')).toHaveAttribute('data-avatar-hash', hash);

  await item.getByRole('button', { name: 'Contact actions' }).click();
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile' });
  const details = dialog.getByRole('definition');
  await expect(details).toHaveText(['Bob Builder', 'Acme Ltd', 'Site manager', 'bob@acme.example', '+44 20 7946 0000']);
  await expect(dialog.getByRole('term')).toHaveText(['Name', 'Organisation', 'Title', 'E-mail', 'Phone']);
  // The peer's one device, named by its resource (a scripted client announces no capabilities).
  await expect(dialog.getByRole('region', { name: 'Devices online' }).getByRole('listitem')).toHaveText([bobPeer.jid.split('/')[1]!]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // Their own nickname (XEP-0172) stands in for the missing roster name.
  const nick = await bobPeer.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='http://jabber.org/protocol/nick'><item id='current'><nick xmlns='http://jabber.org/protocol/nick'>Bobby Tables</nick></item></publish></pubsub></iq>`);
  expect(nick.type).toBe('result');
  await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /^Bobby Tables, Online/u })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Bobby Tables' })).toBeVisible();
});

test('sets our own avatar (resized to 256×256) and profile from Account settings, and the contact sees both', async ({ page, server, webHost }) => {
  const { me, bobPeer } = await friends(server);
  await signedIn(page, webHost.url, server, me);
  await page.getByRole('button', { name: 'Account settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Account settings' }).getByRole('listitem', { name: me.jid });
  await settings.getByLabel('Avatar image').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
  await expect(settings.getByRole('status')).toHaveText('Avatar published.');
  await expect(settings.locator('img.avatar')).toHaveAttribute('src', /^data:image\/png;base64,/u);

  const metadata = await bobPeer.iq(`<iq type='get' to='${me.jid}'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:avatar:metadata'/></pubsub></iq>`);
  const info = metadata.stanza.getChild('pubsub')?.getChild('items')?.getChild('item')?.getChild('metadata')?.getChild('info');
  expect(info?.attrs).toMatchObject({ type: 'image/png', width: '256', height: '256' });
  const vcard = await bobPeer.iq(`<iq type='get' to='${me.jid}'><vCard xmlns='vcard-temp'/></iq>`);
  const published = Buffer.from(vcard.stanza.getChild('vCard')?.getChild('PHOTO')?.getChildText('BINVAL') ?? '', 'base64');
  // A real 256×256 PNG (IHDR width and height), whose SHA-1 is the published id.
  expect([published.readUInt32BE(16), published.readUInt32BE(20)]).toEqual([256, 256]);
  expect(sha1(published)).toBe(info?.attrs.id);

  await settings.getByRole('textbox', { name: 'Name', exact: true }).fill('Me Myself');
  await settings.getByRole('textbox', { name: 'Organisation' }).fill('Wonderland plc');
  await settings.getByRole('textbox', { name: 'Title' }).fill('Explorer');
  await settings.getByRole('button', { name: 'Save profile' }).click();
  await expect(settings.getByRole('status')).toHaveText('Profile saved.');
  const after = (await bobPeer.iq(`<iq type='get' to='${me.jid}'><vCard xmlns='vcard-temp'/></iq>`)).stanza.getChild('vCard');
  expect(after?.getChildText('FN')).toBe('Me Myself');
  expect(after?.getChild('ORG')?.getChildText('ORGNAME')).toBe('Wonderland plc');
  expect(after?.getChildText('TITLE')).toBe('Explorer');

  await settings.getByRole('button', { name: 'Remove avatar' }).click();
  await expect(settings.getByRole('status')).toHaveText('Avatar removed.');
  await expect(settings.locator('.avatar-initials')).toBeVisible();
});

test('a photo too large as PNG is published as a 256×256 JPEG', async ({ page, server, webHost }) => {
  const { me, bobPeer } = await friends(server);
  await signedIn(page, webHost.url, server, me);
  await page.getByRole('button', { name: 'Account settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Account settings' }).getByRole('listitem', { name: me.jid });
  await settings.getByLabel('Avatar image').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: noisePng(600, 400) });
  await expect(settings.getByRole('status')).toHaveText('Avatar published.');
  await expect(settings.locator('img.avatar')).toHaveAttribute('src', /^data:image\/jpeg;base64,/u);
  const vcard = await bobPeer.iq(`<iq type='get' to='${me.jid}'><vCard xmlns='vcard-temp'/></iq>`);
  const photo = vcard.stanza.getChild('vCard')?.getChild('PHOTO');
  expect(photo?.getChildText('TYPE')).toBe('image/jpeg');
  const bytes = Buffer.from(photo?.getChildText('BINVAL') ?? '', 'base64');
  expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  expect(bytes.length).toBeLessThanOrEqual(256 * 1024);
});
