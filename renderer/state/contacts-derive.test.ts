import { describe, expect, it } from 'vitest';
import type { Contact } from '../../app/shared/contract.ts';
import { createContactGrouper, filterRequests, groupContacts, isAwaitingAnswer, isBlocked } from './contacts-derive.ts';
import { applySubscriptionRequests, toggleGroup } from './contacts-reducers.ts';
import { initialState, type JabberState } from './model.ts';
import { applyConnectionState, applySnapshot } from './reducers.ts';
import { contact, summary } from './test-data.ts';

const inGroups = (base: Contact, ...groups: string[]): Contact => ({ ...base, groups });

describe('groupContacts', () => {
  const contacts = [
    inGroups(contact('zoe@x.org', 'Zoe', 'online'), 'Sales'),
    inGroups(contact('ann@x.org', 'Ann', 'offline'), 'Sales', 'Berlin'),
    inGroups(contact('bob@x.org', 'Bob', 'away'), 'Sales'),
    contact('carl@x.org', 'Carl', 'offline'),
    contact('dora@x.org', 'Dóra', 'dnd'),
  ];

  it('lists groups by name with "Ungrouped" last, each sorted by presence then name, with online/total counts', () => {
    expect(groupContacts(contacts, '')).toEqual([
      { group: 'Berlin', jids: ['ann@x.org'], online: 0, total: 1 },
      { group: 'Sales', jids: ['zoe@x.org', 'bob@x.org', 'ann@x.org'], online: 2, total: 3 },
      { group: null, jids: ['dora@x.org', 'carl@x.org'], online: 1, total: 2 },
    ]);
  });

  it('filters by name (ignoring case and accents) or JID, keeping the whole group counts', () => {
    expect(groupContacts(contacts, ' DORA ')).toEqual([{ group: null, jids: ['dora@x.org'], online: 1, total: 2 }]);
    expect(groupContacts(contacts, 'bob@x')).toEqual([{ group: 'Sales', jids: ['bob@x.org'], online: 2, total: 3 }]);
    expect(groupContacts(contacts, 'nobody')).toEqual([]);
  });

  it('filters 5,000 contacts quickly', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => inGroups(contact(`user${i}@x.org`, `User ${i}`, i % 3 === 0 ? 'online' : 'offline'), `Dept ${i % 40}`));
    const started = performance.now();
    const found = groupContacts(many, 'user 4999');
    expect(performance.now() - started).toBeLessThan(200);
    expect(found).toEqual([{ group: 'Dept 39', jids: ['user4999@x.org'], online: 42, total: 125 }]);
  });

  it('filters requests by nickname or JID', () => {
    const requests = [{ jid: 'eve@x.org', nickname: 'Évelyne', status: '', receivedAt: 1 }, { jid: 'fred@x.org', nickname: '', status: '', receivedAt: 2 }];
    expect(filterRequests(requests, 'evel').map((request) => request.jid)).toEqual(['eve@x.org']);
    expect(filterRequests(requests, 'fred').map((request) => request.jid)).toEqual(['fred@x.org']);
  });
});

describe('createContactGrouper', () => {
  const record = (contacts: readonly Contact[]): Record<string, Contact> => Object.fromEntries(contacts.map((one) => [one.jid, one]));
  const withShow = (base: Contact, show: Contact['presence']['show']): Contact => ({ ...base, presence: { ...base.presence, show } });

  it('orders numbers in names by value, and re-sorts by presence when only presence changes', () => {
    const group = createContactGrouper();
    const [nine, ten, two] = [contact('u9@x.org', 'User 9', 'offline'), contact('u10@x.org', 'User 10', 'offline'), contact('u2@x.org', 'user 2', 'offline')];
    expect(group(record([ten, nine, two]), '')[0]!.jids).toEqual(['u2@x.org', 'u9@x.org', 'u10@x.org']);
    const [view] = group(record([withShow(ten, 'away'), nine, two]), '');
    expect(view).toEqual({ group: null, jids: ['u10@x.org', 'u2@x.org', 'u9@x.org'], online: 1, total: 3 });
    // A rename re-sorts by name.
    expect(group(record([withShow(ten, 'away'), { ...nine, name: 'Aaron' }, two]), '')[0]!.jids).toEqual(['u10@x.org', 'u9@x.org', 'u2@x.org']);
  });

  it('keeps the view of a group nothing changed in, so its rows need no new render', () => {
    const group = createContactGrouper();
    const ann = inGroups(contact('ann@x.org', 'Ann', 'offline'), 'Sales');
    const bob = inGroups(contact('bob@x.org', 'Bob', 'offline'), 'Legal');
    const first = group(record([ann, bob]), '');
    const second = group(record([ann, withShow(bob, 'online')]), '');
    expect(second[1]).toBe(first[1]);
    expect(second[0]).toEqual({ group: 'Legal', jids: ['bob@x.org'], online: 1, total: 1 });
    expect(group(record([ann, withShow(bob, 'online')]), '')).toEqual(second);
  });

  it('applies a presence change to 5,000 contacts without sorting them again', () => {
    const group = createContactGrouper();
    const many = Array.from({ length: 5_000 }, (_, i) => inGroups(contact(`user${i}@x.org`, `User ${i}`, 'offline'), `Dept ${i % 40}`));
    let roster = record(many);
    group(roster, '');
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) {
      roster = { ...roster, [`user${i}@x.org`]: withShow(many[i]!, 'online') };
      group(roster, '');
    }
    const views = group(roster, '');
    expect((performance.now() - started) / 20).toBeLessThan(25);
    expect(views.find((view) => view.group === 'Dept 0')).toMatchObject({ online: 1, total: 125 });
    expect(views.find((view) => view.group === 'Dept 0')!.jids.slice(0, 2)).toEqual(['user0@x.org', 'user40@x.org']);
  });
});

describe('contacts slice transitions', () => {
  const request = { jid: 'eve@x.org', nickname: 'Eve', status: 'Hi', receivedAt: 1 };

  it('keeps requests per account, from events and snapshots, and drops them when the account disconnects', () => {
    let state: JabberState = { ...initialState, accounts: [summary('me@x.org')] };
    state = applySubscriptionRequests(state, { account: 'me@x.org', requests: [request] });
    expect(state.subscriptionRequests).toEqual({ 'me@x.org': [request] });
    state = applyConnectionState(state, { account: 'me@x.org', connection: { status: 'disconnected' } });
    expect(state.subscriptionRequests).toEqual({});
    state = applySnapshot(state, { accounts: [{ ...summary('me@x.org'), contacts: [], messages: [], subscriptionRequests: [request] }], trustedAuthorities: [] });
    expect(state.subscriptionRequests).toEqual({ 'me@x.org': [request] });
    state = applySubscriptionRequests(state, { account: 'me@x.org', requests: [] });
    expect(state.subscriptionRequests).toEqual({});
  });

  it('folds and unfolds a group of one account only', () => {
    const folded = toggleGroup(initialState, 'me@x.org', 'Sales');
    expect(folded.collapsedGroups).toEqual({ 'me@x.org\nSales': true });
    expect(toggleGroup(folded, 'me@x.org', 'Sales').collapsedGroups).toEqual({});
  });
});

describe('per-contact lookups', () => {
  it('tells whether a contact awaits our answer or is blocked', () => {
    const state = { ...initialState, subscriptionRequests: { 'me@x.org': [{ jid: 'eve@x.org', nickname: '', status: '', receivedAt: 1 }] }, blocked: { 'me@x.org': ['spam@x.org'] } };
    expect(isAwaitingAnswer(state, 'me@x.org', 'eve@x.org')).toBe(true);
    expect(isAwaitingAnswer(state, 'me@x.org', 'bob@x.org')).toBe(false);
    expect(isAwaitingAnswer(state, 'other@x.org', 'eve@x.org')).toBe(false);
    expect(isBlocked(state, 'me@x.org', 'spam@x.org')).toBe(true);
    expect(isBlocked(state, 'me@x.org', 'eve@x.org')).toBe(false);
  });
});
