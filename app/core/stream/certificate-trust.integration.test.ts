/**
 * Trusting a company server's certificate through the account layer, against the real Prosody with
 * its CA deliberately NOT trusted: only the certificate just refused can be trusted; the pin is
 * stored, used by a later service instance, listed, and can be removed again.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createMemoryAccountStore } from '../../store/account-store.ts';
import { createMemorySecretStore } from '../../store/secret-store.ts';
import { createMemorySettingsStore } from '../../store/settings-store.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';

const server = inject('testServer');
const { alice } = server.accounts;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

describe('trusting a certificate for an account', () => {
  it('pins only the refused certificate, keeps the pin, and forgets it on request', async () => {
    const stores = { accountStore: createMemoryAccountStore(), secretStore: createMemorySecretStore() };
    const make = (): JabberService => {
      const created = createJabberService({ connectTimeoutMs: 5_000, autoConnect: false }, stores);
      cleanups.push(() => created.dispose());
      return created;
    };
    const service = make();
    const request = { jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort };
    const refused = await service.addAccount(request);
    if (refused.ok || refused.error.certificate === undefined) throw new Error('expected an untrusted certificate');
    const { fingerprintSha256 } = refused.error.certificate;

    const otherFingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
    expect(await service.trustCertificate({ account: alice.jid, fingerprintSha256: otherFingerprint })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await service.trustCertificate({ account: alice.jid, fingerprintSha256 })).toMatchObject({ ok: true, value: { fingerprintSha256, issuer: expect.stringContaining('Jabber Test CA') } });
    expect((await service.addAccount(request)).ok).toBe(true);
    const listed = await service.listAccounts();
    expect(listed.ok && listed.value[0]?.trustedCertificates.map((c) => c.fingerprintSha256)).toEqual([fingerprintSha256]);
    await service.dispose();

    // The pin is stored: a new instance signs in with it.
    const later = make();
    expect((await later.signIn({ account: alice.jid })).ok).toBe(true);
    expect(await later.signOut({ account: alice.jid })).toEqual({ ok: true, value: null });
    expect(await later.removeTrustedCertificate({ account: alice.jid, fingerprintSha256 })).toEqual({ ok: true, value: null });
    const again = await later.signIn({ account: alice.jid });
    expect(again).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
  });

  it('trusts a company CA for every account once it is added, and no longer once removed', async () => {
    const settingsStore = createMemorySettingsStore();
    const service = createJabberService({ connectTimeoutMs: 5_000, autoConnect: false }, { accountStore: createMemoryAccountStore(), secretStore: createMemorySecretStore(), settingsStore });
    cleanups.push(() => service.dispose());
    expect(await service.addTrustedAuthority({ pem: 'not a certificate' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const added = await service.addTrustedAuthority({ pem: server.caCertPem });
    if (!added.ok) throw new Error(added.error.message);
    expect((await settingsStore.load()).trustedAuthorities).toHaveLength(1);
    expect((await service.addAccount({ jid: alice.jid, password: alice.password, host: server.host, port: server.c2sPort })).ok).toBe(true);
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.trustedAuthorities.map((a) => a.fingerprintSha256)).toEqual([added.value.fingerprintSha256]);
    await service.signOut({ account: alice.jid });
    expect(await service.removeTrustedAuthority({ fingerprintSha256: added.value.fingerprintSha256 })).toEqual({ ok: true, value: null });
    expect(await service.signIn({ account: alice.jid })).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
  });
});
