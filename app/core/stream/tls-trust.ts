/**
 * Verifies the server certificate when the stream is upgraded with STARTTLS.
 * Trusted: the system's CAs (Node's bundled store, the OS store, and NODE_EXTRA_CA_CERTS), plus
 * certificates the user explicitly trusted. The name checked is always the account's domain.
 * Verification runs before a single byte is written on the encrypted socket; a certificate that
 * fails is described (subject, issuer, validity, fingerprint, reason) so the user can decide.
 */
import { inEnglish, phrase, type Phrase } from '../../shared/phrase.ts';
import { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { CertificateInfo } from '../../shared/result.ts';
import { certificateChanged, coreError, tlsUntrusted } from '../errors.ts';

const UNTRUSTED_ISSUER = phrase('it was issued by an authority that is not trusted');
const REASONS: Record<string, Phrase> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: phrase('it is self-signed'),
  SELF_SIGNED_CERT_IN_CHAIN: phrase('it was issued by an authority that is not trusted (self-signed root)'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED_ISSUER,
  UNABLE_TO_GET_ISSUER_CERT: UNTRUSTED_ISSUER,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED_ISSUER,
  CERT_HAS_EXPIRED: phrase('it has expired'),
  CERT_NOT_YET_VALID: phrase('it is not valid yet'),
  CERT_REVOKED: phrase('it has been revoked'),
  CERT_SIGNATURE_FAILURE: phrase('its signature is invalid'),
};

export function describeReason(code: string, domain: string): Phrase {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return phrase('it is not valid for {{domain}}', { domain });
  return REASONS[code] ?? phrase('verification failed ({{code}})', { code });
}

/** `AB:CD:...`: colon-separated uppercase hex, as browsers show it. */
export function formatFingerprint(hex: string): string {
  return (hex.replace(/[^0-9a-f]/giu, '').toUpperCase().match(/../gu) ?? []).join(':');
}

function distinguishedName(text: string): string {
  // X509Certificate prints one "key=value" per line; show it on one line, most specific first.
  return text.split('\n').filter((line) => line.length > 0).reverse().join(', ');
}

export function describeCertificate(raw: Buffer, reason: Phrase): CertificateInfo {
  const certificate = new X509Certificate(raw);
  return {
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
    fingerprintSha256: formatFingerprint(certificate.fingerprint256),
    reason: inEnglish(reason),
    reasonPhrase: reason,
  };
}

function systemAuthorities(): string[] {
  // 'default' = Node's bundled roots plus NODE_EXTRA_CA_CERTS; 'system' = the OS store (Node ≥ 23.5).
  const sets: string[][] = [];
  for (const kind of ['default', 'system'] as const) {
    try {
      sets.push([...tls.getCACertificates(kind)]);
    } catch {
      // The OS store may be unreadable in a sandbox: Node's own roots still apply.
    }
  }
  return sets.flat();
}

let cachedSystemAuthorities: string[] | null = null;

/** The trust anchors for one connection: system CAs plus the user's explicit choices. */
export function trustAnchors(trustedCertificates: readonly string[], exclusive = false): string[] {
  if (exclusive) return [...trustedCertificates];
  cachedSystemAuthorities ??= [...new Set(systemAuthorities())];
  return [...cachedSystemAuthorities, ...trustedCertificates];
}

const secureContexts = new Map<string, tls.SecureContext>();
const MAX_SECURE_CONTEXTS = 8;

/**
 * The TLS context for a set of trust anchors, made once: reading the system's CAs and parsing them into
 * a context takes half a second, which every sign-in would otherwise wait for.
 */
export function secureContextFor(trustedCertificates: readonly string[], exclusive = false): tls.SecureContext {
  const key = `${exclusive ? 'only\n' : ''}${trustedCertificates.join('\n')}`;
  let context = secureContexts.get(key);
  if (context === undefined) {
    context = tls.createSecureContext({ ca: trustAnchors(trustedCertificates, exclusive), minVersion: 'TLSv1.2' });
    if (secureContexts.size >= MAX_SECURE_CONTEXTS) secureContexts.delete(secureContexts.keys().next().value!);
    secureContexts.set(key, context);
  }
  return context;
}

/** Builds the context ahead (at start, while nobody waits), so that the first sign-in does not pay for it. */
export function prepareTrust(trustedCertificates: readonly string[] = []): void {
  secureContextFor(trustedCertificates);
}

export function fingerprintOfPem(pem: string): string | null {
  try {
    return formatFingerprint(new X509Certificate(pem).fingerprint256);
  } catch {
    return null;
  }
}

export interface UpgradeOptions {
  readonly socket: Socket;
  /** The account's domain: the name the certificate must carry. */
  readonly domain: string;
  readonly trustedCertificates: readonly string[];
  readonly timeoutMs: number;
  /** ALPN protocols to offer (XEP-0368 direct TLS offers `xmpp-client`). */
  readonly alpnProtocols?: readonly string[];
  /**
   * SHA-256 fingerprints (colon-separated hex) of server certificates the user chose to trust for this
   * account although no trusted authority vouches for them (a company server's self-signed certificate).
   */
  readonly pinnedFingerprints?: readonly string[];
  /** Trust only `trustedCertificates`, not the system's CAs (an organisation's required CA). */
  readonly exclusiveTrust?: boolean;
}

/** Performs the TLS handshake over `socket` and resolves only with a verified TLS socket. */
export async function upgradeToVerifiedTls(options: UpgradeOptions): Promise<tls.TLSSocket> {
  const { socket, domain, trustedCertificates, timeoutMs, alpnProtocols, pinnedFingerprints = [], exclusiveTrust = false } = options;
  const tlsSocket = tls.connect({
    socket,
    // SNI and the name checked are the account's domain, whatever host SRV pointed us to.
    servername: domain,
    ALPNProtocols: alpnProtocols === undefined ? undefined : [...alpnProtocols],
    // The anchors and minVersion 'TLSv1.2', made once per set of anchors.
    secureContext: secureContextFor(trustedCertificates, exclusiveTrust),
    // Checked below, before anything is written, so that a refused certificate can be described.
    rejectUnauthorized: false,
  });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(coreError('timeout', phrase('The TLS handshake with {{domain}} did not finish in time.', { domain })));
    }, timeoutMs);
    const onSecure = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      tlsSocket.off('secureConnect', onSecure);
      tlsSocket.off('error', onError);
    };
    tlsSocket.once('secureConnect', onSecure);
    tlsSocket.once('error', onError);
  });

  const peer = tlsSocket.getPeerCertificate(true);
  const raw = peer.raw;
  if (raw === undefined) {
    tlsSocket.destroy();
    throw coreError('tls-untrusted', phrase('{{domain}} presented no certificate.', { domain }));
  }
  // Node checked chain and name against `ca`; check the name once more, explicitly, against the domain.
  const nameError = tls.checkServerIdentity(domain, peer);
  const failure = !tlsSocket.authorized ? String(tlsSocket.authorizationError) : nameError !== undefined ? 'ERR_TLS_CERT_ALTNAME_INVALID' : null;
  if (failure === null) return tlsSocket;
  const certificate = describeCertificate(raw, describeReason(failure, domain));
  // The user's explicit decision for exactly this certificate stands in for an authority.
  const pins = new Set(pinnedFingerprints.map(formatFingerprint));
  if (pins.has(certificate.fingerprintSha256)) return tlsSocket;
  tlsSocket.destroy();
  if (pins.size > 0) {
    const reason = phrase('it is not the certificate you trusted for {{domain}}', { domain });
    throw certificateChanged({ ...certificate, reason: inEnglish(reason), reasonPhrase: reason }, domain);
  }
  throw tlsUntrusted(certificate, domain);
}
