import { describe, expect, it } from 'vitest';
import { computeScramProof, createScramMechanism, escapeUsername, parseServerFirst, verifyServerFinal } from './scram.ts';

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
    const Mechanism = createScramMechanism('sha256', () => 'rOprNGfwEbeRWgbNEkqO');
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
    const Mechanism = createScramMechanism('sha1', () => 'fyko+d2lbbFgONRv9qkxdawL');
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
