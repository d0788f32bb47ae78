/**
 * Files (issue 12): HTTP File Upload (XEP-0363) and downloads, on the generic feature path.
 *
 * Upload: the service is found by disco#items/#info of the account's server (its size limit from the
 * XEP-0363 form); `uploadFile` refuses a file past the limit before any byte moves; the renderer hands the
 * bytes over in chunks (`sendFileChunk`); with the last one the core requests a slot, PUTs the file over
 * HTTPS (https-client.ts: the XMPP link's trust and proxy), then sends the message: the URL as body, XEP-0066
 * OOB and XEP-0446 metadata (name, size, media type, SHA-256 per XEP-0300). A cancelled upload sends nothing;
 * a failed one keeps its bytes for a retry. Download: only the file of a message the history holds, https
 * only, its hash checked where one was sent (a mismatch keeps nothing).
 */
import { phrase } from '../../../shared/phrase.ts';
import { createHash, randomUUID } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import { FILE_CHUNK_BYTES, MAX_FILE_BYTES, type ChatMessage, type FileHash, type FileTransfer, type Jid, type MessageFile, type UploadService } from '../../../shared/contract.ts';
import { parseJid, formatBare } from '../../../shared/jid.ts';
import { appError, ok, phraseOf } from '../../../shared/result.ts';
import { coreError, CoreError } from '../../errors.ts';
import type { FeatureEmitter, FeatureParts } from '../../session/feature.ts';
import type { IqRouter } from '../../session/iq.ts';
import { cleanName, fileElements, parseFileUrl, parseSlot, parseUploadService, slotRequest } from '../../xml/file.ts';
import { NS } from '../../xml/namespaces.ts';
import { httpsGet, httpsPut, type HttpsTrust } from './https-client.ts';
import { sizeLimitError } from './sizes.ts';

export interface UploadDeps {
  readonly iq: IqRouter;
  readonly account: Jid;
  readonly domain: string;
  readonly emit: FeatureEmitter;
  /** Our full JID now (it changes when a new stream binds). */
  readonly ownJid: () => Jid;
  /** Sends (or queues while the link is down) a stanza. */
  readonly send: (stanza: Element) => Promise<void>;
  /** A message to store (and show): our file message, before it is sent. */
  readonly stored: (message: ChatMessage) => void;
  /** The stored message `id` of the conversation (ours or theirs), or null: only these files may be downloaded. */
  readonly findMessage: (conversation: Jid, id: string) => ChatMessage | null;
  /** Our occupant JID when `to` is a room we are in (the file then goes to the room as a groupchat message); null otherwise. */
  readonly roomSender?: (to: Jid) => Jid | null;
  /** How the HTTPS side connects: the account's trust, pins and proxy. */
  readonly trust: () => HttpsTrust;
  readonly timeoutMs: number;
  readonly now?: () => number;
}

/** Services asked about at most (a hostile server must not make us ask thousands). */
const MAX_SERVICES = 20;
/** Downloads kept for reading back at once; the oldest is forgotten past it. */
const MAX_KEPT_DOWNLOADS = 4;
const DEFAULT_MEDIA_TYPE = 'application/octet-stream';
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/iu;

/** XEP-0300 names of the hashes we can check, and node's. */
const HASHES: Readonly<Record<string, string>> = { 'sha-256': 'sha256', 'sha-512': 'sha512', 'sha3-256': 'sha3-256', 'sha3-512': 'sha3-512', 'sha-1': 'sha1' };

/** Whether the bytes match every hash the sender gave that we can compute; `unchecked` when none is one of those. */
export function checkHashes(bytes: Buffer, hashes: readonly FileHash[]): 'match' | 'mismatch' | 'unchecked' {
  // SHA-1 alone is no proof; it is checked only alongside a stronger one, and never decides alone.
  const usable = hashes.filter((hash) => HASHES[hash.algo] !== undefined);
  if (usable.length === 0 || usable.every((hash) => hash.algo === 'sha-1')) return 'unchecked';
  return usable.every((hash) => createHash(HASHES[hash.algo]!).update(bytes).digest('base64') === hash.value) ? 'match' : 'mismatch';
}

interface Upload {
  transfer: FileTransfer;
  readonly to: Jid;
  chunks: Buffer[];
  received: number;
  bytes: Buffer | null;
  abort: AbortController | null;
}

interface Download {
  transfer: FileTransfer;
  bytes: Buffer | null;
  abort: AbortController;
}

export function createUpload(deps: UploadDeps): FeatureParts & { discover(): Promise<UploadService> } {
  const { iq, account, emit, timeoutMs } = deps;
  const now = deps.now ?? Date.now;
  let service: Promise<UploadService> | null = null;
  const uploads = new Map<string, Upload>();
  const downloads = new Map<string, Download>();
  let lastEmit = new Map<string, number>();

  function announce(transfer: FileTransfer, force = true): void {
    const at = now();
    // Progress at most ten times a second per transfer; every change of state at once.
    if (!force && at - (lastEmit.get(transfer.id) ?? 0) < 100) return;
    lastEmit.set(transfer.id, at);
    emit('onTransfer', transfer);
  }

  async function findService(): Promise<UploadService> {
    const none: UploadService = { account, available: false, service: null, maxFileSize: null };
    const info = (to: string) => iq.request('get', xml('query', { xmlns: NS.discoInfo }), to, timeoutMs).catch(() => null);
    const own = await info(deps.domain);
    if (own !== null) {
      const found = parseUploadService(own);
      if (found.upload) return { account, available: true, service: deps.domain, maxFileSize: found.maxFileSize };
    }
    const items = await iq.request('get', xml('query', { xmlns: NS.discoItems }), deps.domain, timeoutMs).catch(() => null);
    const jids = (items?.getChild('query', NS.discoItems)?.getChildren('item') ?? [])
      .map((item) => item.attrs.jid)
      .filter((jid): jid is string => typeof jid === 'string' && jid.length > 0 && !jid.includes('@') && !jid.includes('/'))
      .slice(0, MAX_SERVICES);
    for (const jid of jids) {
      const reply = await info(jid);
      if (reply === null) continue;
      const found = parseUploadService(reply);
      if (found.upload) return { account, available: true, service: jid, maxFileSize: found.maxFileSize };
    }
    return none;
  }

  function discover(): Promise<UploadService> {
    service ??= findService().catch((error: unknown) => {
      service = null;
      throw error;
    });
    return service;
  }

  function requireUpload(id: string): Upload {
    const upload = uploads.get(id);
    if (upload === undefined) throw coreError('invalid-argument', 'There is no such upload (it finished, or the account signed out since).');
    return upload;
  }

  function update(upload: Upload, change: Partial<FileTransfer>, force = true): void {
    upload.transfer = { ...upload.transfer, ...change };
    announce(upload.transfer, force);
  }

  /** The file message: the URL as body, OOB and the metadata (the hash of what was uploaded). */
  function fileMessage(upload: Upload, file: MessageFile): { message: ChatMessage; stanza: Element } {
    const id = randomUUID();
    const occupant = deps.roomSender?.(upload.to) ?? null;
    if (occupant !== null) {
      // In a room: a groupchat message from our occupant JID; no receipts or markers there.
      const message: ChatMessage = { id, conversation: upload.to, direction: 'out', from: occupant, to: upload.to, body: file.url, timestamp: now(), state: 'sent', file };
      const stanza = xml('message', { type: 'groupchat', to: upload.to, id }, xml('body', {}, file.url), ...fileElements(file), xml('origin-id', { xmlns: NS.stanzaId, id }));
      return { message: { ...message, originId: id } as ChatMessage, stanza };
    }
    const message: ChatMessage = {
      id, conversation: upload.to, direction: 'out', from: deps.ownJid(), to: upload.to, body: file.url, timestamp: now(), state: 'pending', file,
    };
    const stanza = xml(
      'message',
      { type: 'chat', to: upload.to, id },
      xml('body', {}, file.url),
      ...fileElements(file),
      xml('origin-id', { xmlns: NS.stanzaId, id }),
      xml('request', { xmlns: NS.receipts }),
      xml('markable', { xmlns: NS.markers }),
      xml('active', { xmlns: NS.chatStates }),
    );
    return { message, stanza };
  }

  async function run(upload: Upload): Promise<void> {
    const bytes = upload.bytes;
    if (bytes === null) return;
    const abort = new AbortController();
    upload.abort = abort;
    update(upload, { state: 'uploading', transferred: 0, error: undefined });
    const { transfer } = upload;
    try {
      const found = await discover();
      if (!found.available || found.service === null) throw coreError('unsupported', 'Your server offers no file upload (XEP-0363).');
      const tooLarge = sizeLimitError(transfer.name, transfer.size, found.maxFileSize);
      if (tooLarge !== null) throw tooLarge;
      const reply = await iq.request('get', slotRequest(transfer.name, transfer.size, transfer.mediaType), found.service, timeoutMs).catch((error: unknown) => {
        if (error instanceof CoreError && error.appError.condition === 'not-acceptable') {
          throw coreError('file-too-large', phrase('The upload service refused "{{name}}" (too large or not allowed). Nothing was sent.', { name: transfer.name }));
        }
        throw error instanceof CoreError ? coreError('transfer-failed', phrase('The upload service gave no upload slot: {{problem}}', { problem: phraseOf(error.appError) })) : error;
      });
      if (abort.signal.aborted) return;
      const slot = parseSlot(reply);
      if (slot === null) throw coreError('transfer-failed', 'The upload service gave an unusable upload slot (not https).');
      await httpsPut(slot.put, { 'content-type': transfer.mediaType, ...slot.headers }, bytes, deps.trust(), {
        signal: abort.signal,
        progress: (sent) => update(upload, { transferred: sent }, sent === bytes.length),
      });
      // Cancelled while the last bytes went: nothing is sent.
      if (abort.signal.aborted) return;
      const file: MessageFile = {
        url: slot.get.href, name: transfer.name, size: transfer.size, mediaType: transfer.mediaType,
        hashes: [{ algo: 'sha-256', value: createHash('sha256').update(bytes).digest('base64') }],
      };
      const { message, stanza } = fileMessage(upload, file);
      deps.stored(message);
      await deps.send(stanza);
      upload.bytes = null;
      uploads.delete(transfer.id);
      update(upload, { state: 'done', transferred: transfer.size, messageId: message.id });
    } catch (error) {
      if (abort.signal.aborted) return;
      const failure = error instanceof CoreError ? error.appError : appError('transfer-failed', phrase('The upload failed: {{problem}}', { problem: error instanceof Error ? error.message : String(error) }));
      update(upload, { state: 'failed', error: failure });
    } finally {
      if (upload.abort === abort) upload.abort = null;
    }
  }

  function keepDownload(download: Download): void {
    downloads.set(download.transfer.id, download);
    const kept = [...downloads.values()].filter((entry) => entry.bytes !== null);
    if (kept.length > MAX_KEPT_DOWNLOADS) {
      const oldest = kept[0]!;
      downloads.delete(oldest.transfer.id);
    }
  }

  return {
    discover,
    commands: {
      async getUploadService() {
        return ok(await discover());
      },

      async uploadFile(request) {
        const to = parseJid(request.to);
        if (!to.ok || to.jid.local === '' || to.jid.resource !== '') throw coreError('invalid-jid', 'Files are sent to a contact: give their bare Jabber ID.');
        const name = cleanName(request.name);
        if (name === '') throw coreError('invalid-argument', 'The file needs a name.');
        if (!Number.isInteger(request.size) || request.size <= 0 || request.size > MAX_FILE_BYTES) throw coreError('invalid-argument', 'The file is empty or too large to send.');
        const mediaType = request.mediaType !== undefined && MEDIA_TYPE.test(request.mediaType) ? request.mediaType.toLowerCase() : DEFAULT_MEDIA_TYPE;
        const found = await discover();
        if (!found.available) throw coreError('unsupported', 'Your server offers no file upload (XEP-0363), so files cannot be sent.');
        const tooLarge = sizeLimitError(name, request.size, found.maxFileSize);
        if (tooLarge !== null) throw tooLarge;
        const transfer: FileTransfer = {
          account, id: randomUUID(), direction: 'upload', conversation: formatBare(to.jid), name, size: request.size, mediaType, transferred: 0, state: 'receiving',
        };
        uploads.set(transfer.id, { transfer, to: formatBare(to.jid), chunks: [], received: 0, bytes: null, abort: null });
        announce(transfer);
        return ok(transfer);
      },

      async sendFileChunk(request) {
        const upload = requireUpload(request.id);
        if (upload.transfer.state !== 'receiving') throw coreError('invalid-argument', 'This upload has all its bytes already.');
        if (request.offset !== upload.received) throw coreError('invalid-argument', phrase('The next chunk starts at byte {{received}}, not {{offset}}.', { received: upload.received, offset: request.offset }));
        const chunk = Buffer.from(request.data, 'base64');
        if (chunk.length === 0 || chunk.length > FILE_CHUNK_BYTES || upload.received + chunk.length > upload.transfer.size) {
          throw coreError('invalid-argument', 'The chunk is empty, too large, or runs past the file\'s size.');
        }
        upload.chunks.push(chunk);
        upload.received += chunk.length;
        if (upload.received === upload.transfer.size) {
          upload.bytes = Buffer.concat(upload.chunks);
          upload.chunks = [];
          void run(upload);
        }
        return ok(upload.transfer);
      },

      async cancelTransfer(request) {
        const upload = uploads.get(request.id);
        if (upload !== undefined) {
          upload.abort?.abort();
          uploads.delete(request.id);
          upload.bytes = null;
          upload.chunks = [];
          update(upload, { state: 'cancelled' });
          return ok(upload.transfer);
        }
        const download = downloads.get(request.id);
        if (download === undefined) throw coreError('invalid-argument', 'There is no such transfer.');
        download.abort.abort();
        downloads.delete(request.id);
        download.bytes = null;
        if (download.transfer.state === 'downloading') download.transfer = { ...download.transfer, state: 'cancelled' };
        announce(download.transfer);
        return ok(download.transfer);
      },

      async retryUpload(request) {
        const upload = requireUpload(request.id);
        if (upload.transfer.state !== 'failed' || upload.bytes === null) throw coreError('invalid-argument', 'Only a failed upload can be tried again.');
        void run(upload);
        return ok(upload.transfer);
      },

      async downloadFile(request) {
        const message = deps.findMessage(request.conversation, request.messageId);
        const file = message?.file;
        if (message === null || file === undefined) throw coreError('invalid-argument', 'That message holds no file to download.');
        const url = parseFileUrl(file.url);
        if (url === null || url.protocol !== 'https:') throw coreError('transfer-failed', 'The file is not offered over https, so it is not downloaded (it could be read or changed on the way).');
        const maxBytes = Math.min(file.size ?? MAX_FILE_BYTES, MAX_FILE_BYTES);
        const download: Download = {
          transfer: {
            account, id: randomUUID(), direction: 'download', conversation: message.conversation, name: file.name, size: file.size ?? 0,
            mediaType: file.mediaType ?? DEFAULT_MEDIA_TYPE, transferred: 0, state: 'downloading', messageId: message.id,
          },
          bytes: null,
          abort: new AbortController(),
        };
        downloads.set(download.transfer.id, download);
        announce(download.transfer);
        const set = (change: Partial<FileTransfer>, force = true): void => {
          download.transfer = { ...download.transfer, ...change };
          announce(download.transfer, force);
        };
        try {
          const bytes = await httpsGet(url, maxBytes, deps.trust(), { signal: download.abort.signal, progress: (received) => set({ transferred: received }, false) });
          if (file.size !== undefined && bytes.length !== file.size) {
            throw coreError('hash-mismatch', phrase('"{{name}}" is not the file that was sent: it is {{length}} bytes, not {{size}}. It was not kept.', { name: file.name, length: bytes.length, size: file.size }));
          }
          if (checkHashes(bytes, file.hashes) === 'mismatch') {
            throw coreError('hash-mismatch', phrase('"{{name}}" is not the file that was sent (its checksum differs): it was not kept.', { name: file.name }));
          }
          download.bytes = bytes;
          keepDownload(download);
          set({ state: 'done', size: bytes.length, transferred: bytes.length });
          return ok(download.transfer);
        } catch (error) {
          downloads.delete(download.transfer.id);
          if (download.abort.signal.aborted) throw coreError('transfer-failed', 'The download was cancelled.');
          const failure = error instanceof CoreError ? error.appError : appError('transfer-failed', phrase('The download failed: {{problem}}', { problem: String(error) }));
          set({ state: 'failed', error: failure });
          throw error instanceof CoreError ? error : new CoreError(failure);
        }
      },

      async readDownload(request) {
        const download = downloads.get(request.id);
        if (download?.bytes === null || download === undefined) throw coreError('invalid-argument', 'That download is not kept (download it again).');
        const bytes = download.bytes;
        if (request.offset > bytes.length) throw coreError('invalid-argument', 'That position is past the end of the file.');
        const length = Math.min(request.length, FILE_CHUNK_BYTES);
        return ok({ data: bytes.subarray(request.offset, request.offset + length).toString('base64'), size: bytes.length });
      },
    },
    signedOut() {
      for (const upload of uploads.values()) upload.abort?.abort();
      for (const download of downloads.values()) download.abort.abort();
      uploads.clear();
      downloads.clear();
      lastEmit = new Map();
      service = null;
      return [];
    },
  };
}
