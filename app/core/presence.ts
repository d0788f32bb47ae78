/** Our own presence (with capabilities) and contacts' presence (RFC 6121 §4). */
import { xml, type Element } from '@xmpp/xml';
import type { Contact, OwnPresenceShow, Presence } from '../shared/contract.ts';
import type { ContactBook } from './contact-book.ts';
import { capsElement } from './disco.ts';
import { parsePresence, type ParsedPresence } from './parsers/presence.ts';

export const MAX_STATUS_LENGTH = 1024;

export interface PresenceEvents {
  contact(contact: Contact): void;
  own(presence: Presence): void;
}

export interface PresenceFeature {
  receive(stanza: Element): void;
  setOwn(show: OwnPresenceShow, status: string): Promise<void>;
  own(): Presence;
}

const SHOW_ELEMENT: Record<OwnPresenceShow, string | null> = { online: null, away: 'away', dnd: 'dnd', xa: 'xa' };

export function ownPresenceStanza(show: OwnPresenceShow, status: string): Element {
  const showName = SHOW_ELEMENT[show];
  return xml(
    'presence',
    {},
    showName === null ? undefined : xml('show', {}, showName),
    status.length > 0 ? xml('status', {}, status) : undefined,
    capsElement(),
  );
}

const SUBSCRIPTION_TYPES: ReadonlySet<string> = new Set(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

export function createPresence(deps: {
  send: (element: Element) => Promise<void>;
  book: ContactBook;
  events: PresenceEvents;
  /** Subscription requests and answers (RFC 6121 §3) go here. */
  subscription?: (presence: ParsedPresence) => void;
}): PresenceFeature {
  const { send, book, events } = deps;
  let own: Presence = { show: 'offline', status: '' };
  return {
    receive(stanza) {
      const presence = parsePresence(stanza);
      if (presence === null) return;
      if (SUBSCRIPTION_TYPES.has(presence.type)) {
        deps.subscription?.(presence);
        return;
      }
      const changed = book.applyPresence(presence);
      if (changed !== null) events.contact(changed);
    },
    async setOwn(show, status) {
      const text = status.trim().slice(0, MAX_STATUS_LENGTH);
      await send(ownPresenceStanza(show, text));
      own = { show, status: text };
      events.own(own);
    },
    own: () => own,
  };
}
