/**
 * Conversation features in rooms, in Chromium through the web host and a real Prosody (muc_mam,
 * muc_moderation, mod_http_file_share): typing shown, a correction and a retraction seen by the other
 * occupant, a moderator's removal seen by everyone, a reaction counted with who, a reply quoted, a file
 * attached in the room. The other occupants are scripted peers.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { freshUser } from '../app/core/service-test-support.ts';
import { expect, signIn, test as base } from './fixtures.ts';
import type { Peer } from './peer.ts';
import { createPeerPool } from './peer-pool.ts';
import { startProsody, serverInfo, type TestServer } from './server/prosody.ts';
import type { TestServerInfo } from './server/test-server-info.ts';
import { createRoomInUi } from './room-ui.ts';

let prosody: TestServer | undefined;
const test = base.extend<{ server: TestServerInfo }>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    prosody ??= await startProsody({ fileShare: { maxFileSize: 1024 * 1024 } });
    await use(serverInfo(prosody));
  },
});
test.afterAll(async () => {
  await prosody?.stop();
  prosody = undefined;
});

const pool = createPeerPool(freshUser);
test.afterEach(() => pool.stopAll());

const MUC_USER = 'http://jabber.org/protocol/muc#user';

async function peerJoins(peer: Peer, room: string, nick: string): Promise<void> {
  await peer.sendRaw(`<presence to='${room}/${nick}'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`);
  await peer.waitForPresence((presence) => presence.from === `${room}/${nick}` && presence.stanza.getChild('x', MUC_USER)?.getChildren('status').some((status) => status.attrs.code === '110') === true);
}

/** Signs in, creates a room (we are its owner and a moderator), and two peers join it. */
async function roomWithPeers(page: Page, server: TestServerInfo, url: string) {
  const me = await freshUser(server, 'rmsg-me');
  const local = `talk-${randomUUID().slice(0, 8)}`;
  const room = `${local}@${server.mucDomain}`;
  await page.goto(url);
  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const log = await createRoomInUi(page, room);
  const bob = await pool.peerFor(server, await freshUser(server, 'rmsg-bob'));
  const carol = await pool.peerFor(server, await freshUser(server, 'rmsg-carol'));
  await peerJoins(bob, room, 'Bob');
  await peerJoins(carol, room, 'Carol');
  const occupants = page.getByRole('list', { name: 'Occupants' });
  await expect(occupants.getByRole('listitem')).toHaveCount(3);
  return { room, log, bob, carol };
}

const stanzaIdOf = async (peer: Peer, room: string, body: string): Promise<string> => {
  const seen = await peer.waitForMessage((message) => message.body === body && message.from.startsWith(`${room}/`));
  return seen.stanza.getChildren('stanza-id', 'urn:xmpp:sid:0').find((child) => child.attrs.by === room)?.attrs.id ?? '';
};

async function messageAction(page: Page, article: ReturnType<Page['getByRole']>, action: string): Promise<void> {
  await article.getByRole('button', { name: 'Message actions' }).click();
  await page.getByRole('menu', { name: 'Message actions' }).getByRole('menuitem', { name: action, exact: true }).click();
}

test('typing shown; our correction and retraction reach the other occupants; theirs are shown', async ({ page, server, webHost }) => {
  const { room, log, bob, carol } = await roomWithPeers(page, server, webHost.url);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });

  await bob.sendRaw(`<message type='groupchat' to='${room}'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>`);
  await expect(page.getByText('Bob is typing…')).toBeVisible();
  // Our typing goes to the room.
  await composer.fill('Lunch at noon');
  await carol.waitForStanza((stanza) => stanza.attrs.from === `${room}/Me` && stanza.getChild('composing', 'http://jabber.org/protocol/chatstates') !== undefined);
  await composer.press('Enter');
  const stanzaId = await stanzaIdOf(carol, room, 'Lunch at noon');
  const mine = log.getByRole('article').filter({ hasText: 'Lunch at noon' });

  // Edit from Message actions: the other occupant gets the correction.
  await messageAction(page, mine, 'Edit');
  await composer.fill('Lunch at one');
  await composer.press('Enter');
  const correction = await carol.waitForMessage((message) => message.body === 'Lunch at one');
  expect(correction.stanza.getChild('replace', 'urn:xmpp:message-correct:0')).toBeDefined();
  const edited = log.getByRole('article').filter({ hasText: 'Lunch at one' });
  await expect(edited).toContainText('Edited');

  // Retract: by the room's stanza-id.
  await messageAction(page, edited, 'Retract');
  await expect(log.getByText('You retracted this message.')).toBeVisible();
  const retraction = await carol.waitForStanza((stanza) => stanza.getChild('retract', 'urn:xmpp:message-retract:1') !== undefined);
  expect(retraction.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs.id).toBe(stanzaId);

  // Bob corrects, then retracts his own message.
  await bob.sendRaw(`<message type='groupchat' to='${room}' id='b1'><body>Helo</body></message>`);
  await expect(page.getByText('Bob is typing…')).toHaveCount(0);
  await bob.sendRaw(`<message type='groupchat' to='${room}' id='b2'><body>Hello</body><replace xmlns='urn:xmpp:message-correct:0' id='b1'/></message>`);
  const his = log.getByRole('article', { name: 'Bob' }).filter({ hasText: 'Hello' });
  await expect(his).toContainText('Edited');
  const bobsId = await stanzaIdOf(bob, room, 'Helo');
  await bob.sendRaw(`<message type='groupchat' to='${room}'><retract xmlns='urn:xmpp:message-retract:1' id='${bobsId}'/></message>`);
  await expect(log.getByText('This message was retracted.')).toBeVisible();
});

test('a moderator removes a message with a reason and everyone sees it removed', async ({ page, server, webHost }) => {
  const { room, log, bob, carol } = await roomWithPeers(page, server, webHost.url);
  await bob.sendMessage(room, 'Buy cheap watches', { type: 'groupchat' });
  const spam = log.getByRole('article').filter({ hasText: 'Buy cheap watches' });
  await messageAction(page, spam, 'Remove');
  const dialog = page.getByRole('dialog', { name: 'Remove this message for everyone' });
  await dialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('Spam');
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(log.getByText('This message was removed by a moderator. Reason: Spam')).toBeVisible();
  await expect(log.getByText('Buy cheap watches')).toHaveCount(0);
  // The others got the room's announcement.
  await carol.waitForStanza((stanza) => stanza.attrs.from === room && stanza.getChild('apply-to', 'urn:xmpp:fasten:0')?.getChild('moderated', 'urn:xmpp:message-moderate:0') !== undefined);
  await bob.waitForStanza((stanza) => stanza.attrs.from === room && stanza.getChild('apply-to', 'urn:xmpp:fasten:0') !== undefined);
});

test('reactions counted with who, a reply quoted, a file attached in the room', async ({ page, server, webHost }) => {
  test.setTimeout(90_000);
  const { room, log, bob, carol } = await roomWithPeers(page, server, webHost.url);
  await bob.sendMessage(room, 'Ship it?', { type: 'groupchat' });
  const question = log.getByRole('article').filter({ hasText: 'Ship it?' });
  await expect(question).toBeVisible();
  const stanzaId = await stanzaIdOf(carol, room, 'Ship it?');

  // Carol reacts: counted, with who; we react from the picker: two, and Bob's client gets ours by stanza-id.
  await carol.sendRaw(`<message type='groupchat' to='${room}' id='c-r1'><reactions xmlns='urn:xmpp:reactions:0' id='${stanzaId}'><reaction>👍</reaction></reactions><store xmlns='urn:xmpp:hints'/></message>`);
  await expect(question.getByRole('button', { name: '👍 1' })).toHaveAttribute('title', 'Carol reacted with 👍');
  await messageAction(page, question, 'React');
  await page.getByRole('menu', { name: 'Pick a reaction' }).getByRole('menuitemcheckbox', { name: '👍' }).click();
  await expect(question.getByRole('button', { name: '👍 2' })).toHaveAttribute('title', 'Carol, You reacted with 👍');
  const reaction = await bob.waitForStanza((stanza) => stanza.attrs.from === `${room}/Me` && stanza.getChild('reactions', 'urn:xmpp:reactions:0') !== undefined);
  expect(reaction.getChild('reactions', 'urn:xmpp:reactions:0')?.attrs.id).toBe(stanzaId);

  // Reply from the menu: quoted above the box, sent with XEP-0461 naming the stanza-id; Bob's reply to it shown quoting it.
  await messageAction(page, question, 'Reply');
  await expect(page.getByRole('group', { name: 'Replying to' })).toContainText('Ship it?');
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('Yes, Bob');
  await composer.press('Enter');
  const reply = await bob.waitForStanza((stanza) => stanza.attrs.from === `${room}/Me` && stanza.getChild('reply', 'urn:xmpp:reply:0') !== undefined);
  expect(reply.getChild('reply', 'urn:xmpp:reply:0')?.attrs.id).toBe(stanzaId);
  expect(reply.getChild('reference', 'urn:xmpp:reference:0')?.attrs.uri).toBe(`xmpp:${room}/Bob`);
  const ours = log.getByRole('article').filter({ hasText: 'Yes, Bob' });
  await expect(ours.getByRole('button', { name: /In reply to Bob/u })).toContainText('Ship it?');
  // The quote jumps to the original.
  await ours.getByRole('button', { name: /In reply to Bob/u }).click();
  await expect(log.getByRole('article', { name: 'Bob', exact: true }).filter({ hasText: 'Ship it?' })).toBeFocused();

  // A mention by reference (XEP-0372) is marked like one by nickname.
  await carol.sendRaw(`<message type='groupchat' to='${room}' id='c-m'><body>ask the owner</body><reference xmlns='urn:xmpp:reference:0' type='mention' begin='8' end='13' uri='xmpp:${room}/Me'/></message>`);
  await expect(log.getByRole('article', { name: 'Carol, mentions you' })).toContainText('ask the owner');

  // Attach file: goes to the room as a groupchat message with OOB and metadata.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach file' }).click();
  await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('minutes of the meeting') });
  const file = await carol.waitForMessage((message) => message.from === `${room}/Me` && message.stanza.getChild('x', 'jabber:x:oob') !== undefined, 20_000);
  expect(file.type).toBe('groupchat');
  expect(file.stanza.getChild('file', 'urn:xmpp:file:metadata:0')?.getChildText('name')).toBe('notes.txt');
  await expect(log.getByRole('figure', { name: 'File notes.txt' })).toHaveCount(1);
});

test('with typing notifications off, nothing of our typing reaches the room', async ({ page, server, webHost }) => {
  const { room, log, carol } = await roomWithPeers(page, server, webHost.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  await settings.getByRole('checkbox', { name: 'Let others see when I am typing' }).uncheck();
  await settings.getByRole('button', { name: 'Close' }).click();
  await log.click();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.pressSequentially('Quietly typed');
  await composer.press('Enter');
  await carol.waitForMessage((message) => message.body === 'Quietly typed' && message.from === `${room}/Me`);
  await page.waitForTimeout(1000);
  const states = carol.stanzas.filter((stanza) => stanza.name === 'message' && stanza.attrs.from === `${room}/Me` && stanza.getChild('body') === undefined);
  expect(states.filter((stanza) => stanza.children.some((child) => typeof child !== 'string' && child.attrs.xmlns === 'http://jabber.org/protocol/chatstates'))).toEqual([]);
});
