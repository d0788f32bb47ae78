/** The Server features view's command against the project's real Prosody (and what its stream negotiated). */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createJabberService } from '../../service.ts';
import { freshUser } from '../../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

describe('server features', () => {
  it("lists what the account's server offers and how the link is secured", async () => {
    const user = await freshUser(server, 'features');
    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000 });
    cleanups.push(() => service.dispose());
    expect((await service.getServerFeatures({ account: user.jid })).ok).toBe(false); // not configured yet
    expect((await service.addAccount({ jid: user.jid, password: user.password, host: server.host, port: server.c2sPort })).ok).toBe(true);

    const result = await service.getServerFeatures({ account: user.jid });
    if (!result.ok) throw new Error(result.error.message);
    const { software, link, features } = result.value;
    // The test server does not load mod_version (XEP-0092): its software is not known, and that is no failure.
    expect(software).toBeNull();
    expect(link).toMatchObject({ directTls: false, authentication: 'sasl' });
    expect(link?.tlsVersion).toMatch(/^TLSv1\.[23]$/u);
    expect(link?.mechanism).toMatch(/^SCRAM-SHA-/u);
    expect(link?.mechanisms).toContain(link?.mechanism);
    const supported = new Set(features.filter((feature) => feature.supported).map((feature) => feature.id));
    // What e2e/server/prosody.ts loads: carbons, mam, smacks, blocklist, pep, ping, vcard4, the MUC component.
    for (const id of ['carbons', 'mam', 'stream-management', 'blocking', 'pep', 'ping', 'vcard4', 'muc']) expect(supported, id).toContain(id);
    expect(features.find((feature) => feature.id === 'muc')?.detail).toBe(`conference.${server.domain}`);
    // Not loaded there: reported missing, with what the user misses.
    expect(features.find((feature) => feature.id === 'invisibility')).toMatchObject({ supported: false, affects: 'The Invisible status.' });
  });
});
