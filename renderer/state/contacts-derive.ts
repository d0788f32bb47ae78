/**
 * The contact list as groups (the roster's groups, then "Ungrouped"), each sorted by presence then
 * name, with online/total counts; narrowed by the filter (name or JID, ignoring case and accents).
 */
import type { AccountId, Contact, Jid, SubscriptionRequest } from '../../app/shared/contract.ts';
import type { JabberState } from './model.ts';
import { compareContacts } from './derive.ts';

export const UNGROUPED = 'Ungrouped';

export interface ContactGroupView {
  /** The roster group's name; null for contacts in no group. */
  readonly group: string | null;
  /** The contacts to show, sorted (all of them, whatever the folding: the view decides what to draw). */
  readonly jids: readonly Jid[];
  /** Available (not offline) contacts of the whole group, and how many it has, filter or not. */
  readonly online: number;
  readonly total: number;
}

/** Lower-case without accents, so "jose" finds "José". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function matchesFilter(contact: Contact, foldedFilter: string): boolean {
  if (foldedFilter === '') return true;
  return foldForSearch(contact.name).includes(foldedFilter) || contact.jid.includes(foldedFilter);
}

const byGroupName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Groups in name order, "Ungrouped" last; groups with no contact matching the filter are left out. */
export function groupContacts(contacts: Iterable<Contact>, filter: string): ContactGroupView[] {
  const folded = foldForSearch(filter.trim());
  const groups = new Map<string | null, { members: Contact[]; online: number; total: number }>();
  for (const contact of contacts) {
    const matches = matchesFilter(contact, folded);
    for (const group of contact.groups.length > 0 ? contact.groups : [null]) {
      let entry = groups.get(group);
      if (entry === undefined) {
        entry = { members: [], online: 0, total: 0 };
        groups.set(group, entry);
      }
      entry.total += 1;
      if (contact.presence.show !== 'offline') entry.online += 1;
      if (matches) entry.members.push(contact);
    }
  }
  return [...groups.entries()]
    .filter(([, entry]) => entry.members.length > 0)
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : byGroupName.compare(a, b)))
    .map(([group, entry]) => ({ group, jids: entry.members.sort(compareContacts).map((contact) => contact.jid), online: entry.online, total: entry.total }));
}

/** Requests matching the filter (by nickname or JID). */
export function filterRequests(requests: readonly SubscriptionRequest[], filter: string): readonly SubscriptionRequest[] {
  const folded = foldForSearch(filter.trim());
  if (folded === '') return requests;
  return requests.filter((request) => request.jid.includes(folded) || foldForSearch(request.nickname).includes(folded));
}

/** People who wrote to the account without being in its roster, newest conversation first, narrowed by the filter. */
export function strangerJids(state: JabberState, account: AccountId): Jid[] {
  const roster = state.contacts[account] ?? {};
  const folded = foldForSearch(state.contactFilter.trim());
  return Object.entries(state.messages[account] ?? {})
    .filter(([peer, messages]) => !Object.hasOwn(roster, peer) && messages.length > 0 && peer.includes(folded))
    .sort(([, a], [, b]) => (b.at(-1)?.timestamp ?? 0) - (a.at(-1)?.timestamp ?? 0))
    .map(([peer]) => peer);
}

/** JID sets built once per list (lists are replaced, never changed): thousands of items ask at every store update. */
const requestSets = new WeakMap<readonly SubscriptionRequest[], ReadonlySet<Jid>>();
const blockedSets = new WeakMap<readonly Jid[], ReadonlySet<Jid>>();

export function isAwaitingAnswer(state: JabberState, account: AccountId, jid: Jid): boolean {
  const requests = state.subscriptionRequests[account];
  if (requests === undefined) return false;
  let set = requestSets.get(requests);
  if (set === undefined) {
    set = new Set(requests.map((request) => request.jid));
    requestSets.set(requests, set);
  }
  return set.has(jid);
}

export function isBlocked(state: JabberState, account: AccountId, jid: Jid): boolean {
  const blocked = state.blocked[account];
  if (blocked === undefined) return false;
  let set = blockedSets.get(blocked);
  if (set === undefined) {
    set = new Set(blocked);
    blockedSets.set(blocked, set);
  }
  return set.has(jid);
}
