import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { JabberEventPayloads, SubscriptionRequest } from '../../../shared/contract.ts';
import type { ParsedPresence } from '../../xml/presence.ts';
import { createSubscriptions, MAX_PENDING_REQUESTS } from './subscriptions.ts';

const me = 'me@example.test';
const presence = (from: string, type: ParsedPresence['type'], extra: Partial<ParsedPresence> = {}): ParsedPresence => ({
  type, from, bareFrom: from.split('/')[0]!, resource: from.split('/')[1] ?? '', show: 'offline', status: '', priority: 0, nickname: '', ...extra,
});

function setup(sharesWith: (jid: string) => boolean = () => false) {
  const sent: Element[] = [];
  const lists: (readonly SubscriptionRequest[])[] = [];
  let clock = 1_000;
  const subscriptions = createSubscriptions({ send: async (element) => void sent.push(element), ownBareJid: me, emit: (event, payload) => void (event === 'onSubscriptionRequests' && lists.push((payload as JabberEventPayloads['onSubscriptionRequests']).requests)), sharesWith, now: () => clock++ });
  return { subscriptions, sent, lists };
}

describe('subscriptions', () => {
  it('fills the snapshot with the requests, and at sign-out forgets them, saying so once', () => {
    const { subscriptions } = setup();
    expect(subscriptions.signedOut!()).toEqual([]);
    subscriptions.receive(presence('bob@example.test', 'subscribe', { nickname: 'Bob' }));
    expect(subscriptions.snapshot!()).toEqual({ subscriptionRequests: [{ jid: 'bob@example.test', nickname: 'Bob', status: '', receivedAt: 1_000 }] });
    expect(subscriptions.signedOut!()).toEqual([{ event: 'onSubscriptionRequests', payload: { account: me, requests: [] } }]);
    expect(subscriptions.snapshot!()).toEqual({ subscriptionRequests: [] });
    expect(subscriptions.signedOut!()).toEqual([]);
  });

  it('keeps one request per JID with its first arrival and newest words, until answered', async () => {
    const { subscriptions, sent, lists } = setup();
    subscriptions.receive(presence('bob@example.test', 'subscribe', { nickname: 'Bob', status: 'hi' }));
    subscriptions.receive(presence('bob@example.test/phone', 'subscribe', { status: 'hello again' }));
    expect(subscriptions.list()).toEqual([{ jid: 'bob@example.test', nickname: 'Bob', status: 'hello again', receivedAt: 1_000 }]);
    await Promise.resolve();
    expect(lists).toHaveLength(1);
    await subscriptions.send('bob@example.test', 'subscribed');
    expect(sent.map((element) => element.toString())).toEqual([`<presence to="bob@example.test" type="subscribed"/>`]);
    await Promise.resolve();
    expect(lists.at(-1)).toEqual([]);
  });

  it('ignores our own JID and people who already see our presence; forgets withdrawn requests and removed contacts', () => {
    const { subscriptions } = setup((jid) => jid === 'friend@example.test');
    subscriptions.receive(presence(`${me}/other`, 'subscribe'));
    subscriptions.receive(presence('friend@example.test', 'subscribe'));
    expect(subscriptions.list()).toEqual([]);
    subscriptions.receive(presence('eve@example.test', 'subscribe'));
    subscriptions.receive(presence('eve@example.test', 'unsubscribe'));
    subscriptions.receive(presence('zed@example.test', 'subscribe'));
    subscriptions.contactRemoved('zed@example.test');
    expect(subscriptions.list()).toEqual([]);
  });

  it('announces a burst once, and stops listing new requests past the limit (a flood cannot grow without bound)', async () => {
    const { subscriptions, lists } = setup();
    for (let i = 0; i <= MAX_PENDING_REQUESTS; i += 1) subscriptions.receive(presence(`spam${i}@example.test`, 'subscribe'));
    expect(subscriptions.list()).toHaveLength(MAX_PENDING_REQUESTS);
    await Promise.resolve();
    expect(lists).toHaveLength(1);
    expect(lists[0]).toHaveLength(MAX_PENDING_REQUESTS);
  });
});
