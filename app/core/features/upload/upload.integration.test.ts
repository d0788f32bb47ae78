/**
 * HTTP File Upload (XEP-0363) and downloads against a real Prosody with mod_http_file_share (HTTPS on loopback,
 * the run's CA): the round trip with its checksum, the size limit, a cancelled upload, and what a scripted peer
 * receives (the URL, OOB and file metadata, as raw XML).
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES, type FileTransfer } from '../../../shared/contract.ts';
import { startPeer, type Peer } from '../../../../e2e/peer.ts';
import { startHttpProxy } from '../../../../e2e/proxies.ts';
import { startProsody, type TestServer } from '../../../../e2e/server/prosody.ts';
import { createJabberService } from '../../service.ts';
import type { JabberService } from '../../service-types.ts';
import { nextEvent } from '../../service-test-support.ts';

const LIMIT = 1024 * 1024;
let server: TestServer;
let service: JabberService;
let peer: Peer;
let alice: string;
let bob: string;

beforeAll(async () => {
  server = await startProsody({ fileShare: { maxFileSize: LIMIT } });
  alice = server.accounts.alice.jid;
  bob = server.accounts.bob.jid;
  service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
  const added = await service.addAccount({ jid: alice, password: server.accounts.alice.password, host: server.host, port: server.c2sPort });
  if (!added.ok) throw new Error(added.error.message);
  peer = await startPeer(server, server.accounts.bob);
}, 60_000);

afterAll(async () => {
  await peer?.stop();
  await service?.dispose();
  await server?.stop();
});

/** Announces a file and hands its bytes over in chunks, as the renderer does; resolves with the finished transfer. */
async function upload(name: string, bytes: Buffer, mediaType = 'application/octet-stream'): Promise<FileTransfer> {
  const started = await service.uploadFile({ account: alice, to: bob, name, size: bytes.length, mediaType });
  if (!started.ok) throw new Error(started.error.message);
  const { id } = started.value;
  const finished = nextEvent(service, 'onTransfer', (transfer) => transfer.id === id && ['done', 'failed', 'cancelled'].includes(transfer.state), 20_000);
  for (let offset = 0; offset < bytes.length; offset += FILE_CHUNK_BYTES) {
    const sent = await service.sendFileChunk({ account: alice, id, offset, data: bytes.subarray(offset, offset + FILE_CHUNK_BYTES).toString('base64') });
    if (!sent.ok) throw new Error(sent.error.message);
  }
  return finished;
}

async function readAll(id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0; ; ) {
    const chunk = await service.readDownload({ account: alice, id, offset, length: FILE_CHUNK_BYTES });
    if (!chunk.ok) throw new Error(chunk.error.message);
    const bytes = Buffer.from(chunk.value.data, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    if (offset >= chunk.value.size || bytes.length === 0) return Buffer.concat(parts);
  }
}

describe('HTTP File Upload on Prosody (mod_http_file_share)', () => {
  it('finds the upload service and its size limit', async () => {
    const found = await service.getUploadService({ account: alice });
    expect(found).toEqual({ ok: true, value: { account: alice, available: true, service: `upload.${server.domain}`, maxFileSize: LIMIT } });
  });

  it('uploads, sends URL + OOB + metadata to the peer, and downloads the same bytes back (checksum checked)', async () => {
    const bytes = randomBytes(FILE_CHUNK_BYTES + 1000);
    const sha256 = createHash('sha256').update(bytes).digest('base64');
    const progress: number[] = [];
    const unsubscribe = service.subscribe((envelope) => {
      if (envelope.event !== 'onTransfer') return;
      const transfer = envelope.payload as FileTransfer;
      if (transfer.state === 'uploading') progress.push(transfer.transferred);
    });
    const done = await upload('report 2026.bin', bytes);
    unsubscribe();
    expect(done.error).toBeUndefined();
    expect(done).toMatchObject({ state: 'done', direction: 'upload', conversation: bob, name: 'report 2026.bin', size: bytes.length, transferred: bytes.length });
    expect(progress.at(-1)).toBe(bytes.length);

    const received = await peer.waitForMessage((message) => message.id === done.messageId);
    const url = received.stanza.getChild('x', 'jabber:x:oob')?.getChildText('url');
    expect(url).toMatch(/^https:\/\/localhost:\d+\//u);
    expect(received.body).toBe(url);
    const file = received.stanza.getChild('file', 'urn:xmpp:file:metadata:0');
    expect(file?.getChildText('name')).toBe('report 2026.bin');
    expect(file?.getChildText('size')).toBe(String(bytes.length));
    expect(file?.getChildText('media-type')).toBe('application/octet-stream');
    expect(file?.getChild('hash', 'urn:xmpp:hashes:2')?.attrs.algo).toBe('sha-256');
    expect(file?.getChildText('hash', 'urn:xmpp:hashes:2')).toBe(sha256);

    // Our own message is in the history with its file; downloading it brings back the very bytes.
    const page = await service.loadMessages({ account: alice, conversation: bob });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.messages.find((message) => message.id === done.messageId)?.file).toEqual({
      url, name: 'report 2026.bin', size: bytes.length, mediaType: 'application/octet-stream', hashes: [{ algo: 'sha-256', value: sha256 }],
    });
    const download = await service.downloadFile({ account: alice, conversation: bob, messageId: done.messageId! });
    if (!download.ok) throw new Error(download.error.message);
    expect(download.value).toMatchObject({ state: 'done', direction: 'download', size: bytes.length });
    expect((await readAll(download.value.id)).equals(bytes)).toBe(true);
  });

  it('parses a file a peer sends, and refuses to keep it when its checksum differs', async () => {
    const done = await upload('note.txt', Buffer.from('the real content'), 'text/plain');
    const url = (await peer.waitForMessage((message) => message.id === done.messageId)).body;
    const id = `wrong-${Date.now()}`;
    const arrived = nextEvent(service, 'onMessage', ({ message }) => message.id === id);
    await peer.sendRaw(`<message type='chat' to='${alice}' id='${id}'><body>${url}</body><x xmlns='jabber:x:oob'><url>${url}</url></x>
      <file xmlns='urn:xmpp:file:metadata:0'><name>note.txt</name><media-type>text/plain</media-type><size>16</size>
      <hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>${createHash('sha256').update('other content!!!').digest('base64')}</hash></file></message>`);
    const { message } = await arrived;
    expect(message.file).toMatchObject({ url, name: 'note.txt', size: 16, mediaType: 'text/plain' });
    const download = await service.downloadFile({ account: alice, conversation: bob, messageId: id });
    expect(download.ok).toBe(false);
    if (!download.ok) expect(download.error).toMatchObject({ code: 'hash-mismatch', message: '"note.txt" is not the file that was sent (its checksum differs): it was not kept.' });
  });

  it('downloads only files that a stored message names', async () => {
    const download = await service.downloadFile({ account: alice, conversation: bob, messageId: 'no-such-message' });
    expect(download).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('refuses a file past the limit before uploading, with a clear error', async () => {
    const result = await service.uploadFile({ account: alice, to: bob, name: 'huge.iso', size: LIMIT + 1 });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'file-too-large', message: '"huge.iso" is 1.0 MB; your server takes files of up to 1.0 MB. Nothing was sent.' }) });
  });

  it('sends nothing for a cancelled upload', async () => {
    const before = peer.received.length;
    const started = await service.uploadFile({ account: alice, to: bob, name: 'draft.bin', size: FILE_CHUNK_BYTES * 2 });
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    expect((await service.sendFileChunk({ account: alice, id, offset: 0, data: randomBytes(FILE_CHUNK_BYTES).toString('base64') })).ok).toBe(true);
    const cancelled = await service.cancelTransfer({ account: alice, id });
    expect(cancelled).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    expect((await service.sendFileChunk({ account: alice, id, offset: FILE_CHUNK_BYTES, data: 'AAAA' })).ok).toBe(false);

    // Cancelled while uploading (after the last chunk): nothing is sent either.
    const second = await service.uploadFile({ account: alice, to: bob, name: 'draft2.bin', size: 1000 });
    if (!second.ok) throw new Error(second.error.message);
    await service.sendFileChunk({ account: alice, id: second.value.id, offset: 0, data: randomBytes(1000).toString('base64') });
    await service.cancelTransfer({ account: alice, id: second.value.id });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(peer.received.slice(before).filter((message) => message.stanza.getChild('x', 'jabber:x:oob') !== undefined)).toEqual([]);
  });
});

describe('uploads through the account\'s proxy', () => {
  it('PUTs through the HTTP CONNECT proxy; with the proxy gone the upload fails, keeps its bytes, and can be retried', async () => {
    const proxy = await startHttpProxy();
    let stopped = false;
    try {
      const settings = { type: 'http' as const, host: '127.0.0.1', port: proxy.port, username: proxy.username ?? '', password: proxy.password ?? '' };
      expect((await service.updateAccount({ account: alice, proxy: settings })).ok).toBe(true);
      await service.signOut({ account: alice });
      const signedIn = await service.signIn({ account: alice, password: server.accounts.alice.password });
      if (!signedIn.ok) throw new Error(signedIn.error.message);
      const done = await upload('via-proxy.txt', Buffer.from('through the proxy'), 'text/plain');
      expect(done.error).toBeUndefined();
      expect(done.state).toBe('done');

      // The XMPP link stays up (already through the tunnel), but a new HTTPS connection needs the proxy.
      await proxy.stop();
      stopped = true;
      const failed = await upload('no-proxy.txt', Buffer.from('nowhere to go'), 'text/plain');
      expect(failed.state).toBe('failed');
      expect(failed.error?.code).toMatch(/^(proxy-failed|transfer-failed|timeout)$/u);
      const again = nextEvent(service, 'onTransfer', (transfer) => transfer.id === failed.id && transfer.state === 'failed', 20_000);
      expect((await service.retryUpload({ account: alice, id: failed.id })).ok).toBe(true);
      expect((await again).state).toBe('failed');
      expect((await service.cancelTransfer({ account: alice, id: failed.id })).ok).toBe(true);
      expect((await service.retryUpload({ account: alice, id: failed.id })).ok).toBe(false);
    } finally {
      if (!stopped) await proxy.stop();
    }
  });
});
