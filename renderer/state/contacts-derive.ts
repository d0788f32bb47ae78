/**
 * The contact list as groups (the roster's groups, then "Ungrouped"), each sorted by presence then
 * name, with online/total counts; narrowed by the filter (name or JID, ignoring case and accents).
 */
import type { AccountId, Contact, Jid, SubscriptionRequest } from '../../app/shared/contract.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import type { JabberState } from './model.ts';
import { nameOrder } from './derive.ts';

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
  // Plain ASCII has no accents to strip: most names, and 5,000 of them are folded when a roster arrives.
  if (/^[\x20-\x7e]*$/u.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function matchesFilter(contact: Contact, foldedFilter: string): boolean {
  if (foldedFilter === '') return true;
  return foldForSearch(contact.name).includes(foldedFilter) || contact.jid.includes(foldedFilter);
}

const PRESENCE_RANK: Readonly<Record<Contact['presence']['show'], number>> = { online: 0, away: 1, dnd: 2, xa: 3, offline: 4 };
const RANKS = 5;

/**
 * A name's sort key: folded (no case, no accents) with runs of digits padded, so that plain string
 * comparison orders "Employee 9" before "Employee 10" as the collator would, five times faster
 * (a roster of 5,000 is sorted in one frame).
 */
function nameKey(folded: string): string {
  if (!/\d/u.test(folded)) return folded;
  return folded.replace(/\d+/gu, (digits) => digits.padStart(12, '0'));
}

interface Named {
  readonly jid: Jid;
  readonly folded: string;
  readonly key: string;
}

const byKeyThenJid = (a: Named, b: Named): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.jid < b.jid ? -1 : a.jid > b.jid ? 1 : 0);

const sameGroups = (a: readonly string[], b: readonly string[]): boolean => a === b || (a.length === b.length && a.every((group, i) => group === b[i]));

/** Whether only presence (or anything but names and groups) changed between two rosters. */
function sameNamesAndGroups(before: Readonly<Record<Jid, Contact>>, after: Readonly<Record<Jid, Contact>>, count: number): boolean {
  let seen = 0;
  for (const jid in after) {
    const old = before[jid];
    const now = after[jid]!;
    if (old === undefined || (old !== now && (old.name !== now.name || !sameGroups(old.groups, now.groups)))) return false;
    seen += 1;
  }
  return seen === count;
}

const sameJids = (a: readonly Jid[], b: readonly Jid[]): boolean => a.length === b.length && a.every((jid, i) => jid === b[i]);

const NO_GROUP: readonly null[] = [null];

/** Folded names and sort keys by name, shared by every list (names repeat across sessions and accounts). */
const nameCache = new Map<string, { folded: string; key: string }>();
const MAX_CACHED_NAMES = 50_000;

function namedKeys(name: string): { folded: string; key: string } {
  let cached = nameCache.get(name);
  if (cached === undefined) {
    if (nameCache.size >= MAX_CACHED_NAMES) nameCache.clear();
    const folded = foldForSearch(name);
    cached = { folded, key: nameKey(folded) };
    nameCache.set(name, cached);
  }
  return cached;
}

/**
 * Computes the sort keys of a roster's names ahead, e.g. in the task that received the roster, so
 * that the frame which shows it only has to sort.
 */
export function prepareNames(contacts: readonly Contact[]): void {
  for (const contact of contacts) namedKeys(contact.name);
}

/**
 * groupContacts with memory, for one account's list: the contacts stay sorted by name between calls, so
 * a presence change costs one pass over the roster (members are bucketed by presence, no sort, nothing
 * allocated per contact), and a group whose members, order and counts did not change keeps its view object.
 */
export function createContactGrouper(): (roster: Readonly<Record<Jid, Contact>>, filter: string) => ContactGroupView[] {
  let lastRoster: Readonly<Record<Jid, Contact>> | null = null;
  let lastFilter = '';
  // The groups are ordered by name in the interface's language: a language change orders them again.
  let lastLanguage = currentLanguage();
  let lastViews: ContactGroupView[] = [];
  // The roster's JIDs in name order, and their folded names (for the filter), index for index.
  let ordered: Jid[] = [];
  let folded: string[] = [];
  const views = new Map<string | null, ContactGroupView>();

  const reorder = (roster: Readonly<Record<Jid, Contact>>): void => {
    if (lastRoster !== null && sameNamesAndGroups(lastRoster, roster, ordered.length)) return;
    const named: Named[] = Object.values(roster).map((contact) => ({ jid: contact.jid, ...namedKeys(contact.name) }));
    named.sort(byKeyThenJid);
    ordered = named.map((entry) => entry.jid);
    folded = named.map((entry) => entry.folded);
  };

  return (roster, filter) => {
    const language = currentLanguage();
    if (roster === lastRoster && filter === lastFilter && language === lastLanguage) return lastViews;
    if (roster !== lastRoster) reorder(roster);
    lastRoster = roster;
    lastFilter = filter;
    lastLanguage = language;
    const byGroupName = nameOrder();
    const wanted = foldForSearch(filter.trim());
    const groups = new Map<string | null, { buckets: Jid[][]; online: number; total: number }>();
    for (let index = 0; index < ordered.length; index += 1) {
      const jid = ordered[index]!;
      const contact = roster[jid]!;
      const matches = wanted === '' || folded[index]!.includes(wanted) || jid.includes(wanted);
      const show = contact.presence.show;
      const memberships = contact.groups.length > 0 ? contact.groups : NO_GROUP;
      for (let g = 0; g < memberships.length; g += 1) {
        const group = memberships[g]!;
        let entry = groups.get(group);
        if (entry === undefined) {
          entry = { buckets: Array.from({ length: RANKS }, () => []), online: 0, total: 0 };
          groups.set(group, entry);
        }
        entry.total += 1;
        if (show !== 'offline') entry.online += 1;
        if (matches) entry.buckets[PRESENCE_RANK[show]]!.push(jid);
      }
    }
    lastViews = [...groups.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : byGroupName.compare(a, b)))
      .map(([group, { buckets, online, total }]) => {
        const jids = buckets.flat();
        const before = views.get(group);
        const view = before !== undefined && before.online === online && before.total === total && sameJids(before.jids, jids) ? before : { group, jids, online, total };
        views.set(group, view);
        return view;
      })
      .filter((view) => view.jids.length > 0);
    for (const group of views.keys()) if (!groups.has(group)) views.delete(group);
    return lastViews;
  };
}

/** Groups in name order, "Ungrouped" last; groups with no contact matching the filter are left out. */
export function groupContacts(contacts: Iterable<Contact>, filter: string): ContactGroupView[] {
  return createContactGrouper()(Object.fromEntries([...contacts].map((contact) => [contact.jid, contact])), filter);
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
  // A group chat room's messages are the room's, listed under Rooms.
  const rooms = new Set((state.rooms[account] ?? []).map((room) => room.jid));
  return Object.entries(state.messages[account] ?? {})
    .filter(([peer, messages]) => !Object.hasOwn(roster, peer) && !rooms.has(peer) && messages.length > 0 && peer.includes(folded))
    .sort(([, a], [, b]) => (b.at(-1)?.timestamp ?? 0) - (a.at(-1)?.timestamp ?? 0))
    .map(([peer]) => peer);
}

/** JID sets built once per list (lists are replaced, never changed): thousands of items ask at every store update. */
const requestSets = new WeakMap<readonly SubscriptionRequest[], ReadonlySet<Jid>>();
const blockedSets = new WeakMap<readonly Jid[], ReadonlySet<Jid>>();

export function isAwaitingAnswer(state: Pick<JabberState, 'subscriptionRequests'>, account: AccountId, jid: Jid): boolean {
  const requests = state.subscriptionRequests[account];
  if (requests === undefined) return false;
  let set = requestSets.get(requests);
  if (set === undefined) {
    set = new Set(requests.map((request) => request.jid));
    requestSets.set(requests, set);
  }
  return set.has(jid);
}

export function isBlocked(state: Pick<JabberState, 'blocked'>, account: AccountId, jid: Jid): boolean {
  const blocked = state.blocked[account];
  if (blocked === undefined) return false;
  let set = blockedSets.get(blocked);
  if (set === undefined) {
    set = new Set(blocked);
    blockedSets.set(blocked, set);
  }
  return set.has(jid);
}
