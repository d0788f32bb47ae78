/**
 * Replies (XEP-0461) and reactions (XEP-0444) against the project's Prosody, with a scripted peer:
 * what we send, checked as raw XML where the peer receives it; what the peer sends, as the UI gets it.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer } from '../../../../e2e/peer.ts';
import type { ChatMessage } from '../../../shared/contract.ts';
import { createJabberService } from '../../service.ts';
import { freshUser, nextEvent } from '../../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function signedIn(prefix: string) {
  const [alice, bob] = [await freshUser(server, `${prefix}-a`), await freshUser(server, `${prefix}-b`)];
  const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
  cleanups.push(() => service.dispose());
  expect((await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort })).ok).toBe(true);
  const peer = await startPeer(server, bob, { resource: 'desk' });
  cleanups.push(() => peer.stop());
  return { alice, bob, service, peer };
}

const messageWith = (id: string, check: (message: ChatMessage) => boolean = () => true) => (payload: { message: ChatMessage }) => payload.message.id === id && check(payload.message);

describe('replies and reactions', () => {
  it('sends a reply with its quoted fallback and a reaction set, as raw XML at the peer', async () => {
    const { alice, bob, service, peer } = await signedIn('reply-out');
    const arrived = nextEvent(service, 'onMessage', messageWith('lunch-1'));
    await peer.sendMessage(alice.jid, 'Lunch at noon?', { id: 'lunch-1' });
    await arrived;

    const sent = await service.sendReply({ account: alice.jid, to: bob.jid, body: 'Yes, see you there.', replyTo: 'lunch-1' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value).toMatchObject({ body: 'Yes, see you there.', replyTo: { id: 'lunch-1', to: `${bob.jid}/desk`, quotedBody: 'Lunch at noon?' } });
    const reply = await peer.waitForMessage((message) => message.id === sent.value.id);
    expect(reply.body).toBe('> Lunch at noon?\nYes, see you there.');
    const replyElement = reply.stanza.getChild('reply', 'urn:xmpp:reply:0');
    expect(replyElement?.attrs).toMatchObject({ id: 'lunch-1', to: `${bob.jid}/desk` });
    const fallback = reply.stanza.getChild('fallback', 'urn:xmpp:fallback:0');
    expect(fallback?.attrs.for).toBe('urn:xmpp:reply:0');
    expect(fallback?.getChild('body')?.attrs).toEqual({ start: '0', end: String(Array.from('> Lunch at noon?\n').length) });

    const reacted = await service.sendReactions({ account: alice.jid, conversation: bob.jid, id: 'lunch-1', reactions: ['👍', '❤️'] });
    if (!reacted.ok) throw new Error(reacted.error.message);
    expect(reacted.value.reactions).toEqual([{ emoji: '👍', from: [alice.jid] }, { emoji: '❤️', from: [alice.jid] }]);
    const reactionStanza = await peer.waitForStanza((stanza) => stanza.getChild('reactions', 'urn:xmpp:reactions:0') !== undefined);
    const reactions = reactionStanza.getChild('reactions', 'urn:xmpp:reactions:0');
    expect(reactions?.attrs.id).toBe('lunch-1');
    expect(reactions?.getChildren('reaction').map((element) => element.text())).toEqual(['👍', '❤️']);
    expect(reactionStanza.getChild('store', 'urn:xmpp:hints')).toBeDefined();
    expect(reactionStanza.getChild('body')).toBeUndefined();

    // Taking every reaction back sends an empty set.
    const removed = await service.sendReactions({ account: alice.jid, conversation: bob.jid, id: 'lunch-1', reactions: [] });
    expect(removed.ok && removed.value.reactions).toBeUndefined();
    const empty = await peer.waitForStanza((stanza) => {
      const element = stanza.getChild('reactions', 'urn:xmpp:reactions:0');
      return element !== undefined && element.getChildren('reaction').length === 0;
    });
    expect(empty.getChild('reactions', 'urn:xmpp:reactions:0')?.attrs.id).toBe('lunch-1');

    // Not a message of this conversation: refused, nothing sent.
    const unknown = await service.sendReactions({ account: alice.jid, conversation: bob.jid, id: 'nope', reactions: ['👍'] });
    expect(unknown.ok).toBe(false);
  });

  it('shows a peer’s reply (fallback cut off) and its reactions, replaced and removed, without unread counts', async () => {
    const { alice, bob, service, peer } = await signedIn('reply-in');
    const mine = await service.sendMessage({ account: alice.jid, to: bob.jid, body: 'Shall we meet at 8?' });
    if (!mine.ok) throw new Error(mine.error.message);
    await peer.waitForMessage((message) => message.id === mine.value.id);

    const quote = '> Shall we meet at 8?\n';
    const incomingReply = nextEvent(service, 'onMessage', messageWith('bob-reply-1'));
    await peer.sendRaw(
      `<message to='${alice.jid}' type='chat' id='bob-reply-1'><body>${quote}Sure!</body>` +
        `<reply xmlns='urn:xmpp:reply:0' to='${alice.jid}' id='${mine.value.id}'/>` +
        `<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='${Array.from(quote).length}'/></fallback></message>`,
    );
    const { message: reply } = await incomingReply;
    expect(reply.body).toBe('Sure!');
    expect(reply.replyTo).toEqual({ id: mine.value.id, to: alice.jid, quotedBody: 'Shall we meet at 8?' });

    const react = (id: string, emojis: string[]) =>
      peer.sendRaw(
        `<message to='${alice.jid}' type='chat' id='${id}'><reactions xmlns='urn:xmpp:reactions:0' id='${mine.value.id}'>` +
          `${emojis.map((emoji) => `<reaction>${emoji}</reaction>`).join('')}</reactions><store xmlns='urn:xmpp:hints'/></message>`,
      );
    const first = nextEvent(service, 'onMessage', messageWith(mine.value.id, (message) => message.reactions !== undefined));
    await react('r-1', ['👍']);
    expect((await first).message.reactions).toEqual([{ emoji: '👍', from: [bob.jid] }]);
    const replaced = nextEvent(service, 'onMessage', messageWith(mine.value.id, (message) => message.reactions?.[0]?.emoji === '😂'));
    await react('r-2', ['😂']);
    expect((await replaced).message.reactions).toEqual([{ emoji: '😂', from: [bob.jid] }]);
    const gone = nextEvent(service, 'onMessage', messageWith(mine.value.id, (message) => message.reactions === undefined));
    await react('r-3', []);
    await gone;

    // Only the reply counts as unread; the reactions were no messages.
    await expect.poll(async () => {
      const snapshot = await service.getSnapshot();
      return snapshot.ok ? snapshot.value.accounts[0]?.unread?.[bob.jid] : undefined;
    }).toBe(1);
    const snapshot = await service.getSnapshot();
    const shown = snapshot.ok ? snapshot.value.accounts[0]?.messages.filter((message) => message.conversation === bob.jid) : [];
    expect(shown?.map((message) => message.body)).toEqual(['Shall we meet at 8?', 'Sure!']);
  });

  it('takes our reactions from another device (carbon), and a new device gets them from the archive (applied, not shown as messages)', async () => {
    const { alice, bob, service, peer } = await signedIn('react-carbon');
    const arrived = nextEvent(service, 'onMessage', messageWith('hello-1'));
    await peer.sendMessage(alice.jid, 'Hello', { id: 'hello-1' });
    await arrived;
    const phone = await startPeer(server, alice, { resource: 'phone' });
    cleanups.push(() => phone.stop());
    await phone.iq(`<iq type='set'><enable xmlns='urn:xmpp:carbons:2'/></iq>`);
    const fromPhone = nextEvent(service, 'onMessage', messageWith('hello-1', (message) => message.reactions !== undefined));
    await phone.sendRaw(
      `<message to='${bob.jid}' type='chat' id='phone-r1'><reactions xmlns='urn:xmpp:reactions:0' id='hello-1'><reaction>🙏</reaction></reactions><store xmlns='urn:xmpp:hints'/></message>`,
    );
    expect((await fromPhone).message.reactions).toEqual([{ emoji: '🙏', from: [alice.jid] }]);

    // A new device of ours: its catch-up from the archive brings the message, then the reaction, which is applied to it (no message of its own).
    const laptop = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, resource: 'laptop' });
    cleanups.push(() => laptop.dispose());
    const replayed = nextEvent(laptop, 'onMessage', messageWith('hello-1', (message) => message.reactions !== undefined), 15_000);
    expect((await laptop.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort })).ok).toBe(true);
    expect((await replayed).message.reactions).toEqual([{ emoji: '🙏', from: [alice.jid] }]);
    const snapshot = await laptop.getSnapshot();
    const bodies = snapshot.ok ? snapshot.value.accounts[0]?.messages.map((message) => message.body) : [];
    expect(bodies).toEqual(['Hello']);
    expect(snapshot.ok ? snapshot.value.accounts[0]?.unread?.[bob.jid] ?? 0 : -1).toBe(0);
  });
});
