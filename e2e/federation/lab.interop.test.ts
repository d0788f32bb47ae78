/**
 * The federation lab itself: Prosody (one.test) and ejabberd (two.test) federate over verified TLS, found
 * through the lab's DNS server, and both refuse bad.test, whose certificate is self-signed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer, type Peer } from '../peer.ts';
import { siteLabel, startFederationLab, type FederationLab } from './lab.ts';
import { recordResult } from './compatibility.ts';

let lab: FederationLab;
const peers: Peer[] = [];

beforeAll(async () => {
  lab = await startFederationLab({ rogue: true, keepDir: process.env['JABBER_FEDERATION_KEEP'] === '1' });
  if (process.env['JABBER_FEDERATION_KEEP'] === '1') console.error(lab.prosody.dir, lab.ejabberd.dir, lab.rogue?.dir);
}, 90_000);

afterAll(async () => {
  await Promise.all(peers.map((p) => p.stop().catch(() => {})));
  await lab?.stop();
}, 60_000);

type Site = 'one' | 'two' | 'bad';
function serverOf(site: Site): { websocketUrl: string; domain: string; accounts: FederationLab['prosody']['accounts'] } {
  const server = site === 'one' ? lab.prosody : site === 'two' ? lab.ejabberd : lab.rogue;
  if (!server?.websocketUrl) throw new Error(`no ${site} server`);
  return { websocketUrl: server.websocketUrl, domain: server.domain, accounts: server.accounts };
}

async function peer(site: Site, user: 'alice' | 'bob' | 'carol'): Promise<Peer> {
  const server = serverOf(site);
  const started = await startPeer(server, server.accounts[user]);
  peers.push(started);
  return started;
}

const bodyOf = (text: string) => (m: { body: string }) => m.body === text;

describe('the federation lab', () => {
  it('delivers a message from one.test (Prosody) to two.test (ejabberd) and back, over s2s with verified certificates', async () => {
    const [oneAlice, twoBob] = await Promise.all([peer('one', 'alice'), peer('two', 'bob')]);
    await oneAlice.sendMessage(twoBob.bareJid, 'hello from one.test');
    const there = await twoBob.waitForMessage(bodyOf('hello from one.test'), 20_000);
    expect(there.from).toMatch(/^alice@one\.test\//u);
    await twoBob.sendMessage(oneAlice.bareJid, 'hello from two.test');
    expect((await oneAlice.waitForMessage(bodyOf('hello from two.test'), 20_000)).from).toMatch(/^bob@two\.test\//u);
    // Authenticated by certificate both ways (SASL EXTERNAL), which each side verified against the lab's CA.
    const prosodyLog = readFileSync(lab.prosody.logFile, 'utf8');
    expect(prosodyLog).toContain('SASL EXTERNAL with two.test succeeded');
    expect(prosodyLog).toContain('connection two.test->one.test is now authenticated for two.test');
    expect(prosodyLog).not.toMatch(/dialback/iu);
    await expect.poll(() => readFileSync(lab.ejabberd.logFile, 'utf8'), { timeout: 5000 })
      .toMatch(/Accepted inbound s2s EXTERNAL authentication one\.test -> two\.test[\s\S]*Accepted outbound s2s EXTERNAL authentication two\.test -> one\.test/u);
    recordResult({ feature: 'Server-to-server with verified certificates', server: `${siteLabel(lab, 'prosody')} ⇄ ${siteLabel(lab, 'ejabberd')}`, peer: 'xmpp.js script', outcome: 'pass' });
  }, 60_000);

  it('found the servers through the lab DNS server: SRV records, not the domains on port 5269', () => {
    // Neither server listens on 5269: had a server not used the SRV record, nothing would have been delivered.
    expect(lab.prosody.s2sPort).not.toBe(5269);
    expect(lab.ejabberd.s2sPort).not.toBe(5269);
  });

  it('refuses to federate with a self-signed server, both ways, on both servers', async () => {
    const [oneCarol, twoCarol, badAlice] = await Promise.all([peer('one', 'carol'), peer('two', 'carol'), peer('bad', 'alice')]);
    await badAlice.sendMessage(oneCarol.bareJid, 'self-signed to one.test');
    await badAlice.sendMessage(twoCarol.bareJid, 'self-signed to two.test');
    await oneCarol.sendMessage(badAlice.bareJid, 'one.test to self-signed');
    await twoCarol.sendMessage(badAlice.bareJid, 'two.test to self-signed');
    // Each sender gets its message back as an error (the remote server is unreachable or refused), never delivered.
    const bounced = (p: Peer) => p.waitForStanza((s) => s.is('message') && s.attrs['type'] === 'error'
      && String(s.attrs['from']).endsWith('@bad.test'), 25_000);
    await Promise.all([bounced(oneCarol), bounced(twoCarol)]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(oneCarol.received.some(bodyOf('self-signed to one.test'))).toBe(false);
    expect(twoCarol.received.some(bodyOf('self-signed to two.test'))).toBe(false);
    expect(badAlice.received.filter((m) => m.type !== 'error')).toEqual([]);
    // Refused for its certificate, by each server, each way.
    await expect.poll(() => readFileSync(lab.ejabberd.logFile, 'utf8'), { timeout: 5000 }).toMatch(
      /Failed inbound s2s EXTERNAL authentication bad\.test -> two\.test .*self.signed certificate[\s\S]*|Failed to establish outbound s2s connection two\.test -> bad\.test: Peer certificate rejected: self.signed certificate/u);
    const ejabberdLog = readFileSync(lab.ejabberd.logFile, 'utf8');
    expect(ejabberdLog).toMatch(/Failed to establish outbound s2s connection two\.test -> bad\.test: Peer certificate rejected: self.signed certificate/u);
    const prosodyLog = readFileSync(lab.prosody.logFile, 'utf8');
    expect(prosodyLog).toContain('Forbidding insecure connection to/from bad.test because its certificate is not trusted');
    recordResult({ feature: 'Refuses a self-signed server', server: `${siteLabel(lab, 'prosody')} ⇄ ${siteLabel(lab, 'ejabberd')}`, peer: 'xmpp.js script', outcome: 'pass' });
  }, 60_000);
});
