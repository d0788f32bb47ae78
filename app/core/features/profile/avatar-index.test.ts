import { describe, expect, it } from 'vitest';
import { createFileAvatarIndex, parseAvatarIndex } from './avatar-index.ts';

const HASH = 'a'.repeat(40);

describe('avatar index', () => {
  it('keeps only entries it can trust', () => {
    const text = JSON.stringify({
      format: 1,
      avatars: {
        'bob@example.test': { hash: HASH, source: 'pep' },
        'carol@example.test': { hash: '../../etc/passwd', source: 'pep' },
        'dave@example.test/phone': { hash: HASH, source: 'vcard' },
        'erin@example.test': { hash: HASH, source: 'http' },
      },
    });
    expect([...parseAvatarIndex(text)]).toEqual([['bob@example.test', { hash: HASH, source: 'pep' }]]);
    expect(parseAvatarIndex('not json').size).toBe(0);
    expect(parseAvatarIndex(JSON.stringify({ format: 2, avatars: {} })).size).toBe(0);
  });

  it('writes once a moment after a burst of changes, and forgets at once', async () => {
    const writes: Array<string | null> = [];
    const index = createFileAvatarIndex({ read: async () => null, write: async (text) => void writes.push(text) });
    const known = new Map([['bob@example.test', { hash: HASH, source: 'pep' as const }]]);
    for (let i = 0; i < 100; i += 1) index.save(known);
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(writes).toHaveLength(1);
    expect(parseAvatarIndex(writes[0]!).get('bob@example.test')).toEqual({ hash: HASH, source: 'pep' });
    index.save(null);
    expect(writes).toEqual([writes[0], null]);
  });
});
