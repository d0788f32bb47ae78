/** React hooks over the store: small selectors, `useShallow` for derived lists. */
import { useShallow } from 'zustand/react/shallow';
import type { AccountId, AccountSummary, ChatMessage, Contact, Jid, TrustedAuthority } from '../../app/shared/contract.ts';
import {
  selectAccountIds, selectContact, selectContactJids, selectCurrentAccount, selectDisplayName, selectDraft, selectMessages, selectSummary,
  selectUnread,
} from './derive.ts';
import type { ConversationRef } from './model.ts';
import { useJabberStore } from './store.ts';

export const useLoaded = (): boolean => useJabberStore((state) => state.loaded);
export const usePolicy = () => useJabberStore((state) => state.policy);
export const useTrustedAuthorities = (): readonly TrustedAuthority[] => useJabberStore((state) => state.trustedAuthorities);
export const useAccountIds = (): AccountId[] => useJabberStore(useShallow(selectAccountIds));
export const useAccountCount = (): number => useJabberStore((state) => state.accounts.length);
export const useSummary = (account: AccountId): AccountSummary | undefined => useJabberStore((state) => selectSummary(state, account));
export const useCurrentAccount = (): AccountSummary | undefined => useJabberStore(selectCurrentAccount);
export const useAdding = (): boolean => useJabberStore((state) => state.adding);

export const useContactJids = (account: AccountId): Jid[] => useJabberStore(useShallow((state) => selectContactJids(state, account)));
export const useContact = (ref: ConversationRef): Contact | undefined => useJabberStore((state) => selectContact(state, ref));
export const useMessages = (ref: ConversationRef): readonly ChatMessage[] => useJabberStore((state) => selectMessages(state, ref));
export const useUnread = (ref: ConversationRef): number => useJabberStore((state) => selectUnread(state, ref));
export const useDraft = (ref: ConversationRef): string => useJabberStore((state) => selectDraft(state, ref));
export const useDisplayName = (ref: ConversationRef): string => useJabberStore((state) => selectDisplayName(state, ref));
export const useTyping = ({ account, peer }: ConversationRef) => useJabberStore((state) => state.typing[account]?.[peer]);
export const useEditing = ({ account, peer }: ConversationRef): string | undefined => useJabberStore((state) => state.editing[account]?.[peer]);
export const useActiveConversation = (): ConversationRef | null => useJabberStore((state) => state.active);

export const useSignIn = () =>
  useJabberStore(useShallow((state) => ({ signingIn: state.signingIn, signInError: state.signInError })));
