/** React hooks over the store: small selectors, `useShallow` for derived lists. */
import { useShallow } from 'zustand/react/shallow';
import type { ChatMessage, Contact, Jid } from '../../app/shared/contract.ts';
import { selectDisplayName, selectMessages, selectSortedContacts, selectUnread } from './derive.ts';
import { useJabberStore } from './store.ts';

export const useSortedContacts = (): Contact[] => useJabberStore(useShallow(selectSortedContacts));

export const useContact = (jid: Jid): Contact | undefined =>
  useJabberStore((state) => (Object.hasOwn(state.contacts, jid) ? state.contacts[jid] : undefined));

export const useMessages = (conversation: Jid): readonly ChatMessage[] =>
  useJabberStore((state) => selectMessages(state, conversation));

export const useUnread = (conversation: Jid): number => useJabberStore((state) => selectUnread(state, conversation));

export const useDisplayName = (jid: Jid): string => useJabberStore((state) => selectDisplayName(state, jid));

export const useConnection = () => useJabberStore((state) => state.connection);
export const useAccount = () => useJabberStore((state) => state.account);
export const useOwnPresence = () => useJabberStore((state) => state.ownPresence);
export const useActiveConversation = () => useJabberStore((state) => state.active);
export const useSignIn = () =>
  useJabberStore(
    useShallow((state) => ({
      signingIn: state.signingIn,
      signInError: state.signInError,
      lastAccount: state.lastAccount,
      connectionStatus: state.connection.status,
    })),
  );
