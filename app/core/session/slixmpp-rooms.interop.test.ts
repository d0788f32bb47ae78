/**
 * Group chat across federation with a real third-party client (issues 13 and 10): our account on one server of
 * the federation lab, a room on the other server's MUC service (ejabberd's mod_muc on conference.two.test,
 * Prosody's on conference.one.test), slixmpp (Debian's python3-slixmpp, its own XEP-0045 and XEP-0249 plugins) in
 * it from that server. Both ways round: join, messages both ways, history for who joins later, invitations both
 * ways, moderation (a kick). Each check is recorded for docs/compatibility.md.
 */
import { describe, expect, it } from 'vitest';
import { BOTH_WAYS, useFederationLab } from '../../../e2e/federation/interop-lab.ts';
import { checked } from '../../../e2e/federation/compatibility.ts';
import { seedAccount, seedContacts, siteLabel, siteServer, type FederationLab } from '../../../e2e/federation/lab.ts';
import { slixmppVersion, startSlixmppPeer, type SlixmppPeer } from '../../../e2e/federation/slixmpp-peer.ts';
import type { ChatMessage } from '../../shared/contract.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';
import { nextEvent, type TestUser } from '../service-test-support.ts';
import { dnsServerResolver } from '../stream/resolve.ts';

let lab: FederationLab;
const version = slixmppVersion();
const cleanups = useFederationLab((started) => {
  lab = started;
}, version === undefined ? 'python3-slixmpp is not installed (apt-get install -y python3-slixmpp)' : undefined);

const unique = (label: string): string => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe.each(BOTH_WAYS)('our account on $ours, the room and slixmpp on $theirs', ({ ours, theirs }) => {
  const servers = (): string => `${siteLabel(lab, ours)} → ${siteLabel(lab, theirs)}`;
  const peerName = `slixmpp ${version ?? ''}`.trim();
  const check = (feature: string, body: () => Promise<void>) => checked(feature, servers(), peerName, body);

  async function signIn(user: TestUser): Promise<JabberService> {
    const into = createJabberService({ trustedCertificates: [lab.caCertPem], connectTimeoutMs: 10_000, autoConnect: false },
      { resolver: dnsServerResolver([lab.dnsServer]) });
    cleanups.push(() => into.dispose());
    const result = await into.addAccount({ jid: user.jid, password: user.password });
    if (!result.ok) throw new Error(`sign-in of ${user.jid} failed: ${result.error.message}`);
    return into;
  }

  /** Us signed in, slixmpp signed in on the other server, and a new room there that we created (we own it). */
  async function setUp(): Promise<{ me: TestUser; them: TestUser; mine: JabberService; bot: SlixmppPeer; room: string }> {
    const { me, them } = await seedContacts(lab, ours, theirs);
    const bot = await startSlixmppPeer(them, siteServer(lab, theirs), lab.caCertFile);
    cleanups.push(() => bot.stop());
    const mine = await signIn(me);
    const room = `fed-${Math.random().toString(36).slice(2, 8)}@conference.${siteServer(lab, theirs).domain}`;
    const joined = await mine.joinRoom({ account: me.jid, room, nick: 'Ours', bookmark: false });
    if (!joined.ok) throw new Error(joined.error.message);
    expect(joined.value).toMatchObject({ jid: room, status: 'joined', affiliation: 'owner' });
    return { me, them, mine, bot, room };
  }

  const messageEvent = async (into: JabberService, predicate: (m: ChatMessage) => boolean, timeoutMs = 15_000): Promise<ChatMessage> =>
    (await nextEvent(into, 'onMessage', ({ message }) => predicate(message), timeoutMs)).message;

  it('join: slixmpp joins the room we created on its server; each sees the other among the occupants', async () => {
    await check('Room join (occupants on both sides)', async () => {
      const { me, mine, bot, room } = await setUp();
      const withBot = nextEvent(mine, 'onOccupants', (p) => p.account === me.jid && p.room === room && p.occupants.some((o) => o.nick === 'Sli'), 15_000);
      await bot.join(room, 'Sli');
      await withBot;
      await bot.waitForPresence((p) => p.from === `${room}/Ours` && p.role === 'moderator');
    });
  });

  it('messages both ways in the room', async () => {
    await check('Room messages both ways', async () => {
      const { me, mine, bot, room } = await setUp();
      await bot.join(room, 'Sli');
      const text = unique('to the room');
      const sent = await mine.sendRoomMessage({ account: me.jid, room, body: text });
      if (!sent.ok) throw new Error(sent.error.message);
      expect((await bot.waitForMessage((m) => m.body === text)).from).toBe(`${room}/Ours`);
      const answer = unique('slixmpp in the room');
      const incoming = messageEvent(mine, (m) => m.conversation === room && m.body === answer);
      await bot.groupchat(room, answer);
      expect(await incoming).toMatchObject({ direction: 'in', from: `${room}/Sli` });
    });
  });

  it('history: slixmpp joining later gets what we said; a user of our server joining later gets what slixmpp said', async () => {
    await check('Room history for who joins later', async () => {
      const { me, mine, bot, room } = await setUp();
      const before = unique('said before slixmpp came');
      const sent = await mine.sendRoomMessage({ account: me.jid, room, body: before });
      if (!sent.ok) throw new Error(sent.error.message);
      await messageEvent(mine, (m) => m.conversation === room && m.body === before).catch(() => undefined);
      await bot.join(room, 'Sli');
      expect(await bot.waitForMessage((m) => m.body === before)).toMatchObject({ from: `${room}/Ours`, delayed: true });

      const fromBot = unique('slixmpp said this earlier');
      const echoed = messageEvent(mine, (m) => m.conversation === room && m.body === fromBot);
      await bot.groupchat(room, fromBot);
      await echoed;
      const later = await seedAccount(lab, ours, `${me.jid}`, 'Me');
      const laterService = await signIn(later);
      const joined = await laterService.joinRoom({ account: later.jid, room, nick: 'Later', bookmark: false });
      if (!joined.ok) throw new Error(joined.error.message);
      await expect.poll(async () => {
        const history = await laterService.loadMessages({ account: later.jid, conversation: room, limit: 50 });
        return history.ok ? history.value.messages.map((m) => m.body) : [];
      }, { timeout: 10_000 }).toEqual(expect.arrayContaining([before, fromBot]));
    });
  });

  it('invitations both ways: ours (mediated by the room, and direct) reach slixmpp; its direct one reaches us', async () => {
    await check('Room invitations both ways', async () => {
      const { me, them, mine, bot, room } = await setUp();
      expect(await mine.inviteToRoom({ account: me.jid, room, jid: them.jid, reason: 'mediated please' })).toEqual({ ok: true, value: null });
      expect((await bot.waitForMessage((m) => m.invite?.reason === 'mediated please')).invite).toMatchObject({ room });
      expect(await mine.inviteToRoom({ account: me.jid, room, jid: them.jid, reason: 'direct please', direct: true })).toEqual({ ok: true, value: null });
      expect((await bot.waitForMessage((m) => m.invite?.reason === 'direct please')).invite).toMatchObject({ room, from: expect.stringMatching(new RegExp(`^${me.jid.replace(/\./gu, '\\.')}`, 'u')) });

      const other = `back-${Math.random().toString(36).slice(2, 8)}@conference.${siteServer(lab, theirs).domain}`;
      const invited = nextEvent(mine, 'onRoomInvitations', (p) => p.account === me.jid && p.invitations.some((i) => i.room === other), 15_000);
      await bot.invite(me.jid, other, 'come over');
      expect((await invited).invitations.find((i) => i.room === other)).toMatchObject({ kind: 'direct', reason: 'come over', from: them.jid });
    });
  });

  it('moderation: we, owner of the room on its server, kick slixmpp; it is told it was kicked (status 307)', async () => {
    await check('Room moderation (kick)', async () => {
      const { me, mine, bot, room } = await setUp();
      // Our side must have seen it join (its presence crosses the servers after the bot's own join completes).
      const present = nextEvent(mine, 'onOccupants', (p) => p.room === room && p.occupants.some((o) => o.nick === 'Sli'), 15_000);
      await bot.join(room, 'Sli');
      await present;
      const gone = nextEvent(mine, 'onOccupants', (p) => p.room === room && !p.occupants.some((o) => o.nick === 'Sli'), 15_000);
      gone.catch(() => {});
      expect(await mine.kickOccupant({ account: me.jid, room, nick: 'Sli', reason: 'testing moderation' })).toEqual({ ok: true, value: null });
      const kicked = await bot.waitForPresence((p) => p.from === `${room}/Sli` && p.type === 'unavailable');
      expect(kicked.codes).toContain(307);
      await gone;
    });
  });
});
