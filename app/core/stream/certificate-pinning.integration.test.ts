/**
 * Trusting a company server's certificate by its fingerprint (no authority vouches for it here:
 * the test CA is deliberately not trusted), and refusing a different certificate afterwards.
 */
import { describe, expect, inject, it } from 'vitest';
import { parseAccountJid } from '../../shared/jid.ts';
import { openStream } from './connection.ts';
import { CoreError } from '../errors.ts';

const server = inject('testServer');
const { alice } = server.accounts;

function signIn(pinnedFingerprints: readonly string[]) {
  const account = parseAccountJid(alice.jid);
  if (!account.ok) throw new Error(account.reason);
  return openStream({
    account: account.jid, password: alice.password, host: server.host, port: server.c2sPort,
    trustedCertificates: [], pinnedFingerprints, stepTimeoutMs: 5_000,
  });
}

async function presentedFingerprint(): Promise<string> {
  try {
    await signIn([]);
  } catch (error) {
    if (error instanceof CoreError && error.appError.certificate) return error.appError.certificate.fingerprintSha256;
    throw error;
  }
  throw new Error('the certificate was trusted without a pin');
}

describe('certificate pinning', () => {
  it('signs in once the presented certificate is pinned', async () => {
    const fingerprint = await presentedFingerprint();
    const opened = await signIn([fingerprint]);
    expect(opened.jid).toMatch(/^alice@example\.test\//u);
    await opened.entity.stop();
  });

  it('refuses a certificate that differs from the pinned one, with a prominent warning', async () => {
    const otherFingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
    await expect(signIn([otherFingerprint])).rejects.toMatchObject({
      appError: { code: 'tls-untrusted', condition: 'certificate-changed', message: expect.stringMatching(/^Warning: the certificate of example\.test has changed/u) },
    });
  });
});
