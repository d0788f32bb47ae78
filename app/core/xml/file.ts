/**
 * Files in stanzas (issue 12): the upload service's disco#info (XEP-0363 §3, its max-file-size form field),
 * the slot it grants (§4), and the file a message carries: XEP-0066 out of band data (`<x xmlns='jabber:x:oob'>`)
 * with XEP-0446 file metadata (`<file xmlns='urn:xmpp:file:metadata:0'>`, hashes per XEP-0300). Plain data out.
 */
import { xml, type Element } from '@xmpp/xml';
import type { FileHash, MessageFile } from '../../shared/contract.ts';
import { parseDataForm } from './data-form.ts';
import { NS } from './namespaces.ts';

/** Bounds on what a stranger's message may carry. */
const MAX_URL_LENGTH = 4096;
const MAX_NAME_LENGTH = 1024;
const MAX_MEDIA_TYPE_LENGTH = 255;
const MAX_HASHES = 8;
const MAX_HASH_LENGTH = 200;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/u;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/iu;

/** Only web addresses count as a file's address (never `file:`, `javascript:`, `data:`…). */
export function parseFileUrl(text: string | null | undefined): URL | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return null;
  try {
    const url = new URL(trimmed);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' ? url : null;
  } catch {
    return null;
  }
}

/** The last part of a URL's path, decoded: the name a file has when nobody said one. */
export function nameFromUrl(url: URL): string {
  const last = url.pathname.split('/').filter((part) => part !== '').at(-1) ?? '';
  try {
    return cleanName(decodeURIComponent(last)) || url.hostname;
  } catch {
    return cleanName(last) || url.hostname;
  }
}

/** A file name as text to show: no path, no control characters, bounded. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return (name.split(/[\\/]/u).at(-1) ?? '').replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/gu, '').trim().slice(0, MAX_NAME_LENGTH);
}

function parseHashes(file: Element | undefined): FileHash[] {
  const hashes: FileHash[] = [];
  for (const hash of file?.getChildren('hash', NS.hashes) ?? []) {
    const algo = String(hash.attrs.algo ?? '').trim().toLowerCase();
    const value = hash.text().trim();
    if (algo === '' || algo.length > 32 || value.length > MAX_HASH_LENGTH || !BASE64.test(value)) continue;
    hashes.push({ algo, value });
    if (hashes.length === MAX_HASHES) break;
  }
  return hashes;
}

/**
 * The file a message carries, from its OOB URL (needed: it is the address) and its file metadata (name, size,
 * media type, hashes) where present; null when the message carries none.
 */
export function parseMessageFile(message: Element): MessageFile | null {
  const url = parseFileUrl(message.getChild('x', NS.oob)?.getChildText('url'));
  if (url === null) return null;
  const file = message.getChild('file', NS.fileMetadata);
  const name = cleanName(file?.getChildText('name') ?? '') || nameFromUrl(url);
  const sizeText = file?.getChildText('size')?.trim() ?? '';
  const size = /^\d{1,15}$/u.test(sizeText) ? Number(sizeText) : undefined;
  const mediaType = file?.getChildText('media-type')?.trim().toLowerCase() ?? '';
  return {
    url: url.href,
    name,
    ...(size !== undefined ? { size } : {}),
    ...(mediaType.length <= MAX_MEDIA_TYPE_LENGTH && MEDIA_TYPE.test(mediaType) ? { mediaType } : {}),
    hashes: parseHashes(file),
  };
}

/** The children that say a message carries a file: OOB with the URL, and the XEP-0446 metadata. */
export function fileElements(file: MessageFile): Element[] {
  return [
    xml('x', { xmlns: NS.oob }, xml('url', {}, file.url)),
    xml(
      'file',
      { xmlns: NS.fileMetadata },
      ...(file.mediaType !== undefined ? [xml('media-type', {}, file.mediaType)] : []),
      xml('name', {}, file.name),
      ...(file.size !== undefined ? [xml('size', {}, String(file.size))] : []),
      ...file.hashes.map((hash) => xml('hash', { xmlns: NS.hashes, algo: hash.algo }, hash.value)),
    ),
  ];
}

/** What a disco#info reply says of an upload service: whether it is one, and its size limit (null: none said). */
export function parseUploadService(reply: Element): { readonly upload: boolean; readonly maxFileSize: number | null } {
  const query = reply.getChild('query', NS.discoInfo);
  const upload = (query?.getChildren('feature') ?? []).some((feature) => feature.attrs.var === NS.httpUpload);
  if (!upload) return { upload: false, maxFileSize: null };
  for (const x of query?.getChildren('x', NS.dataForms) ?? []) {
    const form = parseDataForm(x);
    if (form?.fields.find((field) => field.var === 'FORM_TYPE')?.values[0] !== NS.httpUpload) continue;
    const value = form.fields.find((field) => field.var === 'max-file-size')?.values[0]?.trim() ?? '';
    if (/^\d{1,15}$/u.test(value) && Number(value) > 0) return { upload: true, maxFileSize: Number(value) };
  }
  return { upload: true, maxFileSize: null };
}

/** The slot request (XEP-0363 §4). */
export function slotRequest(name: string, size: number, mediaType: string): Element {
  return xml('request', { xmlns: NS.httpUpload, filename: name, size: String(size), 'content-type': mediaType });
}

/** Headers the service may ask for on the PUT (§4: only these three; anything else is dropped). */
const PUT_HEADERS = new Set(['authorization', 'cookie', 'expires']);

export interface UploadSlot {
  readonly put: URL;
  readonly get: URL;
  readonly headers: Readonly<Record<string, string>>;
}

/** The slot from the service's reply; null when it is not a usable one (not https, malformed). */
export function parseSlot(reply: Element): UploadSlot | null {
  const slot = reply.getChild('slot', NS.httpUpload);
  const putElement = slot?.getChild('put');
  const put = parseFileUrl(putElement?.attrs.url);
  const get = parseFileUrl(slot?.getChild('get')?.attrs.url);
  if (put === null || get === null || put.protocol !== 'https:' || get.protocol !== 'https:') return null;
  const headers: Record<string, string> = {};
  for (const header of putElement?.getChildren('header') ?? []) {
    const name = String(header.attrs.name ?? '').toLowerCase();
    // No line breaks: a header value from the network never splits into two headers.
    const value = header.text().replace(/[\r\n]/gu, '').trim();
    if (PUT_HEADERS.has(name) && value.length <= 8192) headers[name] = value;
  }
  return { put, get, headers };
}
