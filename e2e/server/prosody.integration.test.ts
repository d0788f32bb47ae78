// Proves the harness: the server from vitest-global-setup.ts is up, alice and bob are mutual contacts,
// and messages flow between two scripted peers.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPeer } from '../peer.ts';
import type { Peer } from '../peer.ts';

describe('test server harness', () => {
  const server = inject('testServer');
  let alice: Peer;
  let bob: Peer;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([
      startPeer(server, server.accounts.alice),
      startPeer(server, server.accounts.bob),
    ]);
  });

  afterAll(async () => {
    await Promise.all([alice?.stop(), bob?.stop()]);
  });

  it('describes itself', () => {
    expect(server.domain).toBe('example.test');
    expect(server.host).toBe('127.0.0.1');
    expect(server.mucDomain).toBe('conference.example.test');
    expect(server.websocketUrl).toBe(`ws://127.0.0.1:${server.httpPort}/xmpp-websocket`);
    expect(server.caCertPem).toContain('-----BEGIN CERTIFICATE-----');
    expect(alice.jid.startsWith('alice@example.test/')).toBe(true);
  });

  it('has bob in alice\'s roster as "Bob" and alice in bob\'s as "Alice", subscription both', async () => {
    const [aliceRoster, bobRoster] = await Promise.all([alice.rosterGet(), bob.rosterGet()]);
    expect(aliceRoster).toEqual([{ jid: 'bob@example.test', name: 'Bob', subscription: 'both', groups: [] }]);
    expect(bobRoster).toEqual([{ jid: 'alice@example.test', name: 'Alice', subscription: 'both', groups: [] }]);
  });

  it('delivers a message from bob to alice', async () => {
    const body = `hello from bob ${Date.now()}`;
    const id = await bob.sendMessage(alice.bareJid, body);
    const message = await alice.waitForMessage((m) => m.body === body);
    expect(message).toMatchObject({ body, id, type: 'chat' });
    expect(message.from).toBe(bob.jid);
  });

  it('delivers presence between the mutual contacts', async () => {
    await bob.sendPresence({ show: 'away', status: 'At lunch' });
    const presence = await alice.waitForPresence((p) => p.from === bob.jid && p.show === 'away');
    expect(presence.status).toBe('At lunch');
  });

  it('answers raw iqs (disco#info on the MUC service)', async () => {
    const result = await alice.iq(`<iq type='get' to='${server.mucDomain}'>`
      + `<query xmlns='http://jabber.org/protocol/disco#info'/></iq>`);
    expect(result.type).toBe('result');
    const features = result.stanza.getChild('query', 'http://jabber.org/protocol/disco#info')
      ?.getChildren('feature').map((f) => f.attrs['var']);
    expect(features).toContain('http://jabber.org/protocol/muc');
    const unknown = await alice.iq(`<iq type='get' to='${server.mucDomain}'><query xmlns='urn:example:nothing'/></iq>`);
    expect(unknown.type).toBe('error');
  });
});
