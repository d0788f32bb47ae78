/**
 * XEP-0153 (vCard-based avatars) against a real ejabberd 23.01, whose mod_vcard keeps vcard-temp apart
 * from PEP and whose mod_vcard_xupdate puts the photo hash in presence: the path Prosody hides behind
 * its PEP avatars. The contact publishes a vCard photo only; we see it through the presence hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer, type Peer } from '../../../../e2e/peer.ts';
import { startEjabberd, type EjabberdServer } from '../../../../e2e/server/ejabberd.ts';
import type { EventEnvelope, JabberEventPayloads } from '../../../shared/contract.ts';
import { createFileAvatarStore } from '../../../store/avatar-store.ts';
import { accountFile, createPrivateTextFile } from '../../../store/private-text-file.ts';
import { createFileAvatarIndex } from './avatar-index.ts';
import { createJabberService } from '../../service.ts';
import type { JabberService } from '../../service-types.ts';

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

function nextAvatar(service: JabberService, jid: string): Promise<JabberEventPayloads['onContactCard']> {
  return new Promise((resolve) => {
    const unsubscribe = service.subscribe((envelope: EventEnvelope) => {
      const payload = envelope.payload as JabberEventPayloads['onContactCard'];
      if (envelope.event !== 'onContactCard' || payload.jid !== jid || payload.card.avatar === null) return;
      unsubscribe();
      resolve(payload);
    });
  });
}

describe('avatars from vCards (XEP-0153) on ejabberd', () => {
  it("shows the photo of a contact's vCard once their presence names its hash, and their profile; after a restart, from the disk while they are offline", async () => {
    const profile = await mkdtemp(path.join(tmpdir(), 'jabber-avatar-index-'));
    const stores = {
      avatarStore: createFileAvatarStore(profile),
      openAvatarIndex: (account: string) => createFileAvatarIndex(createPrivateTextFile(accountFile(profile, 'avatar-index', account, '.json'))),
    };
    const { alice, bob } = server.accounts;
    const websocketUrl = server.websocketUrl;
    if (websocketUrl === undefined) throw new Error('ejabberd was started without WebSocket');
    bobPeer = await startPeer({ websocketUrl, domain: server.domain }, bob);
    const photo = Buffer.concat([PNG, Buffer.from(randomUUID())]);
    const hash = createHash('sha1').update(photo).digest('hex');
    const set = await bobPeer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>Bob on ejabberd</FN><TITLE>Tester</TITLE><PHOTO><TYPE>image/png</TYPE><BINVAL>${photo.toString('base64')}</BINVAL></PHOTO></vCard></iq>`);
    expect(set.type).toBe('result');

    const options = { trustedCertificates: [server.caCertPem], connectTimeoutMs: 10_000, autoConnect: false };
    const service = createJabberService(options, stores);
    try {
      const shown = nextAvatar(service, bob.jid);
      const signedIn = await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort });
      expect(signedIn.ok).toBe(true);
      // mod_vcard_xupdate adds the hash to the presence bob sends now.
      await bobPeer.sendPresence({ status: 'here' });
      const { card } = await shown;
      expect(card.avatar).toEqual({ hash, type: 'image/png', dataUrl: `data:image/png;base64,${photo.toString('base64')}` });
      expect(await service.getProfile({ account: alice.jid, jid: bob.jid })).toMatchObject({ ok: true, value: { fullName: 'Bob on ejabberd', title: 'Tester' } });
      // The index is written a moment after the change.
      const index = accountFile(profile, 'avatar-index', alice.jid, '.json');
      await expect.poll(async () => (await readFile(index, 'utf8').catch(() => '')).includes(hash), { timeout: 5_000 }).toBe(true);
      await service.dispose();

      // Bob is gone: no presence names his hash. His avatar comes from the index and the disk.
      await bobPeer.stop();
      const again = createJabberService(options, stores);
      try {
        const restored = nextAvatar(again, bob.jid);
        expect((await again.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort })).ok).toBe(true);
        expect((await restored).card.avatar?.hash).toBe(hash);
        await again.removeAccount({ account: alice.jid });
        await expect.poll(async () => readFile(index, 'utf8').then(() => 'exists', () => 'gone')).toBe('gone');
      } finally {
        await again.dispose();
      }
    } finally {
      await service.dispose();
      await rm(profile, { recursive: true, force: true });
    }
  }, 60_000);
});
