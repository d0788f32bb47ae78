/**
 * Our core with Gajim (Debian's gajim, a GTK desktop client) across federation (issue 13): Gajim runs under Xvfb
 * with a private session bus (e2e/federation/gajim-peer.ts), signed in on the other server of the federation lab,
 * and is driven through its remote control (gajim-remote; its D-Bus signals tell what it received). Both ways
 * round. Each check is recorded for docs/compatibility.md. Needs gajim, xvfb and dbus (scripts/test.mjs
 * installs them).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checked, recordResult } from '../../../e2e/federation/compatibility.ts';
import { seedContacts, siteLabel, siteServer, startFederationLab, type FederationLab, type LabSite } from '../../../e2e/federation/lab.ts';
import { gajimVersion, startGajimPeer, type GajimPeer } from '../../../e2e/federation/gajim-peer.ts';
import type { ChatMessage } from '../../shared/contract.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';
import { nextEvent, type TestUser } from '../service-test-support.ts';
import { dnsServerResolver } from '../stream/resolve.ts';

let lab: FederationLab;
const cleanups: Array<() => Promise<unknown>> = [];
const version = gajimVersion();

beforeAll(async () => {
  if (version === undefined) throw new Error('gajim, xvfb and dbus are not installed (apt-get install -y gajim xvfb dbus)');
  lab = await startFederationLab();
}, 90_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});
afterAll(async () => {
  await lab?.stop();
}, 60_000);

const unique = (label: string): string => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe.each([
  { ours: 'prosody', theirs: 'ejabberd' },
  { ours: 'ejabberd', theirs: 'prosody' },
] as const satisfies readonly { ours: LabSite; theirs: LabSite }[])('our account on $ours, Gajim on $theirs', ({ ours, theirs }) => {
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

  it('group chat: not scriptable here (recorded as n/a with the reason)', () => {
    // gajim-remote 1.7 (and its D-Bus interface) can send to a room Gajim is already in (send_groupchat_message)
    // but has no way to join one; joining would take its GTK window or a bookmark set up before it starts.
    recordResult({ feature: 'Group chat room on the other server', server: servers(), peer: peerName, outcome: 'n/a',
      note: 'gajim-remote 1.7 cannot join a room (it only sends to rooms already joined), so a room is not scripted with Gajim' });
  });
});
