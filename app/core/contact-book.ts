/** The roster plus live presence, per bare JID: the state behind the contact list. */
import type { Contact, Jid, ResourcePresence } from '../shared/contract.ts';
import { aggregatePresence } from './presence-aggregate.ts';
import type { ParsedPresence } from './parsers/presence.ts';
import type { RosterItem } from './parsers/roster.ts';

type Entry = { item: RosterItem; resources: ResourcePresence[] };

function displayName(item: RosterItem): string {
  if (item.name.length > 0) return item.name;
  const at = item.jid.indexOf('@');
  return at > 0 ? item.jid.slice(0, at) : item.jid;
}

const seesPresence = (item: RosterItem): boolean => item.subscription === 'to' || item.subscription === 'both';

export class ContactBook {
  readonly #entries = new Map<Jid, Entry>();
  /** Presence can arrive before the roster; keep it so the contact shows correctly once listed. */
  readonly #unlistedPresence = new Map<Jid, ResourcePresence[]>();

  #toContact(entry: Entry): Contact {
    const { item, resources } = entry;
    return {
      jid: item.jid,
      name: displayName(item),
      groups: item.groups,
      subscription: item.subscription === 'remove' ? 'none' : item.subscription,
      pendingOut: item.pendingOut,
      presence: aggregatePresence(resources),
      resources: [...resources],
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
      const resources = previous.get(item.jid)?.resources ?? this.#unlistedPresence.get(item.jid) ?? [];
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
    const resources = lostPresence ? [] : (previous?.resources ?? this.#unlistedPresence.get(item.jid) ?? []);
    this.#unlistedPresence.delete(item.jid);
    const entry = { item, resources };
    this.#entries.set(item.jid, entry);
    return { updated: this.#toContact(entry) };
  }

  /** Applies an available/unavailable/error presence; returns the contact when it changed. */
  applyPresence(presence: ParsedPresence): Contact | null {
    const entry = this.#entries.get(presence.bareFrom);
    const resources = entry?.resources ?? this.#unlistedPresence.get(presence.bareFrom) ?? [];
    let next: ResourcePresence[];
    if (presence.type === 'available') {
      const updated: ResourcePresence = {
        resource: presence.resource, show: presence.show, status: presence.status, priority: presence.priority,
        ...(presence.idleSince !== undefined ? { idleSince: presence.idleSince } : {}),
      };
      // Re-append so that the latest presence is last (the tie-breaker in aggregation).
      next = [...resources.filter((r) => r.resource !== presence.resource), updated];
    } else if (presence.type === 'unavailable') {
      // Unavailable from the bare JID means every resource is gone.
      next = presence.resource === '' ? [] : resources.filter((r) => r.resource !== presence.resource);
    } else if (presence.type === 'error') {
      next = [];
    } else {
      return null;
    }
    if (entry === undefined) {
      if (next.length === 0) this.#unlistedPresence.delete(presence.bareFrom);
      else this.#unlistedPresence.set(presence.bareFrom, next);
      return null;
    }
    entry.resources = next;
    return this.#toContact(entry);
  }

  /** One contact goes offline (we blocked them: their presence no longer reaches us). */
  clearPresenceOf(jid: Jid): Contact | null {
    this.#unlistedPresence.delete(jid);
    const entry = this.#entries.get(jid);
    if (entry === undefined || entry.resources.length === 0) return null;
    entry.resources = [];
    return this.#toContact(entry);
  }

  /** Everyone goes offline (our own connection ended). */
  clearPresence(): void {
    for (const entry of this.#entries.values()) entry.resources = [];
    this.#unlistedPresence.clear();
  }
}
