import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  channelBindingAttribute,
  computeScramProof,
  createScramMechanism,
  DowngradeError,
  downgradeProtectionHash,
  escapeUsername,
  gs2Header,
  parseServerFirst,
  verifyDowngradeProtection,
  verifyServerFinal,
} from './scram.ts';

// RFC 5802 §5 and RFC 7677 §3 test vectors (user "user", password "pencil").
describe('SCRAM with native crypto', () => {
  it('matches the RFC 5802 SCRAM-SHA-1 example', async () => {
    const clientFirstBare = 'n=user,r=fyko+d2lbbFgONRv9qkxdawL';
    const serverFirst = 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096';
    const parsed = parseServerFirst(serverFirst, 'fyko+d2lbbFgONRv9qkxdawL');
    const proof = await computeScramProof('sha1', 'pencil', clientFirstBare, serverFirst, parsed);
    expect(proof.clientFinal).toBe('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
    expect(() => verifyServerFinal('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=', proof.serverSignature)).not.toThrow();
  });

  it('matches the RFC 7677 SCRAM-SHA-256 example through the mechanism object', async () => {
    const Mechanism = createScramMechanism('sha256', { makeNonce: () => 'rOprNGfwEbeRWgbNEkqO' });
    const mechanism = new Mechanism();
    const credentials = { username: 'user', password: 'pencil' };
    expect(await mechanism.response(credentials)).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    mechanism.challenge('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096');
    expect(await mechanism.response(credentials)).toBe(
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    );
    expect(() => mechanism.verifySuccess('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')).not.toThrow();
  });

  it('refuses a server signature that does not match', async () => {
    const Mechanism = createScramMechanism('sha1', { makeNonce: () => 'fyko+d2lbbFgONRv9qkxdawL' });
    const mechanism = new Mechanism();
    await mechanism.response({ username: 'user', password: 'pencil' });
    mechanism.challenge('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
    await mechanism.response({ username: 'user', password: 'pencil' });
    expect(() => mechanism.verifySuccess('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toThrow(/impostor/u);
  });

  it('refuses success before the proof was sent', () => {
    const mechanism = new (createScramMechanism('sha1'))();
    expect(() => mechanism.verifySuccess('v=AAAA')).toThrow();
  });

  it('refuses a nonce that does not extend ours, and weak iteration counts', () => {
    expect(() => parseServerFirst('r=other,s=QSXCR+Q6sek8bf92,i=4096', 'mine')).toThrow(/nonce/u);
    expect(() => parseServerFirst('r=mineXYZ,s=QSXCR+Q6sek8bf92,i=1', 'mine')).toThrow(/iterations/u);
    expect(() => parseServerFirst('r=mineXYZ,i=4096', 'mine')).toThrow(/malformed/u);
  });

  it('escapes "=" and "," in user names', () => {
    expect(escapeUsername('a=b,c')).toBe('a=3Db=2Cc');
  });
});

const user = { username: 'user', password: 'pencil' };
const fromBase64 = (text: string): Buffer => Buffer.from(text, 'base64');
/** The `c=` attribute of a client-final message. */
const cAttribute = (clientFinal: string): string => /^c=([^,]*),/u.exec(clientFinal)?.[1] ?? '';

describe('SCRAM channel binding (RFC 5802 §6–7)', () => {
  it('builds the GS2 header and c= from the binding type and data', () => {
    const data = Buffer.from([0, 1, 2, 0xfe, 0xff]);
    expect(gs2Header({ type: 'tls-exporter' })).toBe('p=tls-exporter,,');
    expect(gs2Header('y')).toBe('y,,');
    expect(gs2Header('n')).toBe('n,,');
    expect(channelBindingAttribute('p=tls-exporter,,', data)).toBe(Buffer.concat([Buffer.from('p=tls-exporter,,'), data]).toString('base64'));
    // The familiar constants: "n,," is "biws", "y,," is "eSws".
    expect(channelBindingAttribute('n,,')).toBe('biws');
    expect(channelBindingAttribute('y,,')).toBe('eSws');
  });

  it('SCRAM-SHA-256-PLUS sends p=<type> and c= = base64(header + binding data), and the proof covers it', async () => {
    const binding = { type: 'tls-exporter' as const, data: Buffer.alloc(32, 0xab) };
    const Mechanism = createScramMechanism('sha256', { channelBinding: binding, makeNonce: () => 'rOprNGfwEbeRWgbNEkqO' });
    const mechanism = new Mechanism();
    expect(mechanism.name).toBe('SCRAM-SHA-256-PLUS');
    expect(await mechanism.response(user)).toBe('p=tls-exporter,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const serverFirst = 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
    mechanism.challenge(serverFirst);
    const clientFinal = await mechanism.response(user);
    expect(fromBase64(cAttribute(clientFinal))).toEqual(Buffer.concat([Buffer.from('p=tls-exporter,,'), binding.data]));
    // Same inputs computed independently: the proof is over the c= that carries the binding.
    const expected = await computeScramProof('sha256', 'pencil', 'n=user,r=rOprNGfwEbeRWgbNEkqO', serverFirst, parseServerFirst(serverFirst, 'rOprNGfwEbeRWgbNEkqO'), 'p=tls-exporter,,', binding.data);
    expect(clientFinal).toBe(expected.clientFinal);
    // ...and differs from the unbound proof (the RFC 7677 example's).
    expect(clientFinal).not.toContain('p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
  });

  it('per-connection options passed to the constructor override the class defaults', async () => {
    const Mechanism = createScramMechanism('sha1', { plus: true, makeNonce: () => 'abc' });
    const mechanism = new Mechanism({ channelBinding: { type: 'tls-unique', data: Buffer.from('finished') } });
    expect(mechanism.name).toBe('SCRAM-SHA-1-PLUS');
    expect(await mechanism.response(user)).toBe('p=tls-unique,,n=user,r=abc');
  });

  it('a -PLUS mechanism without binding data refuses to start', async () => {
    const mechanism = new (createScramMechanism('sha1', { plus: true }))();
    await expect(mechanism.response(user)).rejects.toThrow(/channel-binding data/u);
  });

  it('sends the y flag when asked (we can bind, the server offered no -PLUS)', async () => {
    const mechanism = new (createScramMechanism('sha1', { makeNonce: () => 'fyko+d2lbbFgONRv9qkxdawL' }))({ gs2Flag: 'y' });
    expect(await mechanism.response(user)).toBe('y,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    mechanism.challenge('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
    expect(cAttribute(await mechanism.response(user))).toBe('eSws');
  });
});

describe('XEP-0474 SASL SCRAM Downgrade Protection', () => {
  const mechanisms = ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1'];
  const bindings = ['tls-server-end-point', 'tls-exporter'];

  it('matches the XEP’s example hash (h=, sorted, U+001E/U+001F separators)', () => {
    // XEP-0474 §4.3: SHA-1 of 'SCRAM-SHA-1\x1eSCRAM-SHA-1-PLUS\x1ftls-exporter\x1etls-server-end-point'.
    expect(downgradeProtectionHash('sha1', mechanisms, bindings)).toBe('G6k/rBLDqgOhRRaCuuatSDFkJ08=');
  });

  it('computes the 0.3.0 form (d=, "," and "|") and leaves out the channel-binding part without XEP-0440', () => {
    const sha = (text: string, hash = 'sha1'): string => createHash(hash).update(text).digest('base64');
    expect(downgradeProtectionHash('sha1', mechanisms, bindings, 'd')).toBe(sha('SCRAM-SHA-1,SCRAM-SHA-1-PLUS|tls-exporter,tls-server-end-point'));
    expect(downgradeProtectionHash('sha256', ['SCRAM-SHA-256', 'PLAIN'], null)).toBe(sha('PLAIN\u001eSCRAM-SHA-256', 'sha256'));
  });

  it('accepts a matching hash in either form, refuses a mismatch', () => {
    const protection = { mechanisms, channelBindings: bindings };
    const h = downgradeProtectionHash('sha1', mechanisms, bindings, 'h');
    const d = downgradeProtectionHash('sha1', mechanisms, bindings, 'd');
    expect(() => verifyDowngradeProtection('sha1', `r=abc,s=c2FsdA==,i=4096,h=${h}`, protection)).not.toThrow();
    expect(() => verifyDowngradeProtection('sha1', `r=abc,s=c2FsdA==,i=4096,d=${d}`, protection)).not.toThrow();
    // What a client that received a list without SCRAM-SHA-1-PLUS computes: not what the server signed.
    const stripped = { mechanisms: ['SCRAM-SHA-1'], channelBindings: bindings };
    expect(() => verifyDowngradeProtection('sha1', `r=abc,s=c2FsdA==,i=4096,h=${h}`, stripped)).toThrow(DowngradeError);
    expect(() => verifyDowngradeProtection('sha1', `r=abc,s=c2FsdA==,i=4096,h=${h}`, stripped)).toThrow(/man-in-the-middle/u);
    // Channel-binding types removed: also a mismatch.
    expect(() => verifyDowngradeProtection('sha1', `r=abc,s=c2FsdA==,i=4096,h=${h}`, { mechanisms, channelBindings: null })).toThrow(DowngradeError);
  });

  it('without a hash: fine unless the lists already looked tampered with', () => {
    expect(() => verifyDowngradeProtection('sha1', 'r=abc,s=c2FsdA==,i=4096', { mechanisms, channelBindings: null })).not.toThrow();
    expect(() => verifyDowngradeProtection('sha1', 'r=abc,s=c2FsdA==,i=4096', { mechanisms, channelBindings: ['x-made-up'], required: true })).toThrow(DowngradeError);
  });

  it('the mechanism stops at a mismatching server-first, before the password is used', async () => {
    const mechanism = new (createScramMechanism('sha1', { makeNonce: () => 'fyko' }))({
      downgradeProtection: { mechanisms: ['SCRAM-SHA-1'], channelBindings: null },
    });
    await mechanism.response(user);
    const signed = downgradeProtectionHash('sha1', ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS'], null);
    expect(() => mechanism.challenge(`r=fykoSERVER,s=QSXCR+Q6sek8bf92,i=4096,h=${signed}`)).toThrow(DowngradeError);
    await expect(mechanism.response(user)).rejects.toThrow(/out of order/u);
  });
});
