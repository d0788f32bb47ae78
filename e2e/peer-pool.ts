/**
 * The scripted peers of one spec, stopped after each test, and two fresh users made mutual contacts by them
 * before the UI signs in (so the shared alice/bob accounts stay as other specs expect them).
 */
import type { TestUser } from '../app/core/service-test-support.ts';
import { expect } from './fixtures.ts';
import { startPeer, type Peer } from './peer.ts';
import type { TestServerInfo } from './server/test-server-info.ts';

export interface PeerPool {
  /** A signed-in peer for `user` (its roster fetched), stopped by `stopAll`. */
  peerFor(server: TestServerInfo, user: TestUser, resource?: string): Promise<Peer>;
  /** Two fresh users who accepted each other; `bobPeer` stays signed in. */
  friends(server: TestServerInfo): Promise<{ me: TestUser; bob: TestUser; bobPeer: Peer }>;
  stopAll(): Promise<void>;
}

export function createPeerPool(freshUser: (server: TestServerInfo, prefix: string) => Promise<TestUser>): PeerPool {
  const peers: Peer[] = [];
  async function peerFor(server: TestServerInfo, user: TestUser, resource?: string): Promise<Peer> {
    const peer = await startPeer(server, user, resource === undefined ? {} : { resource });
    peers.push(peer);
    await peer.rosterGet();
    return peer;
  }
  return {
    peerFor,
    async friends(server) {
      const [me, bob] = [await freshUser(server, 'me'), await freshUser(server, 'bob')];
      const [mePeer, bobPeer] = [await peerFor(server, me), await peerFor(server, bob)];
      for (const [from, to] of [[mePeer, bobPeer], [bobPeer, mePeer]] as const) {
        await from.sendPresence({ type: 'subscribe', to: to.bareJid });
        await to.waitForPresence((presence) => presence.type === 'subscribe' && presence.from === from.bareJid);
        await to.sendPresence({ type: 'subscribed', to: from.bareJid });
      }
      await expect.poll(async () => (await mePeer.rosterGet()).find((item) => item.jid === bob.jid)?.subscription).toBe('both');
      await mePeer.stop();
      return { me, bob, bobPeer };
    },
    async stopAll() {
      await Promise.all(peers.splice(0).map((peer) => peer.stop()));
    },
  };
}
