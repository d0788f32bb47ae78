/**
 * XEP-0153 (vCard-based avatars) against a real ejabberd 23.01, whose mod_vcard keeps vcard-temp apart
 * from PEP and whose mod_vcard_xupdate puts the photo hash in presence: the path Prosody hides behind
 * its PEP avatars. The contact publishes a vCard photo only; we see it through the presence hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer, type Peer } from '../../e2e/peer.ts';
import { startEjabberd, type EjabberdServer } from '../../e2e/server/ejabberd.ts';
import type { EventEnvelope, JabberEventPayloads } from '../shared/contract.ts';
import { createJabberService } from './service.ts';

let server: EjabberdServer;
let bobPeer: Peer | undefined;

beforeAll(async () => {
  server = await startEjabberd({ websocket: true });
}, 120_000);

afterAll(async () => {
  await bobPeer?.stop();
  await server?.stop();
}, 60_000);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('avatars from vCards (XEP-0153) on ejabberd', () => {
  it("shows the photo of a contact's vCard once their presence names its hash, and their profile", async () => {
    const { alice, bob } = server.accounts;
    const websocketUrl = server.websocketUrl;
    if (websocketUrl === undefined) throw new Error('ejabberd was started without WebSocket');
    bobPeer = await startPeer({ websocketUrl, domain: server.domain }, bob);
    const photo = Buffer.concat([PNG, Buffer.from(randomUUID())]);
    const hash = createHash('sha1').update(photo).digest('hex');
    const set = await bobPeer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>Bob on ejabberd</FN><TITLE>Tester</TITLE><PHOTO><TYPE>image/png</TYPE><BINVAL>${photo.toString('base64')}</BINVAL></PHOTO></vCard></iq>`);
    expect(set.type).toBe('result');

    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 10_000, autoConnect: false });
    try {
      const shown = new Promise<JabberEventPayloads['onContactCard']>((resolve) => {
        service.subscribe((envelope: EventEnvelope) => {
          const payload = envelope.payload as JabberEventPayloads['onContactCard'];
          if (envelope.event === 'onContactCard' && payload.jid === bob.jid && payload.card.avatar !== null) resolve(payload);
        });
      });
      const signedIn = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });
      expect(signedIn.ok).toBe(true);
      // mod_vcard_xupdate adds the hash to the presence bob sends now.
      await bobPeer.sendPresence({ status: 'here' });
      const { card } = await shown;
      expect(card.avatar).toEqual({ hash, type: 'image/png', dataUrl: `data:image/png;base64,${photo.toString('base64')}` });
      expect(await service.getProfile({ account: alice.jid, jid: bob.jid })).toMatchObject({ ok: true, value: { fullName: 'Bob on ejabberd', title: 'Tester' } });
    } finally {
      await service.dispose();
    }
  }, 60_000);
});
