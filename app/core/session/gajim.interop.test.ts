/**
 * Our core with Gajim (Debian's gajim, a GTK desktop client) across federation (issue 13): Gajim runs under Xvfb
 * with a private session bus (e2e/federation/gajim-peer.ts), signed in on the other server of the federation lab,
 * and is driven through its remote control (gajim-remote; its D-Bus signals tell what it received). Both ways
 * round. Each check is recorded for docs/compatibility.md. Needs gajim, xvfb and dbus (scripts/test.mjs
 * installs them).
 */
import { describe, expect, it } from 'vitest';
import { BOTH_WAYS, useFederationLab } from '../../../e2e/federation/interop-lab.ts';
import { checked, recordResult } from '../../../e2e/federation/compatibility.ts';
import { startPeer } from '../../../e2e/peer.ts';
import { seedContacts, siteLabel, siteServer, type FederationLab } from '../../../e2e/federation/lab.ts';
import { gajimVersion, startGajimPeer, type GajimPeer } from '../../../e2e/federation/gajim-peer.ts';
import type { ChatMessage } from '../../shared/contract.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';
import { nextEvent, type TestUser } from '../service-test-support.ts';
import { dnsServerResolver } from '../stream/resolve.ts';

let lab: FederationLab;
const version = gajimVersion();
const cleanups = useFederationLab((started) => {
  lab = started;
}, version === undefined ? 'gajim, xvfb and dbus are not installed (apt-get install -y gajim xvfb dbus)' : undefined);

const unique = (label: string): string => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe.each(BOTH_WAYS)('our account on $ours, Gajim on $theirs', ({ ours, theirs }) => {
  const servers = (): string => `${siteLabel(lab, ours)} → ${siteLabel(lab, theirs)}`;
  const peerName = `Gajim ${version ?? ''}`.trim();
  const check = (feature: string, body: () => Promise<void>) => checked(feature, servers(), peerName, body);

  async function setUp(): Promise<{ me: TestUser; them: TestUser; mine: JabberService; gajim: GajimPeer }> {
    const { me, them } = await seedContacts(lab, ours, theirs);
    const gajim = await startGajimPeer(them, siteServer(lab, theirs), lab.caCertFile);
    cleanups.push(() => gajim.stop());
    const mine = createJabberService({ trustedCertificates: [lab.caCertPem], connectTimeoutMs: 10_000, autoConnect: false },
      { resolver: dnsServerResolver([lab.dnsServer]) });
    cleanups.push(() => mine.dispose());
    const result = await mine.addAccount({ jid: me.jid, password: me.password });
    if (!result.ok) throw new Error(result.error.message);
    return { me, them, mine, gajim };
  }

  const messageEvent = async (into: JabberService, predicate: (m: ChatMessage) => boolean, timeoutMs = 15_000): Promise<ChatMessage> =>
    (await nextEvent(into, 'onMessage', ({ message }) => predicate(message), timeoutMs)).message;

  it('chat both ways: ours reaches Gajim and its receipt comes back; what Gajim sends reaches us', async () => {
    await check('1:1 chat with receipts', async () => {
      const { me, them, mine, gajim } = await setUp();
      const text = unique('hello Gajim');
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: text });
      if (!sent.ok) throw new Error(sent.error.message);
      const delivered = messageEvent(mine, (m) => m.id === sent.value.id && m.state === 'delivered');
      const arrived = await gajim.waitForMessage((m) => m.body === text);
      expect(arrived).toMatchObject({ type: 'chat' });
      expect(arrived.from).toMatch(new RegExp(`^${me.jid.replace(/\./gu, '\\.')}/`, 'u'));
      await delivered;

      const answer = unique('sent from Gajim');
      const incoming = messageEvent(mine, (m) => m.body === answer);
      await gajim.send(me.jid, answer);
      expect(await incoming).toMatchObject({ direction: 'in', conversation: them.jid, from: `${them.jid}/gajim` });
    });
  }, 90_000);

  it('group chat: a room we own on its server, in Gajim’s bookmarks with autojoin, Gajim joins at sign-in; messages both ways', async () => {
    const { me, them } = await seedContacts(lab, ours, theirs);
    const room = `gaj-${Math.random().toString(36).slice(2, 8)}@conference.${siteServer(lab, theirs).domain}`;
    const mine = createJabberService({ trustedCertificates: [lab.caCertPem], connectTimeoutMs: 10_000, autoConnect: false },
      { resolver: dnsServerResolver([lab.dnsServer]) });
    cleanups.push(() => mine.dispose());
    const added = await mine.addAccount({ jid: me.jid, password: me.password });
    if (!added.ok) throw new Error(added.error.message);
    const joined = await mine.joinRoom({ account: me.jid, room, nick: 'Ours', bookmark: false });
    if (!joined.ok) throw new Error(joined.error.message);
    // gajim-remote cannot join a room: Gajim joins its bookmarks with autojoin at sign-in. The bookmark is stored
    // beforehand, by a scripted client of the same account, in each form Gajim 1.7 may read (XEP-0402, XEP-0048 in
    // PEP and in private XML storage); a form the server does not take is skipped.
    const setter = await startPeer(siteServer(lab, theirs), them, { resource: 'setup' });
    const conference48 = `<storage xmlns='storage:bookmarks'><conference jid='${room}' name='Lab room' autojoin='true'><nick>Gaj</nick></conference></storage>`;
    const options = `<publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#publish-options</value></field><field var='pubsub#persist_items'><value>true</value></field><field var='pubsub#access_model'><value>whitelist</value></field></x></publish-options>`;
    await setter.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='urn:xmpp:bookmarks:1'><item id='${room}'><conference xmlns='urn:xmpp:bookmarks:1' name='Lab room' autojoin='true'><nick>Gaj</nick></conference></item></publish>${options}</pubsub></iq>`).catch(() => undefined);
    await setter.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='storage:bookmarks'><item id='current'>${conference48}</item></publish>${options}</pubsub></iq>`).catch(() => undefined);
    await setter.iq(`<iq type='set'><query xmlns='jabber:iq:private'>${conference48}</query></iq>`).catch(() => undefined);
    await setter.stop();

    const body = async (): Promise<void> => {
      const withGajim = nextEvent(mine, 'onOccupants', (p) => p.room === room && p.occupants.some((o) => o.nick === 'Gaj'), theirs === 'prosody' ? 30_000 : 60_000);
      const gajim = await startGajimPeer(them, siteServer(lab, theirs), lab.caCertFile);
      cleanups.push(() => gajim.stop());
      await withGajim;
      const text = unique('to the room with Gajim');
      const sent = await mine.sendRoomMessage({ account: me.jid, room, body: text });
      if (!sent.ok) throw new Error(sent.error.message);
      expect(await gajim.waitForMessage((m) => m.body === text)).toMatchObject({ from: `${room}/Ours`, type: 'groupchat' });
      const answer = unique('Gajim in the room');
      const incoming = messageEvent(mine, (m) => m.conversation === room && m.body === answer);
      await gajim.sendGroupchat(room, answer);
      expect(await incoming).toMatchObject({ direction: 'in', from: `${room}/Gaj` });
    };
    if (theirs === 'ejabberd') {
      await check('Group chat room on the other server', body);
      return;
    }
    // Signed in on Prosody 0.12, Gajim 1.7 did not join the bookmarked room (the XEP-0048 PEP item is stored and
    // reads back; not understood yet): recorded as a failure without failing the run, and passes once it works.
    try {
      await body();
      recordResult({ feature: 'Group chat room on the other server', server: servers(), peer: peerName, outcome: 'pass' });
    } catch (error) {
      recordResult({ feature: 'Group chat room on the other server', server: servers(), peer: peerName, outcome: 'fail',
        note: `Gajim on Prosody 0.12 does not join the room bookmarked for it (XEP-0402 and XEP-0048 in PEP), so messages there were not tried: ${String(error instanceof Error ? error.message : error).split('\n')[0] ?? ''}` });
    }
  }, 120_000);
});
