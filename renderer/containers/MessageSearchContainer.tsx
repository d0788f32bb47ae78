/** Message search, with the open conversation and the names the hits are shown by. */
import { useCallback } from 'react';
import { MessageSearch } from '../components/MessageSearch.tsx';
import { selectDisplayName } from '../state/derive.ts';
import { useActiveConversation, useAccountCount } from '../state/hooks.ts';
import type { ConversationRef } from '../state/model.ts';
import { useJabberStore } from '../state/store.ts';
import { searchCommands } from './commands.ts';

export function MessageSearchContainer() {
  const active = useActiveConversation();
  const several = useAccountCount() > 1;
  // Names come from the roster and the cards: a new `nameOf` when either changes names the hits again.
  const contacts = useJabberStore((state) => state.contacts);
  const cards = useJabberStore((state) => state.cards);
  const nameOf = useCallback((conversation: ConversationRef) => selectDisplayName({ contacts, cards }, conversation), [contacts, cards]);
  return <MessageSearch active={active} several={several} nameOf={nameOf} commands={searchCommands} />;
}
