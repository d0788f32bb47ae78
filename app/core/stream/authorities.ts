/** Checks a company CA the user pastes: one parseable X.509 certificate that may sign others. */
import { X509Certificate } from 'node:crypto';
import type { Result, TrustedAuthority } from '../../shared/contract.ts';
import { fail, ok } from '../../shared/result.ts';
import { formatFingerprint } from './tls-trust.ts';

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/u;

export function describeAuthority(text: string): Result<TrustedAuthority> {
  const pem = PEM.exec(text)?.[0];
  if (pem === undefined) return fail('invalid-argument', 'This is not a certificate in PEM form (-----BEGIN CERTIFICATE----- …).');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return fail('invalid-argument', 'The certificate could not be read: it is damaged or incomplete.');
  }
  if (!certificate.ca) return fail('invalid-argument', 'This certificate is not a certificate authority (it cannot sign server certificates). Trust a server’s own certificate from the prompt shown when signing in.');
  return ok({
    pem: `${pem}\n`,
    subject: certificate.subject.split('\n').filter(Boolean).reverse().join(', '),
    fingerprintSha256: formatFingerprint(certificate.fingerprint256),
    validTo: new Date(certificate.validTo).toISOString(),
  });
}
