/** The policy as the service applies it, without a server: stored accounts, saved passwords, refused commands. */
import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyState } from '../../shared/policy.ts';
import { createMemoryAccountStore } from '../../store/account-store.ts';
import { createMemorySecretStore } from '../../store/secret-store.ts';
import { createJabberService } from '../service.ts';
import type { JabberService } from '../service-types.ts';

const services: JabberService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.dispose();
});

const policy: PolicyState = {
  state: 'active',
  source: '/etc/jabber-desk/policy.json',
  policy: { domain: 'example.test', server: 'xmpp.example.test', port: 5222, otherAccounts: false, savePasswords: false, fileUpload: false },
};

describe('the service under a policy', () => {
  it('forgets passwords saved before the policy, does not connect other domains, and shows the policy in the snapshot', async () => {
    const secretStore = createMemorySecretStore();
    await secretStore.set('alice@example.test', 'pw');
    await secretStore.set('mallory@elsewhere.test', 'pw');
    const accountStore = createMemoryAccountStore([
      { jid: 'alice@example.test', enabled: false },
      { jid: 'mallory@elsewhere.test', enabled: false },
    ]);
    const service = createJabberService({ autoConnect: false, policy }, { accountStore, secretStore, log: () => {} });
    services.push(service);
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.policy).toEqual(policy);
    expect(snapshot.ok && snapshot.value.accounts.map((account) => account.passwordSaved)).toEqual([false, false]);
    expect(await secretStore.get('alice@example.test')).toBeUndefined();
    expect(await service.setAccountEnabled({ account: 'mallory@elsewhere.test', enabled: true })).toMatchObject({ ok: false, error: { code: 'policy-locked' } });
    expect(await service.signIn({ account: 'alice@example.test', password: 'pw', rememberPassword: true })).toMatchObject({ ok: false, error: { code: 'policy-locked' } });
    expect(await service.updateAccount({ account: 'alice@example.test', port: 5223 })).toMatchObject({ ok: false, error: { code: 'policy-locked' } });
    expect(await service.addAccount({ jid: 'eve@elsewhere.test', password: 'pw' })).toMatchObject({ ok: false, error: { code: 'policy-locked' } });
  });

  it('refuses to sign in while the policy file is invalid, and says why', async () => {
    const invalid: PolicyState = { state: 'invalid', source: '/etc/jabber-desk/policy.json', message: 'The policy file of your organisation (/etc/jabber-desk/policy.json) cannot be used: port: must be from 1 to 65535.' };
    const service = createJabberService({ autoConnect: false, policy: invalid }, { log: () => {} });
    services.push(service);
    expect(await service.addAccount({ jid: 'alice@example.test', password: 'pw' })).toEqual({ ok: false, error: { code: 'policy-invalid', message: invalid.message } });
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.policy).toEqual(invalid);
  });

  it('adds nothing to the snapshot without a policy', async () => {
    const service = createJabberService({ autoConnect: false }, { log: () => {} });
    services.push(service);
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && 'policy' in snapshot.value).toBe(false);
  });
});
