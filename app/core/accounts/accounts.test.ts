import { describe, expect, it } from 'vitest';
import { createMemoryAccountStore, type AccountSettings, type AccountStore } from '../../store/account-store.ts';
import { AccountRegistry, applyChange } from './accounts.ts';

const alice: AccountSettings = { jid: 'alice@example.test', host: 'xmpp.example.test', port: 5222, enabled: true };

describe('applyChange', () => {
  it('keeps what is absent, clears what is null', () => {
    expect(applyChange(alice, {})).toEqual(alice);
    expect(applyChange(alice, { host: null, enabled: false })).toEqual({ jid: alice.jid, port: 5222, enabled: false });
    expect(applyChange(alice, { port: null, host: 'other.example.test' })).toEqual({ jid: alice.jid, host: 'other.example.test', enabled: true });
  });
});

describe('AccountRegistry', () => {
  it('loads valid, distinct accounts only', async () => {
    const logs: string[] = [];
    const store = createMemoryAccountStore([alice, { ...alice, enabled: false }, { jid: 'not a jid', enabled: true }]);
    const registry = new AccountRegistry(store, (message) => logs.push(message));
    await registry.load();
    expect(registry.list()).toEqual([alice]);
    expect(logs).toHaveLength(1);
  });

  it('writes every change through, in order', async () => {
    const store = createMemoryAccountStore();
    const registry = new AccountRegistry(store, () => {});
    await registry.load();
    await registry.put(alice);
    await registry.put({ jid: 'carol@example.test', enabled: true });
    await registry.update('alice@example.test', { enabled: false });
    expect(await registry.update('nobody@example.test', { enabled: false })).toBeUndefined();
    expect((await store.load()).map((a) => [a.jid, a.enabled])).toEqual([['alice@example.test', false], ['carol@example.test', true]]);
    await registry.remove('alice@example.test');
    expect((await store.load()).map((a) => a.jid)).toEqual(['carol@example.test']);
  });

  it('keeps working when the store cannot be read or written, and says so', async () => {
    const logs: string[] = [];
    const broken: AccountStore = {
      load: () => Promise.reject(new Error('disk on fire')),
      save: () => Promise.reject(new Error('disk full')),
    };
    const registry = new AccountRegistry(broken, (message) => logs.push(message));
    await registry.load();
    await registry.put(alice);
    expect(registry.list()).toEqual([alice]);
    expect(logs).toEqual(['Could not load the accounts: disk on fire', 'Could not save the accounts: disk full']);
  });
});
