/**
 * Group chat in Chromium through the web host and the real Prosody: create a room, a scripted peer
 * joins and talks, the occupants with their roles, unread counts in the Rooms list, a mention marked,
 * and a password room joined through the dialog's password box; an invitation accepted, one sent, a
 * mention counted in the Rooms list, a room set to mentions only, and moderation (voice, kick).
 */
import { randomUUID } from 'node:crypto';
import { freshUser } from '../app/core/service-test-support.ts';
import { expect, signIn, test } from './fixtures.ts';
import type { Peer } from './peer.ts';
import { createPeerPool } from './peer-pool.ts';
import { createRoomInUi } from './room-ui.ts';

const pool = createPeerPool(freshUser);
test.afterEach(() => pool.stopAll());

const MUC_USER = 'http://jabber.org/protocol/muc#user';

async function peerJoins(peer: Peer, room: string, nick: string, config?: Record<string, string>): Promise<void> {
  await peer.sendRaw(`<presence to='${room}/${nick}'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`);
  const self = await peer.waitForPresence((presence) => presence.from === `${room}/${nick}` && presence.stanza.getChild('x', MUC_USER)?.getChildren('status').some((status) => status.attrs.code === '110') === true);
  const created = self.stanza.getChild('x', MUC_USER)?.getChildren('status').some((status) => status.attrs.code === '201') === true;
  if (!created && config === undefined) return;
  const fields = Object.entries(config ?? {}).map(([name, value]) => `<field var='${name}'><value>${value}</value></field>`).join('');
  const reply = await peer.iq(`<iq type='set' to='${room}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>${fields}</x></query></iq>`);
  expect(reply.type).toBe('result');
}

test('creates a room, talks with a peer, sees the occupants and their roles, counts unread messages, joins a password room', async ({ page, server, webHost }) => {
  const me = await freshUser(server, 'rooms-me');
  const bob = await freshUser(server, 'rooms-bob');
  const local = `team-${randomUUID().slice(0, 8)}`;
  const room = `${local}@${server.mucDomain}`;
  await page.goto(webHost.url);
  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  // Create room: the dialog asks the address and a nickname.
  const log = await createRoomInUi(page, room);
  const occupants = page.getByRole('list', { name: 'Occupants' });
  await expect(occupants.getByRole('listitem', { name: /^Me, Moderator/u })).toBeVisible();

  // Bob joins and talks; Me answers from the composer.
  const bobPeer = await pool.peerFor(server, bob);
  await peerJoins(bobPeer, room, 'Bob');
  await expect(occupants.getByRole('listitem', { name: /^Bob, Participant/u })).toBeVisible();
  await bobPeer.sendMessage(room, 'Hello team', { type: 'groupchat' });
  await expect(log.getByRole('article').filter({ hasText: 'Hello team' })).toContainText('Bob');
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('Hi Bob');
  await composer.press('Enter');
  await bobPeer.waitForMessage((message) => message.body === 'Hi Bob' && message.from === `${room}/Me`);
  await expect(log.getByRole('article').filter({ hasText: 'Hi Bob' })).toHaveCount(1);
  // A message naming Me is marked as a mention.
  await bobPeer.sendMessage(room, 'Me, can you review?', { type: 'groupchat' });
  await expect(log.getByRole('article', { name: 'Bob, mentions you' })).toContainText('can you review?');

  // A password room: Join room, refused, the password box appears, then in.
  const secretLocal = `secret-${randomUUID().slice(0, 8)}`;
  const secret = `${secretLocal}@${server.mucDomain}`;
  await peerJoins(bobPeer, secret, 'Bob', { 'muc#roomconfig_passwordprotectedroom': '1', 'muc#roomconfig_roomsecret': 'opensesame' });
  await page.getByRole('button', { name: 'Join room' }).click();
  const join = page.getByRole('dialog', { name: 'Join room' });
  await join.getByRole('textbox', { name: 'Room address' }).fill(secret);
  await join.getByRole('textbox', { name: 'Nickname' }).fill('Me');
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(join.getByRole('alert')).toContainText('needs a password');
  await join.getByLabel('Room password').fill('opensesame');
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(join).toHaveCount(0);
  await expect(page.getByRole('log', { name: `Room ${secretLocal}` })).toBeVisible();

  // Bob writes in the first room while Me is in the second: the Rooms list counts it.
  await bobPeer.sendMessage(room, 'Are you there?', { type: 'groupchat' });
  const rooms = page.getByRole('list', { name: 'Rooms' });
  await expect(rooms.getByRole('listitem', { name: new RegExp(`^${local}, 1 unread`, 'u') })).toBeVisible();
  await rooms.getByRole('listitem', { name: new RegExp(`^${local}`, 'u') }).getByRole('button').click();
  await expect(log).toContainText('Are you there?');
  await expect(rooms.getByRole('listitem', { name: new RegExp(`^${local}, 0 unread`, 'u') })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Room actions' })).toBeVisible();

  // A private message from Bob: its own conversation, answered through the room, never in the room's log.
  await bobPeer.sendMessage(`${room}/Me`, 'Just between us', { type: 'chat' });
  await occupants.getByRole('button', { name: 'Message Bob privately' }).click();
  const privateLog = page.getByRole('log', { name: /^Conversation with/u });
  await expect(privateLog).toContainText('Just between us');
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Sure');
  await page.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
  const reply = await bobPeer.waitForMessage((message) => message.body === 'Sure');
  expect([reply.from, reply.type]).toEqual([`${room}/Me`, 'chat']);
  await rooms.getByRole('listitem', { name: new RegExp(`^${local}`, 'u') }).getByRole('button').click();
  await expect(log).toContainText('Are you there?');
  await expect(log).not.toContainText('Just between us');
});

test('accepts an invitation, invites back, counts a mention in the Rooms list, sets the room to mentions only, and moderates', async ({ page, server, webHost }) => {
  const me = await freshUser(server, 'rooms-me');
  const bob = await freshUser(server, 'rooms-bob');
  const hisLocal = `his-${randomUUID().slice(0, 8)}`;
  const his = `${hisLocal}@${server.mucDomain}`;
  await page.goto(webHost.url);
  await signIn(page, server, me);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();

  // Bob invites Me directly (XEP-0249) to his room: Accept opens the join dialog for it.
  const bobPeer = await pool.peerFor(server, bob);
  await peerJoins(bobPeer, his, 'Bob');
  await bobPeer.sendRaw(`<message to='${me.jid}'><x xmlns='jabber:x:conference' jid='${his}' reason='Standup'/></message>`);
  const invitation = page.getByRole('list', { name: 'Room invitations' }).getByRole('listitem', { name: `${bob.jid} invites you to ${his}` });
  await expect(invitation).toContainText('Standup');
  await invitation.getByRole('button', { name: 'Accept' }).click();
  const join = page.getByRole('dialog', { name: 'Join room' });
  await expect(join.getByRole('textbox', { name: 'Room address' })).toHaveValue(his);
  await join.getByRole('textbox', { name: 'Nickname' }).fill('Me');
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(join).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Room invitations' })).toHaveCount(0);
  const hisOccupants = page.getByRole('list', { name: 'Occupants' });
  await expect(hisOccupants.getByRole('listitem', { name: /^Bob, Moderator/u })).toBeVisible();
  await expect(hisOccupants.getByRole('listitem', { name: 'Me, Participant, you' })).toBeVisible();

  // Mentions only for his room, from Room actions.
  await page.getByRole('button', { name: 'Room actions' }).click();
  await page.getByRole('menuitemradio', { name: 'Notify for mentions only' }).click();
  await page.getByRole('button', { name: 'Room actions' }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Notify for mentions only' })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: 'Room actions' }).click();

  // Me creates a room of her own and invites Bob (mediated, through the room).
  const oursLocal = `ours-${randomUUID().slice(0, 8)}`;
  const ours = `${oursLocal}@${server.mucDomain}`;
  await createRoomInUi(page, ours);
  await page.getByRole('button', { name: 'Invite' }).click();
  await page.getByRole('dialog', { name: `Invite to ${oursLocal}` }).getByRole('textbox', { name: 'Address' }).fill(bob.jid);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await bobPeer.waitForStanza((stanza) => stanza.name === 'message' && stanza.attrs.from === ours && stanza.getChild('x', MUC_USER)?.getChild('invite') !== undefined);

  // Bob names Me in his room while Me is in hers: the Rooms list counts the mention.
  await bobPeer.sendMessage(his, 'Me, are you coming?', { type: 'groupchat' });
  const rooms = page.getByRole('list', { name: 'Rooms' });
  await expect(rooms.getByRole('listitem', { name: new RegExp(`^${hisLocal}, 1 unread, 1 mention`, 'u') })).toBeVisible();

  // Bob comes in; Me takes his voice away, then kicks him: the occupant list shows it, and Bob is told.
  await peerJoins(bobPeer, ours, 'Bob');
  const occupants = page.getByRole('list', { name: 'Occupants' });
  await expect(occupants.getByRole('listitem', { name: /^Bob, Participant/u })).toBeVisible();
  await occupants.getByRole('button', { name: 'Take voice from Bob' }).click();
  await expect(occupants.getByRole('listitem', { name: /^Bob, Visitor/u })).toBeVisible();
  await occupants.getByRole('button', { name: 'Give voice to Bob' }).click();
  await expect(occupants.getByRole('listitem', { name: /^Bob, Participant/u })).toBeVisible();
  await occupants.getByRole('button', { name: 'Kick Bob' }).click();
  await expect(occupants.getByRole('listitem', { name: /^Bob,/u })).toHaveCount(0);
  await bobPeer.waitForPresence((presence) => presence.from === `${ours}/Bob` && presence.type === 'unavailable' && presence.stanza.toString().includes('code="307"'));
});
