/**
 * Our core across federation (issue 13): an account on one server of the federation lab, a contact on the other
 * (a scripted xmpp.js peer), both ways round: our account on Prosody (one.test) with the contact on ejabberd
 * (two.test), then the reverse. The core finds its server through the lab's DNS (`_xmpp-client._tcp` SRV), the
 * servers find each other through `_xmpp-server._tcp` and authenticate each other by certificate.
 * Each check is recorded for docs/compatibility.md (e2e/federation/compatibility.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BOTH_WAYS, useFederationLab } from '../../../e2e/federation/interop-lab.ts';
import { checked } from '../../../e2e/federation/compatibility.ts';
import { seedContacts, siteLabel, siteServer, type FederationLab } from '../../../e2e/federation/lab.ts';
import { startPeer, type Peer } from '../../../e2e/peer.ts';
import type { ChatMessage, JabberEventPayloads } from '../../shared/contract.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';
import { freshUser, nextEvent, type TestUser } from '../service-test-support.ts';
import { dnsServerResolver } from '../stream/resolve.ts';

let lab: FederationLab;
const cleanups = useFederationLab((started) => {
  lab = started;
});

const PEER = 'xmpp.js script';
const unique = (label: string): string => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe.each(BOTH_WAYS)('our account on $ours, the contact on $theirs', ({ ours, theirs }) => {
  const servers = (): string => `${siteLabel(lab, ours)} → ${siteLabel(lab, theirs)}`;
  const check = (feature: string, body: () => Promise<void>) => checked(feature, servers(), PEER, body);

  function service(): JabberService {
    const started = createJabberService({ trustedCertificates: [lab.caCertPem], connectTimeoutMs: 10_000, autoConnect: false },
      { resolver: dnsServerResolver([lab.dnsServer]) });
    cleanups.push(() => started.dispose());
    return started;
  }

  /** Signs in with the JID alone: the server is found through `_xmpp-client._tcp` in the lab's DNS. */
  async function signIn(user: TestUser, into = service()): Promise<JabberService> {
    const result = await into.addAccount({ jid: user.jid, password: user.password });
    if (!result.ok) throw new Error(`sign-in of ${user.jid} failed: ${result.error.message}`);
    return into;
  }

  async function peer(which: 'prosody' | 'ejabberd', user: TestUser, resource?: string): Promise<Peer> {
    const started = await startPeer(siteServer(lab, which), user, resource === undefined ? {} : { resource });
    cleanups.push(() => started.stop());
    await started.rosterGet();
    return started;
  }

  /** Our user and the contact, already mutual contacts (as after a past subscription), neither signed in. */
  const contacts = (): Promise<{ me: TestUser; them: TestUser }> => seedContacts(lab, ours, theirs);

  const messageEvent = async (into: JabberService, predicate: (m: ChatMessage) => boolean, timeoutMs = 15_000): Promise<ChatMessage> =>
    (await nextEvent(into, 'onMessage', ({ message }) => predicate(message), timeoutMs)).message;
  const contactEvent = (into: JabberService, jid: string, predicate: (c: JabberEventPayloads['onContact']['contact']) => boolean) =>
    nextEvent(into, 'onContact', ({ contact }) => contact.jid === jid && predicate(contact), 15_000);

  it('subscription both ways: our request is accepted, theirs is accepted, each sees the other online', async () => {
    await check('Subscription both ways', async () => {
      const me = await freshUser(siteServer(lab, ours), 'fed-me');
      const them = await freshUser(siteServer(lab, theirs), 'fed-them');
      const mine = await signIn(me);
      const theirPeer = await peer(theirs, them);

      // We ask; they accept and ask back; we accept.
      expect(await mine.addContact({ account: me.jid, jid: them.jid, name: 'Them', groups: [] })).toEqual({ ok: true, value: null });
      await theirPeer.waitForPresence((p) => p.type === 'subscribe' && p.from === me.jid, 15_000);
      const requested = nextEvent(mine, 'onSubscriptionRequests', ({ requests }) => requests.some((r) => r.jid === them.jid), 15_000);
      await theirPeer.sendPresence({ type: 'subscribed', to: me.jid });
      await theirPeer.sendPresence({ type: 'subscribe', to: me.jid });
      await requested;
      const both = contactEvent(mine, them.jid, (c) => c.subscription === 'both' && c.presence.show === 'online');
      expect(await mine.acceptSubscription({ account: me.jid, jid: them.jid })).toEqual({ ok: true, value: null });
      await both;
      await expect.poll(async () => (await theirPeer.rosterGet()).find((item) => item.jid === me.jid)?.subscription, { timeout: 10_000 }).toBe('both');
    });
  });

  it('presence: their status reaches us, ours reaches them', async () => {
    await check('Presence', async () => {
      const { me, them } = await contacts();
      const theirPeer = await peer(theirs, them);
      const mine = await signIn(me);
      await contactEvent(mine, them.jid, (c) => c.presence.show === 'online');
      const away = contactEvent(mine, them.jid, (c) => c.presence.show === 'away' && c.presence.status === 'At lunch');
      await theirPeer.sendPresence({ show: 'away', status: 'At lunch' });
      await away;
      expect(await mine.setPresence({ account: me.jid, show: 'dnd', status: 'In a meeting' })).toEqual({ ok: true, value: null });
      await theirPeer.waitForPresence((p) => p.from.startsWith(`${me.jid}/`) && p.show === 'dnd' && p.status === 'In a meeting', 15_000);
    });
  });

  it('1:1 chat with delivery receipts both ways', async () => {
    await check('1:1 chat with receipts', async () => {
      const { me, them } = await contacts();
      const theirPeer = await peer(theirs, them);
      const mine = await signIn(me);
      const text = unique('hello across servers');
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: text });
      if (!sent.ok) throw new Error(sent.error.message);
      const arrived = await theirPeer.waitForMessage((m) => m.body === text, 15_000);
      expect(arrived.stanza.getChild('request', 'urn:xmpp:receipts')).toBeDefined();
      const delivered = messageEvent(mine, (m) => m.id === sent.value.id && m.state === 'delivered');
      await theirPeer.sendRaw(`<message to='${arrived.from}' id='${randomUUID()}'><received xmlns='urn:xmpp:receipts' id='${arrived.id ?? ''}'/></message>`);
      await delivered;

      // Their message reaches us, and our client acknowledges it with a receipt.
      const answer = unique('hello back');
      const incoming = messageEvent(mine, (m) => m.body === answer && m.direction === 'in');
      const theirId = randomUUID();
      await theirPeer.sendRaw(`<message to='${me.jid}' type='chat' id='${theirId}'><body>${answer}</body><request xmlns='urn:xmpp:receipts'/></message>`);
      expect((await incoming).conversation).toBe(them.jid);
      await theirPeer.waitForStanza((s) => s.getChild('received', 'urn:xmpp:receipts')?.attrs['id'] === theirId, 15_000);
    });
  });

  it('chat markers: their displayed marker marks our message read; our markRead sends one', async () => {
    await check('Chat markers (read)', async () => {
      const { me, them } = await contacts();
      const theirPeer = await peer(theirs, them);
      const mine = await signIn(me);
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: unique('read me') });
      if (!sent.ok) throw new Error(sent.error.message);
      const arrived = await theirPeer.waitForMessage((m) => m.body === sent.value.body, 15_000);
      expect(arrived.stanza.getChild('markable', 'urn:xmpp:chat-markers:0')).toBeDefined();
      const read = messageEvent(mine, (m) => m.id === sent.value.id && m.state === 'read');
      await theirPeer.sendRaw(`<message to='${me.jid}' type='chat' id='${randomUUID()}'><displayed xmlns='urn:xmpp:chat-markers:0' id='${arrived.id ?? ''}'/></message>`);
      await read;

      const theirId = randomUUID();
      const incoming = messageEvent(mine, (m) => m.id === theirId);
      await theirPeer.sendRaw(`<message to='${me.jid}' type='chat' id='${theirId}'><body>${unique('markable')}</body><markable xmlns='urn:xmpp:chat-markers:0'/></message>`);
      await incoming;
      expect(await mine.markRead({ account: me.jid, conversation: them.jid })).toEqual({ ok: true, value: null });
      await theirPeer.waitForStanza((s) => s.getChild('displayed', 'urn:xmpp:chat-markers:0')?.attrs['id'] === theirId, 15_000);
    });
  });

  it('corrections (XEP-0308) both ways', async () => {
    await check('Message correction', async () => {
      const { me, them } = await contacts();
      const theirPeer = await peer(theirs, them);
      const mine = await signIn(me);
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: 'teh typo' });
      if (!sent.ok) throw new Error(sent.error.message);
      const original = await theirPeer.waitForMessage((m) => m.body === 'teh typo', 15_000);
      expect((await mine.correctMessage({ account: me.jid, conversation: them.jid, id: sent.value.id, body: 'the typo' })).ok).toBe(true);
      const fixed = await theirPeer.waitForMessage((m) => m.body === 'the typo', 15_000);
      expect(fixed.stanza.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs['id']).toBe(original.id);

      const theirId = randomUUID();
      await theirPeer.sendRaw(`<message to='${me.jid}' type='chat' id='${theirId}'><body>recieve</body></message>`);
      await messageEvent(mine, (m) => m.id === theirId);
      const edited = messageEvent(mine, (m) => m.id === theirId && m.edited === true && m.body === 'receive');
      await theirPeer.sendRaw(`<message to='${me.jid}' type='chat' id='${randomUUID()}'><body>receive</body><replace xmlns='urn:xmpp:message-correct:0' id='${theirId}'/></message>`);
      await edited;
    });
  });

  it('retractions (XEP-0424) both ways', async () => {
    await check('Message retraction', async () => {
      const { me, them } = await contacts();
      const theirPeer = await peer(theirs, them);
      const mine = await signIn(me);
      const sent = await mine.sendMessage({ account: me.jid, to: them.jid, body: unique('oops') });
      if (!sent.ok) throw new Error(sent.error.message);
      await theirPeer.waitForMessage((m) => m.body === sent.value.body, 15_000);
      expect((await mine.retractMessage({ account: me.jid, conversation: them.jid, id: sent.value.id })).ok).toBe(true);
      await theirPeer.waitForStanza((s) => s.is('message') && s.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs['id'] === sent.value.id, 15_000);

      const theirId = randomUUID();
      await theirPeer.sendRaw(`<message to='${me.jid}' type='chat' id='${theirId}'><body>${unique('regret')}</body><origin-id xmlns='urn:xmpp:sid:0' id='${theirId}'/></message>`);
      await messageEvent(mine, (m) => m.id === theirId);
      const retracted = messageEvent(mine, (m) => m.id === theirId && m.retracted === true);
      await theirPeer.sendRaw(`<message to='${me.jid}' type='chat' id='${randomUUID()}'><retract xmlns='urn:xmpp:message-retract:1' id='${theirId}'/><body>This person attempted to retract a previous message.</body><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/></message>`);
      await retracted;
    });
  });

  it('carbons (XEP-0280): what a second device of ours sends and receives shows here too', async () => {
    await check('Carbons to a second device', async () => {
      const { me, them } = await contacts();
      const theirPeer = await peer(theirs, them);
      const mine = await signIn(me);
      const phone = await peer(ours, me, 'phone');
      const fromPhone = unique('sent from the phone');
      const out = messageEvent(mine, (m) => m.body === fromPhone);
      await phone.sendMessage(them.jid, fromPhone);
      expect(await out).toMatchObject({ direction: 'out', conversation: them.jid });
      await theirPeer.waitForMessage((m) => m.body === fromPhone, 15_000);
      const toPhone = unique('to the phone');
      const carbon = messageEvent(mine, (m) => m.body === toPhone);
      await theirPeer.sendMessage(phone.jid, toPhone);
      expect(await carbon).toMatchObject({ direction: 'in', conversation: them.jid });
    });
  });

  it('archive catch-up (XEP-0313): messages exchanged while signed out arrive at the next sign-in', async () => {
    await check('Archive catch-up', async () => {
      const { me, them } = await contacts();
      const first = await signIn(me);
      await first.dispose();
      const theirPeer = await peer(theirs, them);
      const whileAway = unique('while you were away');
      await theirPeer.sendMessage(me.jid, whileAway);
      const phone = await peer(ours, me, 'phone');
      const fromPhone = unique('answered from the phone');
      await phone.sendMessage(them.jid, fromPhone);
      await theirPeer.waitForMessage((m) => m.body === fromPhone, 15_000);
      await phone.stop();

      const later = service();
      const seen: ChatMessage[] = [];
      later.subscribe((envelope) => {
        if (envelope.event === 'onMessage') seen.push((envelope.payload as JabberEventPayloads['onMessage']).message);
      });
      await signIn(me, later);
      await expect.poll(() => seen.find((m) => m.body === whileAway), { timeout: 15_000 }).toMatchObject({ direction: 'in', conversation: them.jid });
      await expect.poll(() => seen.find((m) => m.body === fromPhone), { timeout: 15_000 }).toMatchObject({ direction: 'out', conversation: them.jid });
    });
  });

  it("vCard (XEP-0054) and avatar (XEP-0084): the contact's, fetched from their server", async () => {
    await check('vCard and avatar', async () => {
      const { me, them } = await contacts();
      const theirPeer = await peer(theirs, them);
      const stored = await theirPeer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>Federated Person</FN><ORG><ORGNAME>Two Corp</ORGNAME></ORG><TITLE>Engineer</TITLE></vCard></iq>`);
      expect(stored.type).toBe('result');
      const mine = await signIn(me);
      const profile = await mine.getProfile({ account: me.jid, jid: them.jid });
      expect(profile).toMatchObject({ ok: true, value: { fullName: 'Federated Person', organisation: 'Two Corp', title: 'Engineer' } });

      const png = Buffer.concat([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'), Buffer.from(randomUUID())]);
      const hash = createHash('sha1').update(png).digest('hex');
      const shown = nextEvent(mine, 'onContactCard', ({ jid, card }) => jid === them.jid && card.avatar?.hash === hash, 20_000);
      const data = await theirPeer.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='urn:xmpp:avatar:data'><item id='${hash}'><data xmlns='urn:xmpp:avatar:data'>${png.toString('base64')}</data></item></publish></pubsub></iq>`);
      expect(data.type).toBe('result');
      const metadata = await theirPeer.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='urn:xmpp:avatar:metadata'><item id='${hash}'><metadata xmlns='urn:xmpp:avatar:metadata'><info id='${hash}' bytes='${png.length}' type='image/png' width='1' height='1'/></metadata></item></publish></pubsub></iq>`);
      expect(metadata.type).toBe('result');
      expect((await shown).card.avatar?.dataUrl).toBe(`data:image/png;base64,${png.toString('base64')}`);
    });
  });

  it('blocking (XEP-0191): nothing of theirs arrives while blocked, again once unblocked', async () => {
    await check('Blocking', async () => {
      const { me, them } = await contacts();
      const theirPeer = await peer(theirs, them);
      const mine = await signIn(me);
      const listed = nextEvent(mine, 'onBlocklist', ({ blocked }) => blocked.includes(them.jid), 15_000);
      expect(await mine.blockContact({ account: me.jid, jid: them.jid })).toEqual({ ok: true, value: null });
      await listed;
      const bodies: string[] = [];
      mine.subscribe((envelope) => {
        if (envelope.event === 'onMessage') bodies.push((envelope.payload as JabberEventPayloads['onMessage']).message.body);
      });
      const hidden = unique('you cannot read this');
      await theirPeer.sendMessage(me.jid, hidden);
      // Our server answers for us: their message comes back to them as an error.
      await theirPeer.waitForStanza((s) => s.is('message') && s.attrs['type'] === 'error', 15_000);
      const unlisted = nextEvent(mine, 'onBlocklist', ({ blocked }) => !blocked.includes(them.jid), 15_000);
      expect(await mine.unblockContact({ account: me.jid, jid: them.jid })).toEqual({ ok: true, value: null });
      await unlisted;
      const visible = unique('now you can');
      const arrived = messageEvent(mine, (m) => m.body === visible);
      await theirPeer.sendMessage(me.jid, visible);
      await arrived;
      expect(bodies).not.toContain(hidden);
    });
  });
});
