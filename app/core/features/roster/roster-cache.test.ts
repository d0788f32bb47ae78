import { describe, expect, it } from 'vitest';
import { createFileRosterCache, parseCachedRoster, type TextFile } from './roster-cache.ts';

const bob = { jid: 'bob@example.test', name: 'Bob', groups: ['Sales'], subscription: 'both', pendingOut: false } as const;

describe('roster cache', () => {
  it('reads back what it saved', async () => {
    let stored: string | null = null;
    const file: TextFile = { read: async () => stored, write: async (text) => void (stored = text) };
    const cache = createFileRosterCache(file);
    cache.save({ version: '7', items: [bob] });
    await Promise.resolve();
    expect(await cache.load()).toEqual({ version: '7', items: [bob] });
    cache.save(null);
    await Promise.resolve();
    expect(stored).toBeNull();
    expect(await cache.load()).toBeNull();
  });

  it('trusts nothing from a damaged or altered file', () => {
    const good = { format: 1, version: '7', items: [bob] };
    expect(parseCachedRoster(JSON.stringify(good))).toEqual({ version: '7', items: [bob] });
    expect(parseCachedRoster('{not json')).toBeNull();
    expect(parseCachedRoster(JSON.stringify({ ...good, format: 2 }))).toBeNull();
    expect(parseCachedRoster(JSON.stringify({ ...good, version: '' }))).toBeNull();
    expect(parseCachedRoster(JSON.stringify({ ...good, items: [{ ...bob, jid: 'Bob@Example.test' }] }))).toBeNull();
    expect(parseCachedRoster(JSON.stringify({ ...good, items: [{ ...bob, subscription: 'remove' }] }))).toBeNull();
    expect(parseCachedRoster(JSON.stringify({ ...good, items: [{ ...bob, groups: [1] }] }))).toBeNull();
  });

  it('a file that cannot be read costs only a full fetch', async () => {
    const logged: string[] = [];
    const cache = createFileRosterCache({ read: () => Promise.reject(new Error('EACCES')), write: () => Promise.reject(new Error('EROFS')) }, (message) => logged.push(message));
    expect(await cache.load()).toBeNull();
    cache.save({ version: '1', items: [] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(logged).toEqual(['Could not read the saved roster: EACCES', 'Could not save the roster: EROFS']);
  });
});
