/**
 * The avatars and nicknames an account knows, by bare JID: the one copy of them. It outlives a
 * session (a new one starts from what the last one knew, so only changes travel to the UI), and the
 * account snapshot reads it while signed out too: the cards are still right then.
 */
import type { ContactCard, Jid } from '../../../shared/contract.ts';

export interface CardBook {
  /** Records the card; false when it was known already, so there is nothing to tell. */
  set(jid: Jid, card: ContactCard): boolean;
  /** Every card with an avatar or a nickname. */
  all(): Record<Jid, ContactCard>;
  clear(): void;
}

export function createCardBook(): CardBook {
  const cards = new Map<Jid, ContactCard>();
  return {
    set(jid, card) {
      const before = cards.get(jid);
      if (before !== undefined && before.avatar?.hash === card.avatar?.hash && before.nickname === card.nickname) return false;
      cards.set(jid, card);
      return true;
    },
    all: () => Object.fromEntries([...cards].filter(([, card]) => card.avatar !== null || card.nickname !== '')),
    clear: () => cards.clear(),
  };
}
