import { describe, expect, it } from 'vitest';
import { ContactBook } from './contact-book.ts';
import { aggregatePresence } from '../presence/presence-aggregate.ts';
import { MAX_RESOURCES_PER_JID, MAX_UNLISTED_JIDS } from '../presence/presence-limits.ts';
import type { ParsedPresence } from '../../xml/presence.ts';
import type { RosterItem } from '../../xml/roster.ts';

const bob: RosterItem = { jid: 'bob@example.test', name: 'Bob', groups: [], subscription: 'both', pendingOut: false };
const available = (resource: string, show: ParsedPresence['show'], priority = 0, status = ''): ParsedPresence => ({
  type: 'available', from: `bob@example.test/${resource}`, bareFrom: 'bob@example.test', resource, show, status, priority, nickname: '',
});

describe('aggregatePresence', () => {
  it('is offline without resources', () => {
    expect(aggregatePresence([])).toEqual({ show: 'offline', status: '' });
  });
  it('prefers the highest priority, then the most available', () => {
    expect(aggregatePresence([
      { resource: 'a', show: 'online', status: 'a', priority: 0 },
      { resource: 'b', show: 'dnd', status: 'b', priority: 5 },
    ])).toEqual({ show: 'dnd', status: 'b' });
    expect(aggregatePresence([
      { resource: 'a', show: 'away', status: 'a', priority: 1 },
      { resource: 'b', show: 'online', status: 'b', priority: 1 },
    ])).toEqual({ show: 'online', status: 'b' });
  });
});

describe('ContactBook', () => {
  it('tracks presence per resource and aggregates it', () => {
    const book = new ContactBook();
    book.replaceRoster([bob]);
    book.applyPresence(available('laptop', 'online'));
    expect(book.applyPresence(available('phone', 'away', 0, 'On the road'))?.presence).toEqual({ show: 'online', status: '' });
    const afterLaptopLeaves = book.applyPresence({ ...available('laptop', 'offline'), type: 'unavailable' });
    expect(afterLaptopLeaves?.presence).toEqual({ show: 'away', status: 'On the road' });
    expect(afterLaptopLeaves?.resources.map((r) => r.resource)).toEqual(['phone']);
  });

  it('keeps presence that arrived before the roster', () => {
    const book = new ContactBook();
    expect(book.applyPresence(available('laptop', 'xa'))).toBeNull();
    expect(book.replaceRoster([bob])[0]?.presence.show).toBe('xa');
  });

  it('applies pushes: update, then remove', () => {
    const book = new ContactBook();
    book.replaceRoster([bob]);
    expect(book.applyRosterItem({ ...bob, name: 'Robert' })).toMatchObject({ updated: { name: 'Robert' } });
    expect(book.applyRosterItem({ ...bob, subscription: 'remove' })).toEqual({ removed: 'bob@example.test' });
    expect(book.list()).toEqual([]);
  });

  it('names a contact without a roster name by its local part', () => {
    const book = new ContactBook();
    expect(book.replaceRoster([{ ...bob, name: '' }])[0]?.name).toBe('bob');
  });

  it('sets everyone offline when our connection ends', () => {
    const book = new ContactBook();
    book.replaceRoster([bob]);
    book.applyPresence(available('laptop', 'online'));
    book.clearPresence();
    expect(book.get('bob@example.test')?.presence.show).toBe('offline');
  });
});

describe('ContactBook subscription changes', () => {
  it('takes a contact offline when our subscription to their presence ends', () => {
    const book = new ContactBook();
    book.replaceRoster([bob]);
    book.applyPresence({ type: 'available', from: 'bob@example.test/desk', bareFrom: 'bob@example.test', resource: 'desk', show: 'online', status: '', priority: 0, nickname: '' });
    expect(book.applyRosterItem({ ...bob, name: 'Robert' })).toMatchObject({ updated: { presence: { show: 'online' } } });
    expect(book.applyRosterItem({ ...bob, subscription: 'from' })).toMatchObject({ updated: { presence: { show: 'offline' }, resources: [] } });
  });
});

describe('ContactBook bounds', () => {
  const from = (bare: string, resource: string, show: ParsedPresence['show'] = 'online', priority = 0): ParsedPresence => ({
    type: 'available', from: `${bare}/${resource}`, bareFrom: bare, resource, show, status: resource, priority, nickname: '',
  });

  it(`keeps ${MAX_RESOURCES_PER_JID} resources per JID: a new one past the cap replaces the one updated least recently`, () => {
    const book = new ContactBook();
    book.replaceRoster([bob]);
    for (let i = 0; i < MAX_RESOURCES_PER_JID; i++) book.applyPresence(from(bob.jid, `r${i}`));
    // r0 speaks again: r1 is now the stalest.
    book.applyPresence(from(bob.jid, 'r0', 'away'));
    const contact = book.applyPresence(from(bob.jid, 'new', 'dnd'));
    const names = contact?.resources.map((r) => r.resource) ?? [];
    expect(names).toHaveLength(MAX_RESOURCES_PER_JID);
    expect(names).not.toContain('r1');
    expect(names.slice(-2)).toEqual(['r0', 'new']);
    expect(names).toContain('r2');
  });

  it(`keeps the presence of ${MAX_UNLISTED_JIDS} JIDs outside the roster: past that, the one heard from least recently is forgotten`, () => {
    const book = new ContactBook();
    const stranger = (i: number): string => `s${i}@example.org`;
    for (let i = 0; i < MAX_UNLISTED_JIDS; i++) book.applyPresence(from(stranger(i), 'x'));
    // s0 is heard from again, so s1 is the oldest when s-new arrives.
    book.applyPresence(from(stranger(0), 'y'));
    book.applyPresence(from('new@example.org', 'x'));
    const listed = (jid: string) => ({ jid, name: '', groups: [], subscription: 'both' as const, pendingOut: false });
    const contacts = book.replaceRoster([stranger(0), stranger(1), stranger(2), 'new@example.org'].map(listed));
    expect(contacts.map((c) => [c.jid, c.presence.show])).toEqual([
      [stranger(0), 'online'], [stranger(1), 'offline'], [stranger(2), 'online'], ['new@example.org', 'online'],
    ]);
  });

  it('a roster contact is never evicted by strangers, and a flood of one contact\'s resources costs one bounded copy per update', () => {
    const book = new ContactBook();
    book.replaceRoster([bob]);
    book.applyPresence(from(bob.jid, 'desk', 'online', 5));
    for (let i = 0; i < MAX_UNLISTED_JIDS * 2; i++) book.applyPresence(from(`s${i}@example.org`, 'x'));
    expect(book.get(bob.jid)?.presence.show).toBe('online');
    let largest = 0;
    for (let i = 0; i < 10_000; i++) largest = Math.max(largest, book.applyPresence(from(bob.jid, `flood${i}`, 'away'))?.resources.length ?? 0);
    expect(largest).toBe(MAX_RESOURCES_PER_JID);
    // The flood pushed out the desk too (least recently updated): the contact shows what is left.
    expect(book.get(bob.jid)?.presence.show).toBe('away');
  });
});
