/**
 * Roster fetch, roster pushes and roster changes (RFC 6121 §2), with roster versioning (XEP-0237,
 * RFC 6121 §2.6) where the server offers it: a roster kept from an earlier session is asked for by its
 * version, and the server answers with nothing (it is current) or the changes as pushes.
 * Pushes are accepted only from our server speaking for the account (no `from`, or our bare JID
 * exactly): one from another device of ours or from anyone else changes nothing and is answered
 * `service-unavailable` (RFC 6121 §2.1.6 says to ignore it; the error tells a confused sender without
 * saying whether we hold a roster).
 */
import { xml } from '@xmpp/xml';
import type { Contact, Jid } from '../../../shared/contract.ts';
import type { ContactBook } from './contact-book.ts';
import { isFromOwnAccount, stanzaError, type IqRouter } from '../../session/iq.ts';
import { NS } from '../../xml/namespaces.ts';
import { parseRosterQuery } from '../../xml/roster.ts';
import { createMemoryRosterCache, type RosterCache } from './roster-cache.ts';

export { createMemoryRosterCache, type CachedRoster, type RosterCache } from './roster-cache.ts';

export interface RosterEvents {
  roster(contacts: readonly Contact[]): void;
  contact(contact: Contact): void;
  removed(jid: Jid): void;
}

/** What a roster set changes of one item: its name and groups (or its removal). */
export interface RosterItemChange {
  readonly jid: Jid;
  readonly name: string;
  readonly groups: readonly string[];
}

export interface Roster {
  /** Fetches the roster; with `versioning` (the server offers it), only what changed since the cached version. */
  fetch(timeoutMs: number, versioning: boolean): Promise<void>;
  /** Adds or updates an item (the server pushes the result back to every resource, this one included). */
  set(item: RosterItemChange, timeoutMs: number): Promise<void>;
  remove(jid: Jid, timeoutMs: number): Promise<void>;
}

export function createRoster(deps: { iq: IqRouter; book: ContactBook; ownBareJid: Jid; events: RosterEvents; cache?: RosterCache }): Roster {
  const { iq, book, ownBareJid, events } = deps;
  const cache = deps.cache ?? createMemoryRosterCache();
  /** Whether the current stream's server versions the roster: only then is a pushed version worth keeping. */
  let versioned = false;

  iq.handle('set', NS.roster, 'query', ({ iq: stanza, from }) => {
    // RFC 6121 §2.1.6: a push from anyone but our server (our other devices included) is a spoofing attempt.
    if (!isFromOwnAccount(from, ownBareJid)) return stanzaError('cancel', 'service-unavailable');
    const query = parseRosterQuery(stanza);
    if (query === null || query.items.length !== 1) return stanzaError('modify', 'bad-request');
    const [item] = query.items;
    if (item === undefined) return stanzaError('modify', 'bad-request');
    const change = book.applyRosterItem(item);
    if (versioned && query.version !== null) cache.save({ version: query.version, items: book.items() });
    if (change !== null) {
      if ('removed' in change) events.removed(change.removed);
      else events.contact(change.updated);
    }
    return undefined;
  });

  return {
    async fetch(timeoutMs, versioning) {
      versioned = versioning;
      const cached = versioning ? await cache.load() : null;
      // The pushes that may follow an empty answer must land on the cached roster: load it first.
      if (cached !== null) book.replaceRoster(cached.items);
      // RFC 6121 §2.6.2: an empty version asks for the whole roster and a version for what follows.
      const query = xml('query', { xmlns: NS.roster, ...(versioning ? { ver: cached?.version ?? '' } : {}) });
      const reply = await iq.request('get', query, null, timeoutMs);
      const result = parseRosterQuery(reply);
      if (result === null && cached !== null) {
        // The cached roster is current; changes (if any) come as pushes, which have updated the book already.
        events.roster(book.list());
        return;
      }
      events.roster(book.replaceRoster(result?.items ?? []));
      cache.save(versioning && result?.version != null ? { version: result.version, items: book.items() } : null);
    },
    async set(item, timeoutMs) {
      const groups = item.groups.map((group) => xml('group', {}, group));
      const element = xml('item', { jid: item.jid, ...(item.name.length > 0 ? { name: item.name } : {}) }, ...groups);
      await iq.request('set', xml('query', { xmlns: NS.roster }, element), null, timeoutMs);
    },
    async remove(jid, timeoutMs) {
      await iq.request('set', xml('query', { xmlns: NS.roster }, xml('item', { jid, subscription: 'remove' })), null, timeoutMs);
    },
  };
}
