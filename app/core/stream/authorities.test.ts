import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeAuthority } from './authorities.ts';

// A throwaway self-signed CA, generated once for this test (openssl req -x509 … -addext basicConstraints=critical,CA:TRUE).
const CA_PEM = readFileSync(new URL('./fixtures/test-ca.pem', import.meta.url), 'utf8');
const LEAF_PEM = readFileSync(new URL('./fixtures/test-leaf.pem', import.meta.url), 'utf8');

describe('describeAuthority', () => {
  it('accepts a CA certificate and describes it', () => {
    const described = describeAuthority(`Some text before\n${CA_PEM}`);
    expect(described.ok && described.value.subject).toContain('Test Company CA');
    expect(described.ok && described.value.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/u);
  });

  it('refuses a server certificate, garbage, and a damaged PEM', () => {
    expect(describeAuthority(LEAF_PEM)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a certificate authority/u) } });
    expect(describeAuthority('hello')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(describeAuthority('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/could not be read/u) } });
  });
});
