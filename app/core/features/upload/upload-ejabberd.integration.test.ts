/** HTTP File Upload against ejabberd's mod_http_upload, the second implementation: the same round trip and limit. */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES, type FileTransfer } from '../../../shared/contract.ts';
import { startPeer, type Peer } from '../../../../e2e/peer.ts';
import { startEjabberd, type EjabberdServer } from '../../../../e2e/server/ejabberd.ts';
import { createJabberService } from '../../service.ts';
import type { JabberService } from '../../service-types.ts';
import { nextEvent } from '../../service-test-support.ts';

const LIMIT = 1024 * 1024;
let server: EjabberdServer;
let service: JabberService;
let peer: Peer;
let alice: string;
let bob: string;

beforeAll(async () => {
  server = await startEjabberd({ websocket: true, httpUpload: { maxFileSize: LIMIT } });
  alice = server.accounts.alice.jid;
  bob = server.accounts.bob.jid;
  service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
  const added = await service.addAccount({ jid: alice, password: server.accounts.alice.password, host: server.host, port: server.c2sPort });
  if (!added.ok) throw new Error(added.error.message);
  peer = await startPeer({ domain: server.domain, websocketUrl: server.websocketUrl ?? '' }, server.accounts.bob, { resource: 'files' });
}, 90_000);

afterAll(async () => {
  await peer?.stop();
  await service?.dispose();
  await server?.stop();
});

describe('HTTP File Upload on ejabberd (mod_http_upload)', () => {
  it('finds the service and its limit, and refuses a larger file before uploading', async () => {
    expect(await service.getUploadService({ account: alice })).toEqual({ ok: true, value: { account: alice, available: true, service: `upload.${server.domain}`, maxFileSize: LIMIT } });
    const refused = await service.uploadFile({ account: alice, to: bob, name: 'huge.iso', size: LIMIT + 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'file-too-large' } });
  });

  it('uploads, the peer gets URL + OOB + metadata, and the download has the same checksum', async () => {
    const bytes = randomBytes(FILE_CHUNK_BYTES + 4321);
    const sha256 = createHash('sha256').update(bytes).digest('base64');
    const started = await service.uploadFile({ account: alice, to: bob, name: 'scan.pdf', size: bytes.length, mediaType: 'application/pdf' });
    if (!started.ok) throw new Error(started.error.message);
    const { id } = started.value;
    const finished = nextEvent(service, 'onTransfer', (transfer: FileTransfer) => transfer.id === id && ['done', 'failed'].includes(transfer.state), 20_000);
    for (let offset = 0; offset < bytes.length; offset += FILE_CHUNK_BYTES) {
      await service.sendFileChunk({ account: alice, id, offset, data: bytes.subarray(offset, offset + FILE_CHUNK_BYTES).toString('base64') });
    }
    const done = await finished;
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('done');

    const received = await peer.waitForMessage((message) => message.id === done.messageId);
    const url = received.stanza.getChild('x', 'jabber:x:oob')?.getChildText('url');
    expect(url).toMatch(/^https:\/\/localhost:\d+\/upload\//u);
    expect(received.body).toBe(url);
    const file = received.stanza.getChild('file', 'urn:xmpp:file:metadata:0');
    expect([file?.getChildText('name'), file?.getChildText('size'), file?.getChildText('media-type')]).toEqual(['scan.pdf', String(bytes.length), 'application/pdf']);
    expect(file?.getChildText('hash', 'urn:xmpp:hashes:2')).toBe(sha256);

    const download = await service.downloadFile({ account: alice, conversation: bob, messageId: done.messageId! });
    if (!download.ok) throw new Error(download.error.message);
    const parts: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; ) {
      const chunk = await service.readDownload({ account: alice, id: download.value.id, offset, length: FILE_CHUNK_BYTES });
      if (!chunk.ok) throw new Error(chunk.error.message);
      const part = Buffer.from(chunk.value.data, 'base64');
      parts.push(part);
      offset += part.length;
    }
    expect(createHash('sha256').update(Buffer.concat(parts)).digest('base64')).toBe(sha256);
  });
});
