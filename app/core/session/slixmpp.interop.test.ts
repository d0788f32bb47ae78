/**
 * Our core with a real third-party client across federation (issue 13): a slixmpp bot (Debian's
 * python3-slixmpp, e2e/federation/slixmpp_bot.py) on the other server of the federation lab, both ways round.
 * slixmpp's own plugins answer receipts, send markers, corrections and retractions: nothing is hand-written XML.
 * Each check is recorded for docs/compatibility.md. Needs python3-slixmpp (scripts/test.mjs installs it).
 */
import { describe, expect, it } from 'vitest';
import { BOTH_WAYS, useFederationLab } from '../../../e2e/federation/interop-lab.ts';
import { checked } from '../../../e2e/federation/compatibility.ts';
import { seedContacts, siteLabel, siteServer, type FederationLab } from '../../../e2e/federation/lab.ts';
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

describe.each(BOTH_WAYS)('our account on $ours, slixmpp on $theirs', ({ ours, theirs }) => {
  const servers = (): string => `${siteLabel(lab, ours)} → ${siteLabel(lab, theirs)}`;
  const peerName = `slixmpp ${version ?? ''}`.trim();
  const check = (feature: string, body: () => Promise<void>) => checked(feature, servers(), peerName, body);

  async function setUp(): Promise<{ me: TestUser; them: TestUser; mine: JabberService; bot: SlixmppPeer }> {
    const { me, them } = await seedContacts(lab, ours, theirs);
    const bot = await startSlixmppPeer(them, siteServer(lab, theirs), lab.caCertFile);
    cleanups.push(() => bot.stop());
    const mine = createJabberService({ trustedCertificates: [lab.caCertPem], connectTimeoutMs: 10_000, autoConnect: false },
      { resolver: dnsServerResolver([lab.dnsServer]) });
    cleanups.push(() => mine.dispose());
    const result = await mine.addAccount({ jid: me.jid, password: me.password });
    if (!result.ok) throw new Error(result.error.message);
    return { me, them, mine, bot };
  }

  const messageEvent = async (into: JabberService, predicate: (m: ChatMessage) => boolean, timeoutMs = 15_000): Promise<ChatMessage> =>
    (await nextEvent(into, 'onMessage', ({ message }) => predicate(message), timeoutMs)).message;

  it('chat both ways, with delivery receipts slixmpp sends and asks for', async () => {
    await check('1:1 chat with receipts', async () => {
      const { me, them, mine, bot } = await setUp();
      const text = unique('hello slixmpp');
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: text });
      if (!sent.ok) throw new Error(sent.error.message);
      const delivered = messageEvent(mine, (m) => m.id === sent.value.id && m.state === 'delivered');
      const arrived = await bot.waitForMessage((m) => m.body === text);
      expect(arrived.from).toMatch(new RegExp(`^${me.jid.replace(/\./gu, '\\.')}/`, 'u'));
      await delivered;

      const answer = unique('hello from slixmpp');
      const incoming = messageEvent(mine, (m) => m.body === answer);
      const id = await bot.send(me.jid, answer);
      expect(await incoming).toMatchObject({ direction: 'in', conversation: them.jid, id });
      await bot.waitForMessage((m) => m.receipt === id);
    });
  });

  it('chat markers both ways', async () => {
    await check('Chat markers (read)', async () => {
      const { me, them, mine, bot } = await setUp();
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: unique('read me') });
      if (!sent.ok) throw new Error(sent.error.message);
      const arrived = await bot.waitForMessage((m) => m.body === sent.value.body);
      expect(arrived.markable).toBe(true);
      const read = messageEvent(mine, (m) => m.id === sent.value.id && m.state === 'read');
      await bot.marker(me.jid, arrived.id, 'displayed');
      await read;

      const incoming = messageEvent(mine, (m) => m.direction === 'in' && m.conversation === them.jid);
      const id = await bot.send(me.jid, unique('markable'));
      await incoming;
      expect(await mine.markRead({ account: me.jid, conversation: them.jid })).toEqual({ ok: true, value: null });
      await bot.waitForMessage((m) => m.displayed === id);
    });
  });

  it('corrections (XEP-0308) both ways', async () => {
    await check('Message correction', async () => {
      const { me, them, mine, bot } = await setUp();
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: 'teh typo' });
      if (!sent.ok) throw new Error(sent.error.message);
      const original = await bot.waitForMessage((m) => m.body === 'teh typo');
      expect((await mine.correctMessage({ account: me.jid, conversation: them.jid, id: sent.value.id, body: 'the typo' })).ok).toBe(true);
      expect((await bot.waitForMessage((m) => m.body === 'the typo')).replace).toBe(original.id);

      const incoming = messageEvent(mine, (m) => m.body === 'recieve');
      const id = await bot.send(me.jid, 'recieve');
      await incoming;
      const edited = messageEvent(mine, (m) => m.id === id && m.edited === true && m.body === 'receive');
      await bot.correct(me.jid, id, 'receive');
      await edited;
    });
  });

  it('retractions (XEP-0424): ours are applied by slixmpp (through the 0.3 form they also carry); slixmpp’s 0.3 ones apply here', async () => {
    const { me, them, mine, bot } = await setUp();
    // Ours: 0.4 (message-retract:1) and, in the same stanza, the 0.3 form (message-retract:0 in a XEP-0422
    // fastening), which is all slixmpp 1.8 understands: its own plugin must apply it (its message_retract event).
    await check('Message retraction (we retract)', async () => {
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: unique('oops') });
      if (!sent.ok) throw new Error(sent.error.message);
      await bot.waitForMessage((m) => m.body === sent.value.body);
      const applied = bot.waitForRetraction(sent.value.id);
      expect((await mine.retractMessage({ account: me.jid, conversation: them.jid, id: sent.value.id })).ok).toBe(true);
      await applied;
      const ours = await bot.waitForMessage((m) => m.xml.includes('urn:xmpp:message-retract:1'));
      expect(ours.retract).toBe(sent.value.id);
    });

    // Theirs: slixmpp's own send_retraction (XEP-0424 0.3: message-retract:0 in a XEP-0422 fastening), which we
    // understand as well as 1.x.
    await check('Message retraction (they retract)', async () => {
      const incoming = messageEvent(mine, (m) => m.direction === 'in' && m.conversation === them.jid);
      const id = await bot.send(me.jid, unique('regret'));
      await incoming;
      const retracted = messageEvent(mine, (m) => m.id === id && m.retracted === true);
      await bot.retract(me.jid, id);
      await retracted;
    });
  });

  it('presence both ways', async () => {
    await check('Presence', async () => {
      const { me, them, mine, bot } = await setUp();
      await nextEvent(mine, 'onContact', ({ contact }) => contact.jid === them.jid && contact.presence.show !== 'offline', 15_000).catch(() => undefined);
      const away = nextEvent(mine, 'onContact', ({ contact }) => contact.jid === them.jid && contact.presence.show === 'away' && contact.presence.status === 'At lunch', 15_000);
      await bot.presence('away', 'At lunch');
      await away;
      expect(await mine.setPresence({ account: me.jid, show: 'dnd', status: 'In a meeting' })).toEqual({ ok: true, value: null });
      await bot.waitForPresence((p) => p.from.startsWith(`${me.jid}/`) && p.show === 'dnd' && p.status === 'In a meeting');
    });
  });
});
