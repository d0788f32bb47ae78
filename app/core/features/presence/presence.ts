/**
 * Our own presence (with capabilities) and contacts' presence (RFC 6121 §4). Our presence is what the
 * user chose, unless automatic away stands in for an "online" choice while they are idle: then "away" or
 * "extended away" with the XEP-0319 idle time, and the choice again when they come back. A choice of
 * away, extended away or do not disturb is never overridden.
 */
import { xml, type Element } from '@xmpp/xml';
import type { Contact, OwnPresenceShow, Presence } from '../../../shared/contract.ts';
import type { ContactBook } from '../roster/contact-book.ts';
import { capsElement } from '../disco/disco.ts';
import type { IdleState } from './idle-tracker.ts';
import { NS } from '../../xml/namespaces.ts';
import { parsePresence, type ParsedPresence } from '../../xml/presence.ts';
import type { StanzaObserver, StanzaRoutes } from '../../session/router.ts';

export const MAX_STATUS_LENGTH = 1024;

export interface PresenceEvents {
  contact(contact: Contact): void;
  own(presence: Presence): void;
}

export interface PresenceFeature extends StanzaRoutes {
  /** Every presence: contacts' availability, and subscription requests and answers. */
  readonly observers: readonly StanzaObserver[];
  receive(stanza: Element): void;
  /** The user's choice; it also ends automatic away until the next idle report says otherwise. */
  setOwn(show: OwnPresenceShow, status: string): Promise<void>;
  /** Automatic away starts (or deepens), or ends (null). */
  setIdle(idle: IdleState | null): Promise<void>;
  /** Sends our current presence again (a new stream). */
  resend(): Promise<void>;
  own(): Presence;
}

const SHOW_ELEMENT: Record<OwnPresenceShow, string | null> = { online: null, away: 'away', dnd: 'dnd', xa: 'xa' };

export function ownPresenceStanza(show: OwnPresenceShow, status: string, idleSince?: number): Element {
  const showName = SHOW_ELEMENT[show];
  return xml(
    'presence',
    {},
    showName === null ? undefined : xml('show', {}, showName),
    status.length > 0 ? xml('status', {}, status) : undefined,
    // XEP-0319: seconds are enough (and say less about the user).
    idleSince === undefined ? undefined : xml('idle', { xmlns: NS.idle, since: new Date(Math.floor(idleSince / 1000) * 1000).toISOString().replace('.000Z', 'Z') }),
    capsElement(),
  );
}

/** What goes out: the choice, or automatic away standing in for an "online" choice. */
export function effectivePresence(chosen: { show: OwnPresenceShow; status: string }, idle: IdleState | null): Presence & { show: OwnPresenceShow } {
  if (idle !== null && chosen.show === 'online') return { show: idle.level, status: chosen.status, idleSince: idle.since };
  return { show: chosen.show, status: chosen.status };
}

const SUBSCRIPTION_TYPES: ReadonlySet<string> = new Set(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

export function createPresence(deps: {
  send: (element: Element) => Promise<void>;
  book: ContactBook;
  events: PresenceEvents;
  /** Subscription requests and answers (RFC 6121 §3) go here. */
  subscription?: (presence: ParsedPresence) => void;
  /** Automatic away already in force when the session starts. */
  initialIdle?: IdleState | null;
}): PresenceFeature {
  const { send, book, events } = deps;
  let chosen: { show: OwnPresenceShow; status: string } = { show: 'online', status: '' };
  let idle: IdleState | null = deps.initialIdle ?? null;
  /** Nothing sent yet: we are offline to everyone. */
  let own: Presence = { show: 'offline', status: '' };

  async function publish(): Promise<void> {
    const next = effectivePresence(chosen, idle);
    await send(ownPresenceStanza(next.show, next.status, next.idleSince));
    own = next;
    events.own(own);
  }

  function receive(stanza: Element): void {
    const presence = parsePresence(stanza);
    if (presence === null) return;
    if (SUBSCRIPTION_TYPES.has(presence.type)) {
      deps.subscription?.(presence);
      return;
    }
    const changed = book.applyPresence(presence);
    if (changed !== null) events.contact(changed);
  }

  return {
    observers: [{ kind: 'presence', from: 'anyone', observe: receive }],
    receive,
    async setOwn(show, status) {
      chosen = { show, status: status.trim().slice(0, MAX_STATUS_LENGTH) };
      // Choosing is activity: automatic away waits for the next idle report.
      idle = null;
      await publish();
    },
    async setIdle(next) {
      const before = effectivePresence(chosen, idle);
      idle = next;
      const after = effectivePresence(chosen, idle);
      // Before the first presence, or for a choice automatic away leaves alone, there is nothing to say.
      if (own.show === 'offline' || (before.show === after.show && before.idleSince === after.idleSince)) return;
      await publish();
    },
    resend: publish,
    own: () => own,
  };
}
