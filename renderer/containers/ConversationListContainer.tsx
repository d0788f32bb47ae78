/** The sidebar's Conversations, derived from the store (state/conversations.ts). */
import { useMemo } from 'react';
import { ConversationList } from '../components/ConversationList.tsx';
import { openConversation } from '../state/actions.ts';
import { conversationEntries } from '../state/conversations.ts';
import { useAccountIds } from '../state/hooks.ts';
import { useJabberStore } from '../state/store.ts';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/i18n.ts';

export function ConversationListContainer() {
  const accounts = useAccountIds();
  const messages = useJabberStore((state) => state.messages);
  const unread = useJabberStore((state) => state.unread);
  const contacts = useJabberStore((state) => state.contacts);
  const cards = useJabberStore((state) => state.cards);
  const rooms = useJabberStore((state) => state.rooms);
  const active = useJabberStore((state) => state.active);
  // The previews say "You: …" in the language in use: built again when it changes.
  const { i18n: { language } } = useTranslation(undefined, { i18n });
  const entries = useMemo(() => conversationEntries({ messages, unread, contacts, cards, rooms }, accounts), [messages, unread, contacts, cards, rooms, accounts, language]);
  return <ConversationList entries={entries} active={active} showAccounts={accounts.length > 1} onOpen={openConversation} />;
}
