/** `jabber:iq:roster` items (RFC 6121 §2) into plain data. */
import type { Element } from '@xmpp/xml';
import type { Jid, Subscription } from '../../shared/contract.ts';
import { toBareJid } from '../../shared/jid.ts';
import { NS } from './namespaces.ts';

export interface RosterItem {
  readonly jid: Jid;
  /** Empty when the roster item carries no name. */
  readonly name: string;
  readonly groups: readonly string[];
  readonly subscription: Subscription | 'remove';
  readonly pendingOut: boolean;
}

const SUBSCRIPTIONS = new Set(['none', 'to', 'from', 'both', 'remove']);

/** Returns null for an item that is not usable (no or invalid JID). */
export function parseRosterItem(item: Element): RosterItem | null {
  const jid = toBareJid(item.attrs.jid ?? '');
  if (jid === null) return null;
  const subscription = item.attrs.subscription ?? 'none';
  const groups = [...new Set(item.getChildren('group').map((group) => group.text().trim()).filter((name) => name.length > 0))];
  return {
    jid,
    name: (item.attrs.name ?? '').trim(),
    groups,
    subscription: SUBSCRIPTIONS.has(subscription) ? (subscription as RosterItem['subscription']) : 'none',
    pendingOut: item.attrs.ask === 'subscribe',
  };
}

/** The items of a roster result or push; `null` when the element holds no roster query. */
export function parseRosterQuery(iq: Element): { readonly items: readonly RosterItem[]; readonly version: string | null } | null {
  const query = iq.getChild('query', NS.roster);
  if (query === undefined) return null;
  const items: RosterItem[] = [];
  for (const element of query.getChildren('item')) {
    const item = parseRosterItem(element);
    if (item !== null) items.push(item);
  }
  return { items, version: query.attrs.ver ?? null };
}
