/**
 * XEP-0115 through the real Prosody: a stranger's directed presence with a made-up `ver` costs us no
 * disco#info query; the same from a contact is asked once.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer, type Peer } from '../../../../e2e/peer.ts';
import { createJabberService } from '../../service.ts';
import { freshUser, nextEvent, type TestUser } from '../../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function peer(user: TestUser): Promise<Peer> {
  const started = await startPeer(server, user);
  cleanups.push(() => started.stop());
  return started;
}

const isDiscoInfo = (stanza: Peer['stanzas'][number]): boolean => stanza.is('iq') && stanza.getChild('query', 'http://jabber.org/protocol/disco#info') !== undefined;
const capsPresence = (to: string, ver: string): string =>
  `<presence to='${to}'><c xmlns='http://jabber.org/protocol/caps' node='https://client.example' ver='${ver}' hash='sha-1'/></presence>`;

describe('capabilities from strangers', () => {
  it('asks a contact what its new ver means, and a stranger never', async () => {
    const [alice, bob, stranger] = [await freshUser(server, 'alice'), await freshUser(server, 'bob'), await freshUser(server, 'stranger')];
    const own = await peer(alice);
    await own.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${bob.jid}'/></query></iq>`);
    await own.stop();

    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
    cleanups.push(() => service.dispose());
    const roster = nextEvent(service, 'onRoster', ({ contacts }) => contacts.length === 1);
    const signedIn = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    await roster;

    const [strangerPeer, bobPeer] = [await peer(stranger), await peer(bob)];
    for (let i = 0; i < 20; i++) await strangerPeer.sendRaw(capsPresence(signedIn.value.jid, `made-up-${i}=`));
    await bobPeer.sendRaw(capsPresence(signedIn.value.jid, 'bob-ver='));
    const asked = await bobPeer.waitForStanza(isDiscoInfo);
    expect(asked.getChild('query')?.attrs.node).toBe('https://client.example#bob-ver=');
    // A round trip with the stranger: any query our client had sent them would have arrived before this answer.
    expect((await strangerPeer.iq(`<iq type='get' to='${signedIn.value.jid}'><ping xmlns='urn:xmpp:ping'/></iq>`)).type).toBe('result');
    expect(strangerPeer.stanzas.filter(isDiscoInfo)).toEqual([]);
  });
});
