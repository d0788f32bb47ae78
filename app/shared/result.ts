import { messageOf, phrase, type Phrase, type Words } from './phrase.ts';

/** Stable, machine-readable error codes. Renderer and tests branch on these; never rename one. */
export type ErrorCode =
  | 'auth-failed'
  | 'host-not-found'
  | 'connection-refused'
  | 'tls-untrusted'
  | 'starttls-unavailable'
  | 'invalid-jid'
  | 'timeout'
  | 'stream-error'
  | 'connection-lost'
  | 'not-connected'
  | 'already-connected'
  | 'invalid-argument'
  | 'transport'
  | 'proxy-failed'
  | 'registration-failed'
  /** The server (or the service asked) does not offer this feature. */
  | 'unsupported'
  /** The server refused: the account may not do this (e.g. administration without being an admin). */
  | 'not-allowed'
  /** The server broke the protocol in a way that could hurt the app (a huge or deeply nested stanza, malformed XML): the link was closed and is retried. */
  | 'protocol-violation'
  /** Bytes were slipped into the connection in the clear, behind the server's agreement to start TLS (STARTTLS injection). */
  | 'tls-injection'
  /** A group chat room asks for a password (XEP-0045 §7.2.5): ask the user and join again with it. */
  | 'room-password-required'
  /** Someone else in the room has this nickname (XEP-0045 §7.2.9): choose another. */
  | 'nickname-in-use'
  /** The organisation's policy (policy.ts) locks this setting: the command was refused. */
  | 'policy-locked'
  /** The organisation's policy file is not valid: nothing signs in until it is fixed. */
  | 'policy-invalid'
  /** A file is larger than the upload service takes (XEP-0363): nothing was uploaded. */
  | 'file-too-large'
  /** A downloaded file is not the one its message described (its XEP-0300 hash differs): it was not kept. */
  | 'hash-mismatch'
  /** An upload or download failed on the HTTP side (refused, cut off, not https): a retry may help. */
  | 'transfer-failed'
  | 'internal';

/** What a user sees about a server certificate that could not be trusted. */
export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** Colon-separated uppercase hex, as browsers and OpenSSL print it. */
  readonly fingerprintSha256: string;
  /** Why verification failed, in words. */
  readonly reason: string;
  /** The reason as a phrase, for the interface's language (`reason` is it in English). */
  readonly reasonPhrase?: Phrase;
}

export interface AppError {
  readonly code: ErrorCode;
  /** A sentence a user understands, saying what went wrong and, where possible, what to do. */
  readonly message: string;
  /** For `tls-untrusted`: the certificate that was refused. */
  readonly certificate?: CertificateInfo;
  /** For `stream-error` and `auth-failed`: the XMPP condition, e.g. `host-unknown`, `not-authorized`. */
  readonly condition?: string;
  /** For a message built from parts (a room, a host, a number, the server's words): its template and values, so the interface says it in its language. `message` is this phrase in English. */
  readonly phrase?: Phrase;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

type ErrorExtra = Omit<AppError, 'code' | 'message' | 'phrase'>;

/** An AppError from its code and words: a fixed English sentence, or a phrase() with the parts filled in. */
export function appError(code: ErrorCode, words: Words, extra: ErrorExtra = {}): AppError {
  return { code, ...messageOf(words), ...extra };
}

export function fail<T = never>(code: ErrorCode, words: Words, extra: ErrorExtra = {}): Result<T> {
  return { ok: false, error: appError(code, words, extra) };
}

/** An error's words, to put inside another message (a phrase value) and still be translated there. */
export function phraseOf(error: Pick<AppError, 'message' | 'phrase'>): Phrase {
  return error.phrase ?? phrase(error.message);
}
