import { describe, expect, it } from 'vitest';
import { readExtraCaCertificates, splitPemCertificates } from './extra-ca.ts';

const A = '-----BEGIN CERTIFICATE-----\nQUJD\nREVG\n-----END CERTIFICATE-----';
const B = '-----BEGIN CERTIFICATE-----\r\nR0hJ\r\n-----END CERTIFICATE-----';

describe('splitPemCertificates', () => {
  it('finds every certificate block, ignoring text around them and other PEM kinds', () => {
    const text = `# company roots\n${A}\nsubject=...\n${B}\n-----BEGIN PRIVATE KEY-----\nSEVZ\n-----END PRIVATE KEY-----\n`;
    expect(splitPemCertificates(text)).toEqual([`${A}\n`, '-----BEGIN CERTIFICATE-----\nR0hJ\n-----END CERTIFICATE-----\n']);
  });
  it('finds nothing in text without certificates', () => {
    expect(splitPemCertificates('')).toEqual([]);
    expect(splitPemCertificates('hello')).toEqual([]);
  });
});

describe('readExtraCaCertificates', () => {
  it('does nothing when the variable is unset or empty', () => {
    expect(readExtraCaCertificates({}, () => A)).toEqual({ certificates: [], warning: null });
    expect(readExtraCaCertificates({ NODE_EXTRA_CA_CERTS: ' ' }, () => A)).toEqual({ certificates: [], warning: null });
  });
  it('reads the named file', () => {
    const read = (file: string): string => (file === '/etc/company.pem' ? A : '');
    expect(readExtraCaCertificates({ NODE_EXTRA_CA_CERTS: '/etc/company.pem' }, read)).toEqual({ certificates: [`${A}\n`], warning: null });
  });
  it('warns, without throwing, when the file is missing or holds no certificate', () => {
    const missing = readExtraCaCertificates({ NODE_EXTRA_CA_CERTS: '/nope.pem' }, () => {
      throw new Error('ENOENT');
    });
    expect(missing.certificates).toEqual([]);
    expect(missing.warning).toContain('/nope.pem');
    const empty = readExtraCaCertificates({ NODE_EXTRA_CA_CERTS: '/empty.pem' }, () => 'nothing');
    expect(empty.certificates).toEqual([]);
    expect(empty.warning).toContain('no PEM certificate');
  });
});
