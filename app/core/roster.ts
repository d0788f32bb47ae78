/** Roster fetch and roster pushes (RFC 6121 §2). Pushes are accepted only from the account itself. */
import { xml } from '@xmpp/xml';
import type { Contact, Jid } from '../shared/contract.ts';
import { toBareJid } from '../shared/jid.ts';
import type { ContactBook } from './contact-book.ts';
import { stanzaError, type IqRouter } from './iq.ts';
import { NS } from './parsers/namespaces.ts';
import { parseRosterQuery } from './parsers/roster.ts';

export interface RosterEvents {
  roster(contacts: readonly Contact[]): void;
  contact(contact: Contact): void;
  removed(jid: Jid): void;
}

export interface Roster {
  fetch(timeoutMs: number): Promise<void>;
}

export function createRoster(deps: { iq: IqRouter; book: ContactBook; ownBareJid: Jid; events: RosterEvents }): Roster {
  const { iq, book, ownBareJid, events } = deps;

  iq.handle('set', NS.roster, 'query', ({ iq: stanza, from }) => {
    // RFC 6121 §2.1.6: a push from anyone but our own account is a spoofing attempt.
    if (from !== '' && toBareJid(from) !== ownBareJid) return stanzaError('cancel', 'service-unavailable');
    const query = parseRosterQuery(stanza);
    if (query === null || query.items.length !== 1) return stanzaError('modify', 'bad-request');
    const [item] = query.items;
    if (item === undefined) return stanzaError('modify', 'bad-request');
    const change = book.applyRosterItem(item);
    if (change !== null) {
      if ('removed' in change) events.removed(change.removed);
      else events.contact(change.updated);
    }
    return undefined;
  });

  return {
    async fetch(timeoutMs) {
      const reply = await iq.request('get', xml('query', { xmlns: NS.roster }), null, timeoutMs);
      const query = parseRosterQuery(reply);
      events.roster(book.replaceRoster(query?.items ?? []));
    },
  };
}
