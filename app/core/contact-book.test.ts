import { describe, expect, it } from 'vitest';
import { ContactBook } from './contact-book.ts';
import { aggregatePresence } from './presence-aggregate.ts';
import type { ParsedPresence } from './parsers/presence.ts';
import type { RosterItem } from './parsers/roster.ts';

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
