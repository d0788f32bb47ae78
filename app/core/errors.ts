/** Turns whatever went wrong during a session into an AppError a user can act on. */
import { asPhrase, messageOf, phrase, type Words } from '../shared/phrase.ts';
import { appError, type AppError, type CertificateInfo, type ErrorCode } from '../shared/result.ts';

/** An error that already knows its AppError. Thrown inside the core, never across the contract. */
export class CoreError extends Error {
  readonly appError: AppError;
  constructor(appError: AppError) {
    super(appError.message);
    this.name = 'CoreError';
    this.appError = appError;
  }
}

export function coreError(code: ErrorCode, words: Words, extra: Omit<AppError, 'code' | 'message' | 'phrase'> = {}): CoreError {
  return new CoreError(appError(code, words, extra));
}

const STREAM_ERROR_TEXT: Record<string, string> = {
  'host-unknown': 'The server does not host this domain. Check the part after "@" in your Jabber ID.',
  'conflict': 'You signed in from somewhere else with the same resource, so this session was closed.',
  'see-other-host': 'The server redirected the connection elsewhere, which is not supported yet.',
  'system-shutdown': 'The server is shutting down. Try again in a few minutes.',
  'policy-violation': 'The server closed the connection for a policy violation.',
  'not-authorized': 'The server refused the connection: not authorized.',
  'connection-timeout': 'The server closed the connection because it was idle too long.',
  'reset': 'The server reset the connection.',
};

/** Our sentence, then what the server added in its own words (shown as it is, never translated). */
export function serverSaid(words: Words, text: string | undefined): Words {
  return text ? phrase('{{message}} The server said: {{text}}', { message: asPhrase(words), text }) : words;
}

/** Our sentence about a room, then what the room added in its own words. */
export function roomSaid(words: Words, text: string | undefined): Words {
  return text ? phrase('{{message}} The room said: {{text}}', { message: asPhrase(words), text }) : words;
}

/** Our sentence, then the reason a person gave (shown as they wrote it). */
export function withReason(words: Words, reason: string): Words {
  return reason !== '' ? phrase('{{message}} Reason: {{reason}}', { message: asPhrase(words), reason }) : words;
}

export function streamError(condition: string, text = ''): CoreError {
  const known: Words = STREAM_ERROR_TEXT[condition] ?? phrase('The server closed the stream with the error "{{condition}}".', { condition });
  return coreError('stream-error', text.length > 0 ? phrase('{{message}} ({{text}})', { message: asPhrase(known), text }) : known, { condition });
}

export function authFailed(condition: string, text = ''): CoreError {
  const words: Words =
    condition === 'not-authorized' || condition === 'credentials-expired'
      ? 'Wrong Jabber ID or password.'
      : condition === 'account-disabled'
        ? 'This account is disabled.'
        : condition === 'temporary-auth-failure'
          ? 'The server could not check your password right now. Try again later.'
          : phrase('The server refused to sign you in ({{condition}}).', { condition });
  return coreError('auth-failed', serverSaid(words, text), { condition });
}

export function tlsUntrusted(certificate: CertificateInfo, host: string): CoreError {
  return coreError(
    'tls-untrusted',
    phrase('The certificate of {{host}} is not trusted: {{reason}}. It was issued to "{{subject}}" by "{{issuer}}". Do not continue unless your administrator confirms this certificate (SHA-256 {{fingerprintSha256}}).', { host, reason: certificate.reasonPhrase ?? certificate.reason, subject: certificate.subject, issuer: certificate.issuer, fingerprintSha256: certificate.fingerprintSha256 }),
    { certificate },
  );
}

/** A server that used to show a certificate the user trusted now shows another: possibly an attack. */
export function certificateChanged(certificate: CertificateInfo, host: string): CoreError {
  return coreError(
    'tls-untrusted',
    phrase('Warning: the certificate of {{host}} has changed since you trusted it, and no trusted authority vouches for the new one. Someone may be intercepting the connection. Do not trust the new certificate unless your administrator confirms it (new SHA-256 {{fingerprintSha256}}).', { host, fingerprintSha256: certificate.fingerprintSha256 }),
    { certificate, condition: 'certificate-changed' },
  );
}

interface NodeSystemError {
  code?: unknown;
  message?: unknown;
  name?: unknown;
  condition?: unknown;
  text?: unknown;
}

/** Maps any thrown value to an AppError, for the host the user tried to reach. */
export function toAppError(error: unknown, host: string): AppError {
  if (error instanceof CoreError) return error.appError;
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodeSystemError;
  const code = typeof e.code === 'string' ? e.code : '';
  if (e.name === 'StreamError' && typeof e.condition === 'string') {
    return streamError(e.condition, typeof e.text === 'string' ? e.text : '').appError;
  }
  if (e.name === 'TimeoutError' || code === 'ETIMEDOUT') {
    return { code: 'timeout', ...messageOf(phrase('{{host}} did not answer in time. Check your network connection, or the server name and port.', { host })) };
  }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return { code: 'host-not-found', ...messageOf(phrase('The server {{host}} could not be found. Check the part after "@" in your Jabber ID, or the server name in Advanced.', { host })) };
    case 'ECONNREFUSED':
      return { code: 'connection-refused', ...messageOf(phrase('{{host}} refused the connection. The server may be down, or the port may be wrong.', { host })) };
    case 'ECONNRESET':
    case 'EPIPE':
      return { code: 'connection-lost', ...messageOf(phrase('The connection to {{host}} was interrupted. Try again.', { host })) };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { code: 'connection-refused', ...messageOf(phrase('{{host}} cannot be reached from this network.', { host })) };
    default:
      break;
  }
  const message = typeof e.message === 'string' && e.message.length > 0 ? e.message : String(error);
  return { code: 'internal', ...messageOf(phrase('Something went wrong while talking to {{host}}: {{problem}}', { host, problem: message })) };
}
