/**
 * Files across federation (issues 12 and 13): HTTP File Upload (XEP-0363) on both servers of the federation lab
 * (Prosody's mod_http_file_share on one.test, ejabberd's mod_http_upload on two.test, each over HTTPS with the
 * lab's CA), both ways round. Our account uploads to its own server's service and sends the file to a user of the
 * other server, who gets the URL as body, XEP-0066 OOB and XEP-0446 metadata (name, size, media type, SHA-256),
 * downloads it from our server and finds the same hash: with our core as that user's client, and with slixmpp
 * (its own XEP-0363/0066 plugins; Debian's python3-slixmpp). The other way, slixmpp uploads to its server and we
 * download. And in a room on the other server. Each check is recorded for docs/compatibility.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BOTH_WAYS, useFederationLab } from '../../../e2e/federation/interop-lab.ts';
import { checked, recordResult } from '../../../e2e/federation/compatibility.ts';
import { seedContacts, siteLabel, siteServer, UPLOAD_LIMIT, type FederationLab, type LabSite } from '../../../e2e/federation/lab.ts';
import { slixmppVersion, startSlixmppPeer, type SlixmppPeer } from '../../../e2e/federation/slixmpp-peer.ts';
import { FILE_CHUNK_BYTES, type ChatMessage, type FileTransfer } from '../../shared/contract.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';
import { nextEvent, type TestUser } from '../service-test-support.ts';
import { dnsServerResolver } from '../stream/resolve.ts';

let lab: FederationLab;
const version = slixmppVersion();
const cleanups = useFederationLab((started) => {
  lab = started;
}, version === undefined ? 'python3-slixmpp is not installed (apt-get install -y python3-slixmpp)' : undefined);

const OUR_CORE = 'our core (second client)';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64');
const suffix = (): string => Math.random().toString(36).slice(2, 8);

describe.each(BOTH_WAYS)('our account on $ours, the other user on $theirs', ({ ours, theirs }) => {
  const servers = (): string => `${siteLabel(lab, ours)} → ${siteLabel(lab, theirs)}`;
  const slixmpp = `slixmpp ${version ?? ''}`.trim();
  const uploadService = (site: LabSite) => (site === 'prosody' ? lab.prosody.upload : lab.ejabberd.upload);

  function service(): JabberService {
    const started = createJabberService({ trustedCertificates: [lab.caCertPem], connectTimeoutMs: 10_000, autoConnect: false },
      { resolver: dnsServerResolver([lab.dnsServer]) });
    cleanups.push(() => started.dispose());
    return started;
  }
  async function signIn(user: TestUser): Promise<JabberService> {
    const into = service();
    const result = await into.addAccount({ jid: user.jid, password: user.password });
    if (!result.ok) throw new Error(`sign-in of ${user.jid} failed: ${result.error.message}`);
    return into;
  }
  async function bot(user: TestUser): Promise<SlixmppPeer> {
    const started = await startSlixmppPeer(user, siteServer(lab, theirs), lab.caCertFile);
    cleanups.push(() => started.stop());
    return started;
  }

  /** Uploads as the renderer does (announce, then the chunks); resolves with the finished transfer. */
  async function upload(into: JabberService, account: string, to: string, name: string, bytes: Buffer, mediaType: string): Promise<FileTransfer> {
    const started = await into.uploadFile({ account, to, name, size: bytes.length, mediaType });
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    const finished = nextEvent(into, 'onTransfer', (t) => t.id === id && ['done', 'failed', 'cancelled'].includes(t.state), 30_000);
    for (let offset = 0; offset < bytes.length; offset += FILE_CHUNK_BYTES) {
      const sent = await into.sendFileChunk({ account, id, offset, data: bytes.subarray(offset, offset + FILE_CHUNK_BYTES).toString('base64') });
      if (!sent.ok) throw new Error(sent.error.message);
    }
    const done = await finished;
    if (done.state !== 'done') throw new Error(`the upload ended ${done.state}: ${done.error?.message ?? ''}`);
    return done;
  }

  /** Downloads the file of a stored message through the core (hash checked there) and reads it back. */
  async function download(into: JabberService, account: string, conversation: string, messageId: string): Promise<Buffer> {
    const started = await into.downloadFile({ account, conversation, messageId });
    if (!started.ok) throw new Error(`download refused: ${started.error.message}`);
    const parts: Buffer[] = [];
    for (let offset = 0; ; ) {
      const chunk = await into.readDownload({ account, id: started.value.id, offset, length: FILE_CHUNK_BYTES });
      if (!chunk.ok) throw new Error(chunk.error.message);
      const part = Buffer.from(chunk.value.data, 'base64');
      parts.push(part);
      offset += part.length;
      if (offset >= chunk.value.size || part.length === 0) return Buffer.concat(parts);
    }
  }

  const messageEvent = async (into: JabberService, predicate: (m: ChatMessage) => boolean, timeoutMs = 20_000): Promise<ChatMessage> =>
    (await nextEvent(into, 'onMessage', ({ message }) => predicate(message), timeoutMs)).message;

  it('the upload service of each server is found, with its limit', async () => {
    await checked('HTTP upload service found (with its limit)', servers(), OUR_CORE, async () => {
      const { me } = await seedContacts(lab, ours, theirs);
      const mine = await signIn(me);
      expect(await mine.getUploadService({ account: me.jid })).toEqual({
        ok: true, value: { account: me.jid, available: true, service: uploadService(ours)?.service, maxFileSize: UPLOAD_LIMIT },
      });
    });
  });

  it('Server features (account settings) list the upload service with its limit, and the group chat service', async () => {
    await checked('Server features view: upload (with its limit) and rooms', servers(), OUR_CORE, async () => {
      const { me } = await seedContacts(lab, ours, theirs);
      const mine = await signIn(me);
      const found = await mine.getServerFeatures({ account: me.jid });
      if (!found.ok) throw new Error(found.error.message);
      const domain = siteServer(lab, ours).domain;
      expect(found.value.features.find((f) => f.id === 'upload')).toMatchObject({ supported: true, detail: `upload.${domain}, up to 2.0 MB per file` });
      expect(found.value.features.find((f) => f.id === 'muc')).toMatchObject({ supported: true, detail: `conference.${domain}` });
    });
  });

  it('our file reaches our core on the other server: URL, OOB and metadata; it downloads it from our server, same hash', async () => {
    await checked('File sent (HTTP upload link, OOB, metadata), downloaded, hash checked', servers(), OUR_CORE, async () => {
      const { me, them } = await seedContacts(lab, ours, theirs);
      const mine = await signIn(me);
      const other = await signIn(them);
      const bytes = randomBytes(FILE_CHUNK_BYTES + 12_345);
      const arrived = messageEvent(other, (m) => m.direction === 'in' && m.file !== undefined && m.file.name === 'plan.pdf');
      arrived.catch(() => {});
      const done = await upload(mine, me.jid, them.jid, 'plan.pdf', bytes, 'application/pdf');
      const message = await arrived;
      expect(message.conversation).toBe(me.jid);
      expect(message.file).toMatchObject({ name: 'plan.pdf', size: bytes.length, mediaType: 'application/pdf', hashes: [{ algo: 'sha-256', value: sha256(bytes) }] });
      expect(message.file?.url).toMatch(new RegExp(`^https://localhost:${uploadService(ours)?.httpsPort ?? 0}/`, 'u'));
      expect(message.body).toBe(message.file?.url);
      expect(message.id).toBe(done.messageId);
      expect(sha256(await download(other, them.jid, me.jid, message.id))).toBe(sha256(bytes));
    });
  });

  it('our file reaches slixmpp on the other server: URL as body, XEP-0066 OOB, XEP-0446 metadata; slixmpp downloads it, same hash', async () => {
    await checked('File sent (HTTP upload link, OOB, metadata), downloaded, hash checked', servers(), slixmpp, async () => {
      const { me, them } = await seedContacts(lab, ours, theirs);
      const peer = await bot(them);
      const mine = await signIn(me);
      const bytes = randomBytes(70_000);
      const done = await upload(mine, me.jid, them.jid, 'photo.png', bytes, 'image/png');
      const message = await peer.waitForMessage((m) => m.id === done.messageId, 20_000);
      expect(message.oob).toMatch(/^https:\/\/localhost:\d+\//u);
      expect(message.body).toBe(message.oob);
      expect(message.file).toEqual({ name: 'photo.png', size: String(bytes.length), media_type: 'image/png', sha256: sha256(bytes) });
      expect(await peer.download(message.oob ?? '')).toEqual({ size: bytes.length, sha256: sha256(bytes) });
    });
  });

  it('slixmpp uploads to its own server and sends the file to us: we download it from there, same hash', async () => {
    await checked('File received (their HTTP upload), downloaded, hash checked', servers(), slixmpp, async () => {
      const { me, them } = await seedContacts(lab, ours, theirs);
      const peer = await bot(them);
      const mine = await signIn(me);
      const bytes = randomBytes(40_000);
      const arrived = messageEvent(mine, (m) => m.direction === 'in' && m.file?.name === 'notes.txt');
      arrived.catch(() => {});
      const sent = await peer.sendFile(me.jid, 'notes.txt', bytes, 'text/plain');
      expect(sent.url).toMatch(new RegExp(`^https://localhost:${uploadService(theirs)?.httpsPort ?? 0}/`, 'u'));
      const message = await arrived;
      expect(message).toMatchObject({ conversation: them.jid, body: sent.url });
      expect(message.file).toMatchObject({ url: sent.url, name: 'notes.txt', size: bytes.length, mediaType: 'text/plain', hashes: [{ algo: 'sha-256', value: sha256(bytes) }] });
      expect(sha256(await download(mine, me.jid, them.jid, message.id))).toBe(sha256(bytes));
    });
  });

  it('a room on the other server: a file slixmpp shares there (uploaded to its server) reaches us; with its metadata, it downloads, same hash', async () => {
    const feature = 'File shared in a room on the other server, downloaded, hash checked';
    let message: ChatMessage | undefined;
    let sent: { id: string; url: string } | undefined;
    let bytes = Buffer.alloc(0);
    let room = '';
    let mine: JabberService | undefined;
    let me: TestUser | undefined;
    let peer: Awaited<ReturnType<typeof bot>> | undefined;
    await checked('File link shared in a room on the other server', servers(), slixmpp, async () => {
      const users = await seedContacts(lab, ours, theirs);
      me = users.me;
      peer = await bot(users.them);
      mine = await signIn(me);
      room = `files-${suffix()}@conference.${siteServer(lab, theirs).domain}`;
      const joined = await mine.joinRoom({ account: me.jid, room, nick: 'Ours', bookmark: false });
      if (!joined.ok) throw new Error(joined.error.message);
      await peer.join(room, 'Sli');
      bytes = randomBytes(50_000);
      const arrived = messageEvent(mine, (m) => m.conversation === room && m.direction === 'in' && m.from === `${room}/Sli`);
      arrived.catch(() => {});
      sent = await peer.sendFile(room, 'minutes.odt', bytes, 'application/vnd.oasis.opendocument.text', 'groupchat');
      message = await arrived;
      expect(message.body).toBe(sent.url);
    });
    if (message?.file === undefined) {
      // What a room message carries beside its body (OOB, XEP-0446) is not read yet: the link shows, not a file.
      recordResult({ feature, server: servers(), peer: slixmpp, outcome: 'fail',
        note: 'the link arrives as the body, but room messages are not read for OOB/XEP-0446 yet (no file card, no download): files in rooms are the rooms work of issue 12' });
    } else {
      await checked(feature, servers(), slixmpp, async () => {
        expect(message?.file).toMatchObject({ url: sent?.url, size: bytes.length, hashes: [{ algo: 'sha-256', value: sha256(bytes) }] });
        expect(sha256(await download(mine!, me!.jid, room, message!.id))).toBe(sha256(bytes));
      });
    }
    // Our side: a file we upload into the room goes out as a groupchat message from our occupant, with OOB and metadata.
    await checked('File we share in a room on the other server', servers(), slixmpp, async () => {
      if (mine === undefined || me === undefined || peer === undefined) throw new Error('the room was not joined');
      const ourBytes = randomBytes(30_000);
      const seen = peer.waitForMessage((m) => m.type === 'groupchat' && m.file?.name === 'agenda.txt', 20_000);
      seen.catch(() => {});
      await upload(mine, me.jid, room, 'agenda.txt', ourBytes, 'text/plain');
      const got = await seen;
      expect(got.from).toBe(`${room}/Ours`);
      expect(got.body).toBe(got.oob);
      expect(got.file).toEqual({ name: 'agenda.txt', size: String(ourBytes.length), media_type: 'text/plain', sha256: sha256(ourBytes) });
      expect(await peer.download(got.oob ?? '')).toEqual({ size: ourBytes.length, sha256: sha256(ourBytes) });
    });
  });
});
