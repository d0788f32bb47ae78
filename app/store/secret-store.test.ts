import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from './secret-store.ts';

describe('memory secret store', () => {
  it('keeps one secret per account, replaces and forgets it', async () => {
    const store = createMemorySecretStore();
    expect(await store.get('alice@example.test')).toBeUndefined();
    await store.set('alice@example.test', 'one');
    await store.set('carol@example.test', 'two');
    await store.set('alice@example.test', 'three');
    expect(await store.get('alice@example.test')).toBe('three');
    await store.delete('alice@example.test');
    await store.delete('nobody@example.test'); // not an error
    expect(await store.get('alice@example.test')).toBeUndefined();
    expect(await store.get('carol@example.test')).toBe('two');
  });

  it('is separate per instance (nothing global)', async () => {
    const a = createMemorySecretStore();
    await a.set('alice@example.test', 'x');
    expect(await createMemorySecretStore().get('alice@example.test')).toBeUndefined();
  });
});
