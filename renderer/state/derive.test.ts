import { describe, expect, it } from 'vitest';
import { sortContacts } from './derive.ts';
import { contact } from './test-data.ts';

describe('sortContacts', () => {
  it('puts available contacts first (online, away, dnd, xa, offline), then sorts by name ignoring case', () => {
    const sorted = sortContacts([
      contact('z@x.org', 'zed', 'offline'),
      contact('a@x.org', 'Anna', 'offline'),
      contact('x@x.org', 'Xavier', 'xa'),
      contact('d@x.org', 'Dora', 'dnd'),
      contact('w@x.org', 'walter', 'away'),
      contact('b@x.org', 'bob', 'online'),
      contact('c@x.org', 'Alice', 'online'),
    ]);
    expect(sorted.map((c) => c.name)).toEqual(['Alice', 'bob', 'walter', 'Dora', 'Xavier', 'Anna', 'zed']);
  });
});
