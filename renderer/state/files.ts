/**
 * Files in the renderer (issue 12): attaching (picker, drop, paste) hands a file's bytes to the core in chunks;
 * transfers (uploads and downloads) are followed from onTransfer; thumbnails are made here, from bytes we have
 * (our own uploads, or a file the user chose to fetch), never fetched by themselves.
 */
import { create } from 'zustand';
import { FILE_CHUNK_BYTES, type AccountId, type AppError, type ChatMessage, type FileTransfer, type UploadService } from '../../app/shared/contract.ts';
import { getApi } from '../api.ts';
import type { ConversationRef } from './model.ts';

export interface FilesState {
  /** Every transfer seen this session, by id. */
  readonly transfers: Readonly<Record<string, FileTransfer>>;
  readonly services: Readonly<Record<AccountId, UploadService>>;
  /** Thumbnails as data: URLs, by `account\nmessageId` (or `account\ntransferId` while uploading). */
  readonly previews: Readonly<Record<string, string>>;
  /** The last refusal of an attached file, by `account\npeer` (too large, no upload service…). */
  readonly attachErrors: Readonly<Record<string, AppError>>;
}

export const useFilesStore = create<FilesState>()(() => ({ transfers: {}, services: {}, previews: {}, attachErrors: {} }));

const key = (account: AccountId, id: string): string => `${account}\n${id}`;
export const previewKey = key;
export const conversationKey = ({ account, peer }: ConversationRef): string => key(account, peer);

/** Kinds of image a thumbnail is made of (drawn by the browser's own decoder, from bytes we hold). */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
export const isPreviewable = (mediaType: string | undefined): boolean => mediaType !== undefined && PREVIEWABLE.has(mediaType);

/** An onTransfer event (bound in bind-events.ts). */
export function applyTransfer(transfer: FileTransfer): void {
  useFilesStore.setState((state) => {
    const previews = { ...state.previews };
    // Our upload became a message: its thumbnail follows it.
    const pending = previews[key(transfer.account, transfer.id)];
    if (transfer.state === 'done' && transfer.messageId !== undefined && pending !== undefined) previews[key(transfer.account, transfer.messageId)] = pending;
    return { transfers: { ...state.transfers, [transfer.id]: transfer }, previews };
  });
}

export async function loadUploadService(account: AccountId): Promise<void> {
  const result = await getApi().getUploadService({ account });
  if (result.ok) useFilesStore.setState((state) => ({ services: { ...state.services, [account]: result.value } }));
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** A small thumbnail (at most 320 px) as a data: URL, drawn from the bytes; null when they are no image. */
export async function makeThumbnail(bytes: Uint8Array, mediaType: string): Promise<string | null> {
  if (!isPreviewable(mediaType) || typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }));
    const scale = Math.min(1, 320 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}

function setAttachError(conversation: ConversationRef, error: AppError | null): void {
  useFilesStore.setState((state) => {
    const attachErrors = { ...state.attachErrors };
    if (error === null) delete attachErrors[conversationKey(conversation)];
    else attachErrors[conversationKey(conversation)] = error;
    return { attachErrors };
  });
}

/** Uploads each file to the conversation: refused at once past the service's limit, else its bytes go over in chunks. */
export async function attachFiles(conversation: ConversationRef, files: readonly File[]): Promise<void> {
  const api = getApi();
  for (const file of files) {
    const started = await api.uploadFile({ account: conversation.account, to: conversation.peer, name: file.name || 'file', size: file.size, mediaType: file.type });
    if (!started.ok) {
      setAttachError(conversation, started.error);
      continue;
    }
    setAttachError(conversation, null);
    const transfer = started.value;
    useFilesStore.setState((state) => ({ transfers: { ...state.transfers, [transfer.id]: state.transfers[transfer.id] ?? transfer } }));
    const bytes = new Uint8Array(await file.arrayBuffer());
    const thumbnail = await makeThumbnail(bytes, transfer.mediaType);
    if (thumbnail !== null) useFilesStore.setState((state) => ({ previews: { ...state.previews, [key(conversation.account, transfer.id)]: thumbnail } }));
    for (let offset = 0; offset < bytes.length; offset += FILE_CHUNK_BYTES) {
      const sent = await api.sendFileChunk({ account: conversation.account, id: transfer.id, offset, data: toBase64(bytes.subarray(offset, offset + FILE_CHUNK_BYTES)) });
      // Cancelled meanwhile (or the account went away): the core says so in onTransfer.
      if (!sent.ok) break;
    }
  }
}

export async function cancelTransfer(transfer: FileTransfer): Promise<void> {
  await getApi().cancelTransfer({ account: transfer.account, id: transfer.id });
}

export async function retryUpload(transfer: FileTransfer): Promise<void> {
  await getApi().retryUpload({ account: transfer.account, id: transfer.id });
}

/** Forgets a finished, failed or cancelled transfer (it leaves the list). */
export function dismissTransfer(transfer: FileTransfer): void {
  if (transfer.state === 'failed') void getApi().cancelTransfer({ account: transfer.account, id: transfer.id });
  useFilesStore.setState((state) => {
    const transfers = { ...state.transfers };
    delete transfers[transfer.id];
    return { transfers };
  });
}

/** Fetches a message's file through the core (checked there), and makes its thumbnail when it is an image. */
export async function fetchFile(account: AccountId, message: ChatMessage): Promise<{ ok: true; bytes: Uint8Array; transfer: FileTransfer } | { ok: false; error: AppError }> {
  const api = getApi();
  const result = await api.downloadFile({ account, conversation: message.conversation, messageId: message.id });
  if (!result.ok) return result;
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await api.readDownload({ account, id: result.value.id, offset, length: FILE_CHUNK_BYTES });
    if (!chunk.ok) return chunk;
    const bytes = fromBase64(chunk.value.data);
    parts.push(bytes);
    offset += bytes.length;
    if (offset >= chunk.value.size || bytes.length === 0) break;
  }
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  const thumbnail = await makeThumbnail(bytes, result.value.mediaType);
  if (thumbnail !== null) useFilesStore.setState((state) => ({ previews: { ...state.previews, [key(account, message.id)]: thumbnail } }));
  return { ok: true, bytes, transfer: result.value };
}

/** Fetches the file and hands it to the host to save where the user chooses. */
export async function downloadAndSave(account: AccountId, message: ChatMessage): Promise<AppError | null> {
  const fetched = await fetchFile(account, message);
  if (!fetched.ok) return fetched.error;
  const saved = await getApi().saveFile({ name: fetched.transfer.name, mediaType: fetched.transfer.mediaType, data: toBase64(fetched.bytes) });
  return saved.ok ? null : saved.error;
}

/** Files from a drop or a paste (only files: dropped text or links stay what they are). */
export function filesOf(data: DataTransfer | null): File[] {
  return data === null ? [] : [...data.files];
}
