import { describe, expect, it } from 'vitest';
import type { LinkInfo } from '../../stream/connection.ts';
import { CHECKS, describeServer, toServerLink, type Discovered } from './server-features.ts';

const link: LinkInfo = {
  tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', directTls: false, authentication: 'sasl', mechanism: 'SCRAM-SHA-256-PLUS',
  mechanisms: ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'PLAIN'], channelBindings: ['tls-exporter', 'tls-server-end-point'],
  sasl2: false, bind2: false, fast: false, streamManagement: true, csi: true, rosterVersioning: false,
};

const nothing: Discovered = { server: new Set(), account: new Set(), accountIdentities: [], services: [], link: null };

describe('server features', () => {
  it('says what is missing when discovery found nothing, and every check once', () => {
    const features = describeServer(nothing);
    expect(features.map((feature) => feature.id)).toEqual(CHECKS.map((check) => check.id));
    expect(new Set(features.map((feature) => feature.id)).size).toBe(features.length);
    expect(features.every((feature) => !feature.supported && feature.affects.length > 0 && feature.detail === undefined)).toBe(true);
  });

  it('reads each capability where the server advertises it, with details', () => {
    const found: Discovered = {
      server: new Set(['urn:xmpp:carbons:2', 'urn:xmpp:blocking', 'urn:xmpp:ping']),
      account: new Set(['urn:xmpp:mam:2', 'urn:xmpp:push:0']),
      accountIdentities: [{ category: 'pubsub', type: 'pep' }],
      services: [
        { jid: 'upload.example.test', features: new Set(['urn:xmpp:http:upload:0']), identities: [{ category: 'store', type: 'file' }], forms: { 'urn:xmpp:http:upload:0': { 'max-file-size': ['104857600'] } } },
        { jid: 'conference.example.test', features: new Set(['http://jabber.org/protocol/muc']), identities: [{ category: 'conference', type: 'text' }], forms: {} },
      ],
      link,
    };
    const byId = Object.fromEntries(describeServer(found).map((feature) => [feature.id, feature]));
    for (const id of ['carbons', 'mam', 'push', 'pep', 'blocking', 'ping', 'upload', 'muc', 'stream-management', 'csi', 'channel-binding']) expect(byId[id]?.supported, id).toBe(true);
    for (const id of ['roster-versioning', 'sasl2', 'fast', 'invisibility', 'vcard4']) expect(byId[id]?.supported, id).toBe(false);
    expect(byId['upload']?.detail).toBe('upload.example.test, up to 100 MB per file');
    expect(byId['muc']?.detail).toBe('conference.example.test');
    expect(byId['channel-binding']?.detail).toBe('tls-exporter, tls-server-end-point');
    expect(toServerLink(link)).toMatchObject({ tlsVersion: 'TLSv1.3', mechanism: 'SCRAM-SHA-256-PLUS', authentication: 'sasl' });
  });
});
