/**
 * Our core with Profanity (Debian's profanity, a terminal client) across federation (issue 13): Profanity runs in
 * a private tmux server (e2e/federation/profanity-peer.ts), signed in on the other server of the federation lab,
 * and is driven as a user would: keys typed, the screen read. Both ways round. Each check is recorded for
 * docs/compatibility.md. Needs profanity and tmux (scripts/test.mjs installs them).
 */
import { describe, expect, it } from 'vitest';
import { BOTH_WAYS, useFederationLab } from '../../../e2e/federation/interop-lab.ts';
import { checked } from '../../../e2e/federation/compatibility.ts';
import { seedContacts, siteLabel, siteServer, type FederationLab } from '../../../e2e/federation/lab.ts';
import { profanityVersion, startProfanityPeer, type ProfanityPeer } from '../../../e2e/federation/profanity-peer.ts';
import type { ChatMessage } from '../../shared/contract.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';
import { nextEvent, type TestUser } from '../service-test-support.ts';
import { dnsServerResolver } from '../stream/resolve.ts';

let lab: FederationLab;
const version = profanityVersion();
const cleanups = useFederationLab((started) => {
  lab = started;
}, version === undefined ? 'profanity and tmux are not installed (apt-get install -y profanity tmux)' : undefined);

const unique = (label: string): string => `${label} ${Math.random().toString(36).slice(2, 8)}`;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

describe.each(BOTH_WAYS)('our account on $ours, Profanity on $theirs', ({ ours, theirs }) => {
  const servers = (): string => `${siteLabel(lab, ours)} → ${siteLabel(lab, theirs)}`;
  const peerName = `Profanity ${version ?? ''}`.trim();
  const check = (feature: string, body: () => Promise<void>) => checked(feature, servers(), peerName, body);

  async function setUp(): Promise<{ me: TestUser; them: TestUser; mine: JabberService; profanity: ProfanityPeer }> {
    const { me, them } = await seedContacts(lab, ours, theirs);
    const profanity = await startProfanityPeer(them, siteServer(lab, theirs), lab.caCertFile);
    cleanups.push(() => profanity.stop());
    const mine = createJabberService({ trustedCertificates: [lab.caCertPem], connectTimeoutMs: 10_000, autoConnect: false },
      { resolver: dnsServerResolver([lab.dnsServer]) });
    cleanups.push(() => mine.dispose());
    const result = await mine.addAccount({ jid: me.jid, password: me.password });
    if (!result.ok) throw new Error(result.error.message);
    return { me, them, mine, profanity };
  }

  const messageEvent = async (into: JabberService, predicate: (m: ChatMessage) => boolean, timeoutMs = 15_000): Promise<ChatMessage> =>
    (await nextEvent(into, 'onMessage', ({ message }) => predicate(message), timeoutMs)).message;

  it('chat both ways: our message shows in Profanity’s window and its receipt comes back; what is typed there reaches us', async () => {
    await check('1:1 chat with receipts', async () => {
      const { me, them, mine, profanity } = await setUp();
      await profanity.chat(me.jid);
      // Its title bar names the contact (by its roster name, "Me").
      await profanity.waitForLine(new RegExp(`^ (Me|${escape(me.jid)}) \\[`, 'u'));
      const text = unique('hello Profanity');
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: text });
      if (!sent.ok) throw new Error(sent.error.message);
      const delivered = messageEvent(mine, (m) => m.id === sent.value.id && m.state === 'delivered');
      await profanity.waitForLine(new RegExp(`- (${escape(me.jid)}|Me)(/\\S+)?: ${escape(text)}(\\s|$)`, 'u'));
      await delivered;

      const answer = unique('typed in Profanity');
      const incoming = messageEvent(mine, (m) => m.body === answer);
      await profanity.type(answer);
      await profanity.waitForLine(new RegExp(`- me: ${escape(answer)}`, 'u'));
      expect(await incoming).toMatchObject({ direction: 'in', conversation: them.jid, from: `${them.jid}/profanity` });
    });
  });
  it('a room on their server (XEP-0045 across federation): we create it, Profanity joins, messages both ways', async () => {
    await check('Group chat room on the other server', async () => {
      const { me, mine, profanity } = await setUp();
      const room = `fed-${Math.random().toString(36).slice(2, 8)}@conference.${siteServer(lab, theirs).domain}`;
      const joined = await mine.joinRoom({ account: me.jid, room, nick: 'Ours' });
      if (!joined.ok) throw new Error(joined.error.message);
      expect(joined.value).toMatchObject({ jid: room, status: 'joined' });
      const withProfanity = nextEvent(mine, 'onOccupants', (p) => p.room === room && p.occupants.some((o) => o.nick === 'Prof'), 15_000);
      await profanity.join(room, 'Prof');
      await profanity.waitForLine(/-> You have joined the room as Prof/u);
      await withProfanity;

      const text = unique('to the room');
      const sent = await mine.sendRoomMessage({ account: me.jid, room, body: text });
      if (!sent.ok) throw new Error(sent.error.message);
      await profanity.waitForLine(new RegExp(`- Ours: ${escape(text)}(\\s|$)`, 'u'));

      const answer = unique('Profanity in the room');
      const incoming = messageEvent(mine, (m) => m.conversation === room && m.body === answer);
      await profanity.type(answer);
      expect(await incoming).toMatchObject({ direction: 'in', from: `${room}/Prof` });
    });
  });
  it('a room Profanity created on its server: we join it as a participant, see what was said before, messages both ways', async () => {
    await check('Joins a room another client created on the other server', async () => {
      const { me, mine, profanity } = await setUp();
      const room = `theirs-${Math.random().toString(36).slice(2, 8)}@conference.${siteServer(lab, theirs).domain}`;
      await profanity.join(room, 'Owner');
      await profanity.waitForLine(/room accept/u);
      await profanity.type('/room accept');
      await profanity.waitForLine(/unlocked|instant room/iu);
      const before = unique('said before we came');
      await profanity.type(before);
      await profanity.waitForLine(new RegExp(`- Owner: ${escape(before)}(\\s|$)`, 'u'));

      const joined = await mine.joinRoom({ account: me.jid, room, nick: 'Guest' });
      if (!joined.ok) throw new Error(joined.error.message);
      expect(joined.value).toMatchObject({ jid: room, status: 'joined', affiliation: 'none' });
      // Profanity lists the occupants in the panel on the right of the room's window.
      await profanity.waitForLine(/\sGuest\s*$/u);
      await expect.poll(async () => {
        const history = await mine.loadMessages({ account: me.jid, conversation: room, limit: 50 });
        return history.ok ? history.value.messages.map((m) => m.body) : [];
      }, { timeout: 10_000 }).toContain(before);

      const text = unique('a guest speaks');
      const sent = await mine.sendRoomMessage({ account: me.jid, room, body: text });
      if (!sent.ok) throw new Error(sent.error.message);
      await profanity.waitForLine(new RegExp(`- Guest: ${escape(text)}(\\s|$)`, 'u'));
      const answer = unique('the owner answers');
      const incoming = messageEvent(mine, (m) => m.conversation === room && m.body === answer);
      await profanity.type(answer);
      expect(await incoming).toMatchObject({ direction: 'in', from: `${room}/Owner` });
    });
  });

  it('invitations: our direct invitation (XEP-0249) to a room on its server shows in Profanity', async () => {
    await check('Room invitation (ours, direct) shown', async () => {
      const { me, them, mine, profanity } = await setUp();
      const room = `inv-${Math.random().toString(36).slice(2, 8)}@conference.${siteServer(lab, theirs).domain}`;
      const joined = await mine.joinRoom({ account: me.jid, room, nick: 'Ours', bookmark: false });
      if (!joined.ok) throw new Error(joined.error.message);
      expect(await mine.inviteToRoom({ account: me.jid, room, jid: them.jid, reason: 'join us', direct: true })).toEqual({ ok: true, value: null });
      await profanity.waitForLine(new RegExp(`invit.*${escape(room)}|${escape(room)}.*invit`, 'iu'));
    });
  });

  it('moderation: we, owner of a room on its server, kick Profanity; it says so', async () => {
    await check('Room moderation (kick)', async () => {
      const { me, mine, profanity } = await setUp();
      const room = `mod-${Math.random().toString(36).slice(2, 8)}@conference.${siteServer(lab, theirs).domain}`;
      const joined = await mine.joinRoom({ account: me.jid, room, nick: 'Ours', bookmark: false });
      if (!joined.ok) throw new Error(joined.error.message);
      const withProfanity = nextEvent(mine, 'onOccupants', (p) => p.room === room && p.occupants.some((o) => o.nick === 'Prof'), 15_000);
      await profanity.join(room, 'Prof');
      await withProfanity;
      expect(await mine.kickOccupant({ account: me.jid, room, nick: 'Prof', reason: 'testing moderation' })).toEqual({ ok: true, value: null });
      await profanity.waitForLine(/kicked/iu);
    });
  });

  it('Profanity verifies the server: without the lab’s CA it stops at the untrusted certificate and does not sign in', async () => {
    await check('Peer refuses its server without the CA (certificate verified)', async () => {
      const { them } = await seedContacts(lab, ours, theirs);
      const untrusted = await startProfanityPeer(them, siteServer(lab, theirs), lab.caCertFile, { untrusted: true });
      cleanups.push(() => untrusted.stop());
      await untrusted.waitForLine(/certificate/iu, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await untrusted.screen()).not.toMatch(/logged in successfully/u);
    });
  });
});
