import { createHash, X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import {
  availableChannelBindings,
  serverEndPointHash,
  signatureAlgorithmOid,
  tlsExporter,
  tlsServerEndPoint,
  tlsUnique,
  type TlsChannel,
} from './channel-binding.ts';

// Throw-away self-signed certificates made for these tests with openssl (CN=cb.test, ed.test, pss.test).
const EC_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgkOv3LZTk24BnbHFd
33nvAw8kw06/7hhwCdRfU9IKFIqhRANCAAScyPg8yXv+4aoY4qdY/LesnxBNZcge
hZ7y2JMpHmfRBMz6jlZrd0/19K+xq+DZNWfnr62ajAkcCFaIhsSQtDUC
-----END PRIVATE KEY-----
`;
const EC_P256_SHA384 = `-----BEGIN CERTIFICATE-----
MIIBjzCCATWgAwIBAgIUBl10tUpyUcEHC5UNUU3AS8oZSd0wCgYIKoZIzj0EAwMw
EjEQMA4GA1UEAwwHY2IudGVzdDAgFw0yNjExMjMyMjE1MTVaGA8yMTI2MTAzMDIy
MTUxNVowEjEQMA4GA1UEAwwHY2IudGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABJzI+DzJe/7hqhjip1j8t6yfEE1lyB6FnvLYkykeZ9EEzPqOVmt3T/X0r7Gr
4Nk1Z+evrZqMCRwIVoiGxJC0NQKjZzBlMB0GA1UdDgQWBBS5Uji+NlvNH0bJe2af
Q9mwdLfY4zAfBgNVHSMEGDAWgBS5Uji+NlvNH0bJe2afQ9mwdLfY4zAPBgNVHRMB
Af8EBTADAQH/MBIGA1UdEQQLMAmCB2NiLnRlc3QwCgYIKoZIzj0EAwMDSAAwRQIh
AMaQIOeIUJvk9q28qAVtPLNfLNH08017OcO8Ucx+hlZcAiBBfil5XCdli2t4+7V5
UQAiKR9CWGGdudCOSlVItROKwQ==
-----END CERTIFICATE-----
`;
const ED25519 = `-----BEGIN CERTIFICATE-----
MIIBOjCB7aADAgECAhR4+Y/4hfgaU1FPtZ+ACtF4JIDZPjAFBgMrZXAwEjEQMA4G
A1UEAwwHZWQudGVzdDAgFw0yNjExMjMyMjE1MTVaGA8yMTI2MTAzMDIyMTUxNVow
EjEQMA4GA1UEAwwHZWQudGVzdDAqMAUGAytlcAMhANlo44Czje88YC/2im6bunsr
OMpi/GoDzaVc2vSUzb+No1MwUTAdBgNVHQ4EFgQUqTh2S41TxKYO+zzqXZKYICVS
4fwwHwYDVR0jBBgwFoAUqTh2S41TxKYO+zzqXZKYICVS4fwwDwYDVR0TAQH/BAUw
AwEB/zAFBgMrZXADQQAINm8GX/rNq7m20q890tvPf7If//d0iiR+ngXpOeRYvt0v
ykegSBiPj0G+vnK9dXLT6Aqf6l7RWZNfrLzCc5AK
-----END CERTIFICATE-----
`;
const RSA_PSS_SHA512 = `-----BEGIN CERTIFICATE-----
MIICbDCCAaGgAwIBAgIUTM4I5GMfNUhTxd6CXVG0+/1QW4MwQQYJKoZIhvcNAQEK
MDSgDzANBglghkgBZQMEAgMFAKEcMBoGCSqGSIb3DQEBCDANBglghkgBZQMEAgMF
AKIDAgEgMBMxETAPBgNVBAMMCHBzcy50ZXN0MCAXDTI2MTEyMzIyMTUyM1oYDzIx
MjYxMDMwMjIxNTIzWjATMREwDwYDVQQDDAhwc3MudGVzdDCBnzANBgkqhkiG9w0B
AQEFAAOBjQAwgYkCgYEA4mZJxCPrEs63GGVnk/vOqgg/CCR6kisorb2cajRaUkX9
kJG1eSCCm7bEt9i/8wAfekV3Ca/mwxawYEGM5CDvjqdaNghkkhSkNZiJaM2hdg45
L1I+uemfEmRCmys6GGGkHujPU6DSN/bMXAsTyCsZgSWc/HssHBxOUO8jw4zzuuMC
AwEAAaNTMFEwHQYDVR0OBBYEFMYh4oJrTN6hpszoeaGYomfHcJ3ZMB8GA1UdIwQY
MBaAFMYh4oJrTN6hpszoeaGYomfHcJ3ZMA8GA1UdEwEB/wQFMAMBAf8wQQYJKoZI
hvcNAQEKMDSgDzANBglghkgBZQMEAgMFAKEcMBoGCSqGSIb3DQEBCDANBglghkgB
ZQMEAgMFAKIDAgEgA4GBAGO+o3xJoYPN3doYCP0R5egzbii+0aLd5hY2VouUORUV
mQRdL80d9LO7Qt0W866Nwc76/pf700A81tmgcNQdFUGoeJsFHE5f76jVOwTKiOso
8kzN66MiTo2sakGASUXcqC3udzNdKoFpd0lpvM5Ay3iIGusR8bp5V+XiVG85Xqms
-----END CERTIFICATE-----
`;

const derOf = (pem: string): Buffer => new X509Certificate(pem).raw;

// Minimal DER builders, for certificates whose only meaningful part is the signature algorithm.
function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const length =
    body.length < 0x80 ? Buffer.from([body.length]) : body.length < 0x100 ? Buffer.from([0x81, body.length]) : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}
function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}
const NULL = tlv(0x05);
/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } */
const certificateSignedWith = (algorithm: Buffer, tbsSize = 10): Buffer =>
  tlv(0x30, tlv(0x30, Buffer.alloc(tbsSize, 1)), algorithm, tlv(0x03, Buffer.from([0, 1, 2])));

function fakeChannel(parts: Partial<{ [K in keyof TlsChannel]: TlsChannel[K] }>): TlsChannel {
  return parts as TlsChannel;
}

describe('the hash for tls-server-end-point (RFC 5929 §4.1)', () => {
  it('reads the signature algorithm of real certificates as Node does', () => {
    for (const pem of [EC_P256_SHA384, ED25519, RSA_PSS_SHA512]) {
      expect(signatureAlgorithmOid(derOf(pem))).toBe(new X509Certificate(pem).signatureAlgorithmOid);
    }
  });

  it('uses the certificate’s own signature hash, including RSASSA-PSS parameters', () => {
    expect(serverEndPointHash(derOf(EC_P256_SHA384))).toBe('sha384');
    expect(serverEndPointHash(derOf(RSA_PSS_SHA512))).toBe('sha512');
  });

  it('replaces MD5 and SHA-1 with SHA-256', () => {
    expect(serverEndPointHash(certificateSignedWith(tlv(0x30, oid('1.2.840.113549.1.1.4'), NULL)))).toBe('sha256');
    expect(serverEndPointHash(certificateSignedWith(tlv(0x30, oid('1.2.840.113549.1.1.5'), NULL)))).toBe('sha256');
    expect(serverEndPointHash(certificateSignedWith(tlv(0x30, oid('1.2.840.10045.4.1'))))).toBe('sha256');
    // RSASSA-PSS with the default hash (SHA-1): empty parameters.
    expect(serverEndPointHash(certificateSignedWith(tlv(0x30, oid('1.2.840.113549.1.1.10'), tlv(0x30))))).toBe('sha256');
  });

  it('handles long-form lengths and the SHA-2 family', () => {
    expect(serverEndPointHash(certificateSignedWith(tlv(0x30, oid('1.2.840.113549.1.1.11'), NULL), 300))).toBe('sha256');
    expect(serverEndPointHash(certificateSignedWith(tlv(0x30, oid('1.2.840.10045.4.3.4'))))).toBe('sha512');
  });

  it('defines none for Ed25519 or for anything it cannot parse', () => {
    expect(serverEndPointHash(derOf(ED25519))).toBeNull();
    expect(serverEndPointHash(Buffer.from('not a certificate'))).toBeNull();
    expect(serverEndPointHash(certificateSignedWith(tlv(0x30, oid('1.2.3.4'))))).toBeNull();
    expect(tlsServerEndPoint(fakeChannel({ getPeerCertificate: () => ({ raw: derOf(ED25519) }) as tls.DetailedPeerCertificate }))).toBeNull();
  });
});

describe('tls-exporter and tls-unique from the socket', () => {
  it('tls-exporter: 32 bytes, label EXPORTER-Channel-Binding, empty context, TLS 1.3 only', () => {
    const calls: unknown[][] = [];
    const exportKeyingMaterial = (length: number, label: string, context: Buffer) => {
      calls.push([length, label, context]);
      return Buffer.alloc(32, 7);
    };
    expect(tlsExporter(fakeChannel({ getProtocol: () => 'TLSv1.3', exportKeyingMaterial }))).toEqual(Buffer.alloc(32, 7));
    expect(calls).toEqual([[32, 'EXPORTER-Channel-Binding', Buffer.alloc(0)]]);
    expect(tlsExporter(fakeChannel({ getProtocol: () => 'TLSv1.2', exportKeyingMaterial }))).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('tls-unique: the client’s Finished after a full handshake, the server’s after resumption, never on TLS 1.3', () => {
    const mine = Buffer.from('client-finished');
    const theirs = Buffer.from('server-finished');
    const channel = (protocol: string, reused: boolean): TlsChannel =>
      fakeChannel({ getProtocol: () => protocol, isSessionReused: () => reused, getFinished: () => mine, getPeerFinished: () => theirs });
    expect(tlsUnique(channel('TLSv1.2', false))).toEqual(mine);
    expect(tlsUnique(channel('TLSv1.2', true))).toEqual(theirs);
    expect(tlsUnique(channel('TLSv1.3', false))).toBeNull();
  });
});

describe('both ends of a real TLS connection compute the same binding', () => {
  const closers: Array<() => void> = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  async function handshake(maxVersion: tls.SecureVersion): Promise<{ client: tls.TLSSocket; server: tls.TLSSocket }> {
    let resolveServer: (socket: tls.TLSSocket) => void = () => {};
    const serverSide = new Promise<tls.TLSSocket>((resolve) => {
      resolveServer = resolve;
    });
    const listener = tls.createServer({ key: EC_KEY, cert: EC_P256_SHA384, maxVersion }, resolveServer);
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    closers.push(() => listener.close());
    const client = tls.connect({ port: (listener.address() as AddressInfo).port, host: '127.0.0.1', servername: 'cb.test', ca: [EC_P256_SHA384] });
    closers.push(() => client.destroy());
    await new Promise<void>((resolve, reject) => {
      client.once('secureConnect', resolve);
      client.once('error', reject);
    });
    const server = await serverSide;
    closers.push(() => server.destroy());
    expect(client.authorized).toBe(true);
    return { client, server };
  }

  it('TLS 1.3: tls-exporter matches the server’s exporter; tls-unique is undefined', async () => {
    const { client, server } = await handshake('TLSv1.3');
    expect(client.getProtocol()).toBe('TLSv1.3');
    const bindings = availableChannelBindings(client);
    expect(bindings.map((b) => b.type)).toEqual(['tls-exporter', 'tls-server-end-point']);
    expect(bindings[0]?.data).toEqual(server.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0)));
    expect(bindings[1]?.data).toEqual(createHash('sha384').update(derOf(EC_P256_SHA384)).digest());
  });

  it('TLS 1.2: tls-unique is what the server reads as the peer’s Finished (as Prosody does)', async () => {
    const { client, server } = await handshake('TLSv1.2');
    expect(client.getProtocol()).toBe('TLSv1.2');
    const bindings = availableChannelBindings(client);
    expect(bindings.map((b) => b.type)).toEqual(['tls-unique', 'tls-server-end-point']);
    expect(bindings[0]?.data).toEqual(server.getPeerFinished());
    expect(bindings[1]?.data).toEqual(createHash('sha384').update(derOf(EC_P256_SHA384)).digest());
  });
});
