import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../store/secret-store.ts';
import { createFastTokenStore } from './fast-token-store.ts';

describe('FAST token store', () => {
  it('keeps one stable user-agent id and the latest token per account, beside the password', async () => {
    const secrets = createMemorySecretStore();
    await secrets.set('alice@example.test', 'password');
    const store = createFastTokenStore(secrets, 'alice@example.test');
    const id = await store.userAgentId();
    expect(await store.userAgentId()).toBe(id);
    expect(await store.load()).toBeNull();
    const token = { mechanism: 'HT-SHA-256-EXPR', token: 'secret-token', expiry: new Date(Date.now() + 3_600_000).toISOString() };
    await store.save(token);
    expect(await createFastTokenStore(secrets, 'alice@example.test').load()).toEqual(token);
    expect(await createFastTokenStore(secrets, 'carol@example.test').load()).toBeNull();
    await store.forget();
    expect(await store.load()).toBeNull();
    expect(await secrets.get('alice@example.test')).toBe('password');
  });

  it('ignores an expired or unreadable token', async () => {
    const secrets = createMemorySecretStore();
    const store = createFastTokenStore(secrets, 'alice@example.test');
    await store.save({ mechanism: 'HT-SHA-256-NONE', token: 't', expiry: '2000-01-01T00:00:00Z' });
    expect(await store.load()).toBeNull();
    await secrets.set('fast-token:alice@example.test', '{not json');
    expect(await store.load()).toBeNull();
  });
});
