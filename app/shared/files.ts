/**
 * The contract's files (issue 12): HTTP File Upload (XEP-0363), the file a message carries (XEP-0066 out of
 * band data and XEP-0446 file metadata, with XEP-0300 hashes), and downloads. Part of the contract
 * (contract.ts extends these).
 *
 * File bytes cross the contract as base64 text in chunks of at most FILE_CHUNK_BYTES (the WebSocket transport
 * takes a megabyte per message): `uploadFile` announces a file (refused at once when it is larger than the
 * service allows), `sendFileChunk` hands it over in order, and the core uploads it when the last chunk is in.
 * A download is fetched by the core (only a file that a stored message names) and read back with `readDownload`.
 */
import type { AccountId, Jid } from './contract.ts';
import type { AppError, Result } from './result.ts';

/** The largest chunk of a file one command carries, before base64 (512 KiB). */
export const FILE_CHUNK_BYTES = 512 * 1024;
/** The largest file the client handles at all, whatever the service allows (1 GiB). */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** One hash of a file (XEP-0300): the algorithm as the XEP names it (`sha-256`) and the value in base64. */
export interface FileHash {
  readonly algo: string;
  readonly value: string;
}

/** The file a message carries: its address and what the sender said of it. */
export interface MessageFile {
  /** An `https:` (or `http:`) URL, as sent; never fetched without the user asking. */
  readonly url: string;
  /** The file's name (metadata, or the URL's last part); plain text. */
  readonly name: string;
  /** Bytes; absent when not said. */
  readonly size?: number;
  /** e.g. `image/png`; absent when not said. */
  readonly mediaType?: string;
  readonly hashes: readonly FileHash[];
}

/** Where the account uploads files, and how large they may be. */
export interface UploadService {
  readonly account: AccountId;
  /** The server offers HTTP File Upload. */
  readonly available: boolean;
  /** The upload service's JID; null when none. */
  readonly service: Jid | null;
  /** The largest file it takes, in bytes; null when it sets no limit (or none is known). */
  readonly maxFileSize: number | null;
}

export type TransferState = 'receiving' | 'uploading' | 'downloading' | 'done' | 'failed' | 'cancelled';

/** One upload or download, as the UI shows it (its progress bar, cancel, retry). */
export interface FileTransfer {
  readonly account: AccountId;
  readonly id: string;
  readonly direction: 'upload' | 'download';
  readonly conversation: Jid;
  readonly name: string;
  readonly size: number;
  readonly mediaType: string;
  /** Bytes sent (upload) or received (download) so far. */
  readonly transferred: number;
  readonly state: TransferState;
  /** `failed`: why (a retry may help). */
  readonly error?: AppError;
  /** The message that carries the file: the one sent (upload, once done) or the one downloaded from. */
  readonly messageId?: string;
}

export interface UploadFileRequest {
  readonly account: AccountId;
  /** The conversation (a contact's bare JID). */
  readonly to: Jid;
  readonly name: string;
  readonly size: number;
  /** Empty or omitted: `application/octet-stream`. */
  readonly mediaType?: string;
}

export interface FileChunkRequest {
  readonly account: AccountId;
  readonly id: string;
  /** Where this chunk starts: the chunks come in order, without gaps. */
  readonly offset: number;
  /** The chunk's bytes in base64, at most FILE_CHUNK_BYTES of them. */
  readonly data: string;
}

export interface TransferRequest {
  readonly account: AccountId;
  readonly id: string;
}

export interface DownloadFileRequest {
  readonly account: AccountId;
  readonly conversation: Jid;
  /** The stored message whose file to fetch. */
  readonly messageId: string;
}

export interface ReadDownloadRequest {
  readonly account: AccountId;
  readonly id: string;
  readonly offset: number;
  /** At most FILE_CHUNK_BYTES. */
  readonly length: number;
}

/** A chunk of a downloaded file, base64. */
export interface FileChunk {
  readonly data: string;
  /** The file's whole size. */
  readonly size: number;
}

export interface FileCommands {
  /** Discovers the account's upload service and its size limit (shown before uploading). */
  getUploadService(request: AccountRequestOf): Promise<Result<UploadService>>;
  /** Announces a file to upload to `to`; refused at once (`file-too-large`) past the service's limit. Send its bytes with sendFileChunk. */
  uploadFile(request: UploadFileRequest): Promise<Result<FileTransfer>>;
  /** One chunk of an announced file; after the last one the core uploads it and then sends the message. */
  sendFileChunk(request: FileChunkRequest): Promise<Result<FileTransfer>>;
  /** Stops an upload (nothing is sent) or a download (nothing is kept). */
  cancelTransfer(request: TransferRequest): Promise<Result<FileTransfer>>;
  /** Uploads a failed upload again (its bytes are kept until it succeeds or is cancelled). */
  retryUpload(request: TransferRequest): Promise<Result<FileTransfer>>;
  /** Fetches the file of a stored message (https only, its hash checked where one was sent); resolves when it is complete. */
  downloadFile(request: DownloadFileRequest): Promise<Result<FileTransfer>>;
  /** A chunk of a completed download (kept for the session until read to the end or cancelled). */
  readDownload(request: ReadDownloadRequest): Promise<Result<FileChunk>>;
}

/** `{ account }`, spelled here so that this file needs nothing but the contract's names. */
export interface AccountRequestOf {
  readonly account: AccountId;
}

export interface FileEventPayloads {
  /** An upload or download started, progressed, finished, failed or was cancelled. */
  onTransfer: FileTransfer;
}

export const FILE_COMMAND_NAMES = [
  'getUploadService', 'uploadFile', 'sendFileChunk', 'cancelTransfer', 'retryUpload', 'downloadFile', 'readDownload',
] as const satisfies readonly (keyof FileCommands)[];
export const FILE_EVENT_NAMES = ['onTransfer'] as const satisfies readonly (keyof FileEventPayloads)[];
