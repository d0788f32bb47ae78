/**
 * TLS channel bindings for SCRAM-*-PLUS: data that only the two ends of this very TLS connection can
 * compute, so a man-in-the-middle who terminates TLS (even with a certificate we trust) cannot relay
 * the SCRAM exchange.
 *
 * - `tls-exporter` (RFC 9266): a 32-byte TLS exporter value. Used on TLS 1.3 only: on TLS 1.2 it is
 *   safe only with the extended master secret extension (RFC 7627), which Node cannot confirm.
 * - `tls-unique` (RFC 5929 §3): the first Finished message of the handshake. Defined for TLS ≤ 1.2 only.
 *   In a full handshake the client sends the first Finished (our `getFinished()`); in an abbreviated
 *   (resumed) handshake the server does (our `getPeerFinished()`).
 * - `tls-server-end-point` (RFC 5929 §4): a hash of the server's certificate, with the hash of the
 *   certificate's signature algorithm (SHA-256 when that is MD5 or SHA-1). It binds to the certificate,
 *   not to the connection: weaker, but it works through servers that cannot read TLS internals.
 */
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

export const CHANNEL_BINDING_TYPES = ['tls-exporter', 'tls-unique', 'tls-server-end-point'] as const;
export type ChannelBindingType = (typeof CHANNEL_BINDING_TYPES)[number];

export interface ChannelBinding {
  readonly type: ChannelBindingType;
  readonly data: Buffer;
}

/** What channel binding reads from the TLS socket. A `TLSSocket` is one; tests pass fakes. */
export type TlsChannel = Pick<TLSSocket, 'getProtocol' | 'exportKeyingMaterial' | 'getFinished' | 'getPeerFinished' | 'isSessionReused' | 'getPeerCertificate'>;

const TLS_BELOW_1_3 = new Set(['TLSv1', 'TLSv1.1', 'TLSv1.2']);

/** RFC 9266 §2: 32 bytes from the exporter with label "EXPORTER-Channel-Binding" and an empty context. */
export function tlsExporter(socket: TlsChannel): Buffer | null {
  if (socket.getProtocol() !== 'TLSv1.3') return null;
  try {
    return socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0));
  } catch {
    return null;
  }
}

/** RFC 5929 §3.1: the first Finished message of the most recent handshake (TLS ≤ 1.2 only). */
export function tlsUnique(socket: TlsChannel): Buffer | null {
  const protocol = socket.getProtocol();
  if (protocol === null || !TLS_BELOW_1_3.has(protocol)) return null;
  const finished = socket.isSessionReused() ? socket.getPeerFinished() : socket.getFinished();
  return finished !== undefined && finished.length > 0 ? finished : null;
}

/** RFC 5929 §4.1: hash of the server certificate (DER), or null when no hash is defined for its signature. */
export function tlsServerEndPoint(socket: TlsChannel): Buffer | null {
  const raw = socket.getPeerCertificate(false).raw as Buffer | undefined;
  if (raw === undefined || raw.length === 0) return null;
  const hash = serverEndPointHash(raw);
  return hash === null ? null : createHash(hash).update(raw).digest();
}

/**
 * The bindings this connection can provide, strongest first: tls-exporter (TLS 1.3) or tls-unique
 * (TLS 1.2), then tls-server-end-point. Computed once, before authentication starts.
 */
export function availableChannelBindings(socket: TlsChannel): ChannelBinding[] {
  const bindings: ChannelBinding[] = [];
  const add = (type: ChannelBindingType, data: Buffer | null): void => {
    if (data !== null) bindings.push({ type, data });
  };
  add('tls-exporter', tlsExporter(socket));
  add('tls-unique', tlsUnique(socket));
  add('tls-server-end-point', safely(() => tlsServerEndPoint(socket)));
  return bindings;
}

function safely(compute: () => Buffer | null): Buffer | null {
  try {
    return compute();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The certificate's signature hash (RFC 5929 §4.1), read from its DER encoding so that RSASSA-PSS, whose
// hash sits in the algorithm parameters, is covered too.

type NodeHash = 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** Digest algorithm OIDs → the hash RFC 5929 uses (MD5 and SHA-1 are replaced by SHA-256). */
const DIGESTS: Record<string, NodeHash> = {
  '1.2.840.113549.2.5': 'sha256', // md5
  '1.3.14.3.2.26': 'sha256', // sha1
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithm OIDs → the hash RFC 5929 uses. Ed25519/Ed448 have none defined: no binding. */
const SIGNATURES: Record<string, NodeHash> = {
  '1.2.840.113549.1.1.4': 'sha256', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5': 'sha256', // sha1WithRSAEncryption
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha256', // ecdsa-with-SHA1
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.10040.4.3': 'sha256', // dsa-with-sha1
  '2.16.840.1.101.3.4.3.1': 'sha224', // dsa-with-sha224
  '2.16.840.1.101.3.4.3.2': 'sha256', // dsa-with-sha256
};
const RSASSA_PSS = '1.2.840.113549.1.1.10';

interface Tlv {
  readonly tag: number;
  /** Where the value starts and ends in the buffer. */
  readonly start: number;
  readonly end: number;
}

/** One DER tag-length-value at `offset` (definite lengths only, as DER requires). */
function readTlv(der: Buffer, offset: number, limit = der.length): Tlv {
  if (offset + 2 > limit) throw new Error('truncated DER');
  const tag = der[offset] ?? 0;
  let length = der[offset + 1] ?? 0;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (der[start + i] ?? 0);
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new Error('truncated DER');
  return { tag, start, end };
}

/** The TLVs directly inside a constructed value. */
function children(der: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = parent.start; offset < parent.end; ) {
    const tlv = readTlv(der, offset, parent.end);
    out.push(tlv);
    offset = tlv.end;
  }
  return out;
}

function decodeOid(bytes: Buffer): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

const SEQUENCE = 0x30;
const OID = 0x06;
const CONTEXT_0 = 0xa0;

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
function algorithmOf(der: Buffer, identifier: Tlv): { oid: string; parameters: Tlv | undefined } {
  const [oid, parameters] = children(der, identifier);
  if (identifier.tag !== SEQUENCE || oid?.tag !== OID) throw new Error('not an AlgorithmIdentifier');
  return { oid: decodeOid(der.subarray(oid.start, oid.end)), parameters };
}

/** The signature algorithm OID of a DER certificate (Certificate ::= SEQUENCE { tbs, signatureAlgorithm, signature }). */
export function signatureAlgorithmOid(der: Buffer): string {
  const certificate = readTlv(der, 0);
  const [, signatureAlgorithm] = children(der, certificate);
  if (certificate.tag !== SEQUENCE || signatureAlgorithm === undefined) throw new Error('not a certificate');
  return algorithmOf(der, signatureAlgorithm).oid;
}

/** The hash RFC 5929 §4.1 prescribes for tls-server-end-point with this certificate, or null if none is defined. */
export function serverEndPointHash(der: Buffer): NodeHash | null {
  try {
    const certificate = readTlv(der, 0);
    const [, signatureAlgorithm] = children(der, certificate);
    if (signatureAlgorithm === undefined) return null;
    const { oid, parameters } = algorithmOf(der, signatureAlgorithm);
    if (oid !== RSASSA_PSS) return SIGNATURES[oid] ?? null;
    // RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] AlgorithmIdentifier DEFAULT sha1, ... }
    if (parameters?.tag !== SEQUENCE) return null;
    const hashField = children(der, parameters).find((field) => field.tag === CONTEXT_0);
    if (hashField === undefined) return 'sha256'; // the default, SHA-1, is replaced by SHA-256
    const [identifier] = children(der, hashField);
    return identifier === undefined ? null : (DIGESTS[algorithmOf(der, identifier).oid] ?? null);
  } catch {
    return null;
  }
}
