/**
 * The roster plus live presence, per bare JID: the state behind the contact list. Presence of JIDs
 * outside the roster and resources per JID are bounded (presence-limits.ts); an update costs O(1)
 * plus one copy of that contact's resources (at most MAX_RESOURCES_PER_JID) for the event.
 */
import type { Contact, Jid, ResourcePresence } from '../../../shared/contract.ts';
import { aggregatePresence } from '../presence/presence-aggregate.ts';
import { MAX_RESOURCES_PER_JID, MAX_UNLISTED_JIDS } from '../presence/presence-limits.ts';
import type { ParsedPresence } from '../../xml/presence.ts';
import type { RosterItem } from '../../xml/roster.ts';
import { RecentMap } from '../../recent-map.ts';

/** A JID's resources, least recently updated first (the last one is the tie-breaker in aggregation). */
type Resources = RecentMap<string, ResourcePresence>;
type Entry = { item: RosterItem; resources: Resources };

const noResources = (): Resources => new RecentMap(MAX_RESOURCES_PER_JID);

function displayName(item: RosterItem): string {
  if (item.name.length > 0) return item.name;
  const at = item.jid.indexOf('@');
  return at > 0 ? item.jid.slice(0, at) : item.jid;
}

const seesPresence = (item: RosterItem): boolean => item.subscription === 'to' || item.subscription === 'both';

export class ContactBook {
  readonly #entries = new Map<Jid, Entry>();
  /** Presence can arrive before the roster; keep it so the contact shows correctly once listed. Bounded: anyone can send it. */
  readonly #unlistedPresence = new RecentMap<Jid, Resources>(MAX_UNLISTED_JIDS);

  #toContact(entry: Entry): Contact {
    const { item, resources } = entry;
    return {
      jid: item.jid,
      name: displayName(item),
      groups: item.groups,
      subscription: item.subscription === 'remove' ? 'none' : item.subscription,
      pendingOut: item.pendingOut,
      presence: aggregatePresence(resources.values()),
      resources: [...resources.values()],
    };
  }

  list(): Contact[] {
    return [...this.#entries.values()].map((entry) => this.#toContact(entry));
  }

  get(jid: Jid): Contact | null {
    const entry = this.#entries.get(jid);
    return entry === undefined ? null : this.#toContact(entry);
  }

  /** The roster items as the server last described them (for the roster cache). */
  items(): RosterItem[] {
    return [...this.#entries.values()].map((entry) => entry.item);
  }

  /** The roster item of a contact, or null when the JID is not in the roster. */
  item(jid: Jid): RosterItem | null {
    return this.#entries.get(jid)?.item ?? null;
  }

  has(jid: Jid): boolean {
    return this.#entries.has(jid);
  }

  /** Replaces the whole roster (a roster result). Presence already known is kept. */
  replaceRoster(items: readonly RosterItem[]): Contact[] {
    const previous = this.#entries;
    const next = new Map<Jid, Entry>();
    for (const item of items) {
      if (item.subscription === 'remove') continue;
      const resources = previous.get(item.jid)?.resources ?? this.#unlistedPresence.get(item.jid) ?? noResources();
      next.set(item.jid, { item, resources });
      this.#unlistedPresence.delete(item.jid);
    }
    this.#entries.clear();
    for (const [jid, entry] of next) this.#entries.set(jid, entry);
    return this.list();
  }

  /** Applies one pushed item: returns the updated contact, or the JID that was removed. */
  applyRosterItem(item: RosterItem): { updated: Contact } | { removed: Jid } | null {
    if (item.subscription === 'remove') {
      return this.#entries.delete(item.jid) ? { removed: item.jid } : null;
    }
    const previous = this.#entries.get(item.jid);
    // Our subscription to their presence ended: no unavailable may follow (Prosody sends none), so they go offline here.
    const lostPresence = previous !== undefined && seesPresence(previous.item) && !seesPresence(item);
    const resources = lostPresence ? noResources() : (previous?.resources ?? this.#unlistedPresence.get(item.jid) ?? noResources());
    this.#unlistedPresence.delete(item.jid);
    const entry = { item, resources };
    this.#entries.set(item.jid, entry);
    return { updated: this.#toContact(entry) };
  }

  /** Applies an available/unavailable/error presence; returns the contact when it changed. */
  applyPresence(presence: ParsedPresence): Contact | null {
    if (presence.type !== 'available' && presence.type !== 'unavailable' && presence.type !== 'error') return null;
    const entry = this.#entries.get(presence.bareFrom);
    const resources = entry?.resources ?? this.#unlistedPresence.get(presence.bareFrom) ?? noResources();
    if (presence.type === 'available') {
      // Set again so that the latest presence is last (the tie-breaker in aggregation); past the cap the stalest resource goes.
      resources.set(presence.resource, {
        resource: presence.resource, show: presence.show, status: presence.status, priority: presence.priority,
        ...(presence.idleSince !== undefined ? { idleSince: presence.idleSince } : {}),
      });
    } else if (presence.type === 'unavailable' && presence.resource !== '') {
      resources.delete(presence.resource);
    } else {
      // Unavailable from the bare JID means every resource is gone; so does an error.
      resources.clear();
    }
    if (entry === undefined) {
      if (resources.size === 0) this.#unlistedPresence.delete(presence.bareFrom);
      // Heard from now: past the cap, the JID heard from least recently is forgotten.
      else this.#unlistedPresence.set(presence.bareFrom, resources);
      return null;
    }
    return this.#toContact(entry);
  }

  /** One contact goes offline (we blocked them: their presence no longer reaches us). */
  clearPresenceOf(jid: Jid): Contact | null {
    this.#unlistedPresence.delete(jid);
    const entry = this.#entries.get(jid);
    if (entry === undefined || entry.resources.size === 0) return null;
    entry.resources.clear();
    return this.#toContact(entry);
  }

  /** Everyone goes offline (our own connection ended). */
  clearPresence(): void {
    for (const entry of this.#entries.values()) entry.resources.clear();
    this.#unlistedPresence.clear();
  }
}
