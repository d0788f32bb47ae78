/**
 * The contact list, from the store: the rows (built here: grouped, sorted, filtered, folded) and what
 * is known of each contact, handed to the rows as plain data; the contact requests and the contact
 * dialogs are containers of their own.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountId, Contact, Jid } from '../../app/shared/contract.ts';
import type { ContactItemData } from '../components/ContactItem.tsx';
import { ContactList } from '../components/ContactList.tsx';
import { contactRows, type ContactRow } from '../contacts/contact-rows.ts';
import { createContactGrouper, strangerJids } from '../state/contacts-derive.ts';
import { groupKey } from '../state/contacts-reducers.ts';
import { selectHasContacts } from '../state/derive.ts';
import { useAccountIds } from '../state/hooks.ts';
import { usePresenceStore } from '../state/presence-store.ts';
import { useJabberStore } from '../state/store.ts';
import { contactListCommands } from './commands.ts';
import { contactItemData } from './contact-item-data.ts';
import { ContactDialogsContainer } from './ContactDialogsContainer.tsx';
import { SubscriptionRequestsContainer } from './SubscriptionRequestsContainer.tsx';

const NO_CONTACTS: Readonly<Record<Jid, Contact>> = {};

export function ContactListContainer() {
  const accounts = useAccountIds();
  const filter = useJabberStore((state) => state.contactFilter);
  const empty = useJabberStore((state) => !state.accounts.some(({ account }) => selectHasContacts(state, account)));
  const error = useJabberStore((state) => state.contactError);
  const several = accounts.length > 1;
  const rows = useContactRows(accounts, several);
  const itemData = useItemData();
  return (
    <ContactList
      filter={filter}
      error={error}
      empty={empty}
      rows={rows}
      showAccounts={several}
      itemData={itemData}
      commands={contactListCommands}
      requests={<SubscriptionRequestsContainer />}
      dialogs={<ContactDialogsContainer />}
    />
  );
}

function useContactRows(accounts: readonly AccountId[], showAccounts: boolean): ContactRow[] {
  const contacts = useJabberStore((state) => state.contacts);
  const filter = useJabberStore((state) => state.contactFilter);
  const collapsed = useJabberStore((state) => state.collapsedGroups);
  const online = useJabberStore(useShallow((state) => state.accounts.filter((summary) => summary.connection.status !== 'disconnected').map((summary) => summary.account)));
  const strangers = useJabberStore(useShallow((state) => online.flatMap((account) => strangerJids(state, account).map((jid) => `${account}\n${jid}`))));
  // One grouper per account: it keeps the account's contacts sorted between updates.
  const groupers = useRef(new Map<AccountId, ReturnType<typeof createContactGrouper>>());
  return useMemo(() => {
    const filtering = filter.trim() !== '';
    const parts = accounts.filter((account) => online.includes(account)).map((account) => {
      let grouper = groupers.current.get(account);
      if (grouper === undefined) {
        grouper = createContactGrouper();
        groupers.current.set(account, grouper);
      }
      const prefix = `${account}\n`;
      return {
        account,
        groups: grouper(contacts[account] ?? NO_CONTACTS, filter),
        strangers: strangers.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)),
        isFolded: (group: string) => Object.hasOwn(collapsed, groupKey(account, group)),
      };
    });
    for (const account of groupers.current.keys()) if (!accounts.includes(account)) groupers.current.delete(account);
    return contactRows(parts, showAccounts, filtering);
  }, [accounts, online, contacts, filter, collapsed, strangers, showAccounts]);
}

/** What the rows show of each contact (contact-item-data.ts): the list asks only for the rows it draws. */
function useItemData(): (account: AccountId, jid: Jid) => ContactItemData {
  const contacts = useJabberStore((state) => state.contacts);
  const cards = useJabberStore((state) => state.cards);
  const unread = useJabberStore((state) => state.unread);
  const subscriptionRequests = useJabberStore((state) => state.subscriptionRequests);
  const blocked = useJabberStore((state) => state.blocked);
  const blockingSupported = useJabberStore((state) => state.blockingSupported);
  const active = useJabberStore((state) => state.active);
  const lastActivity = usePresenceStore((state) => state.lastActivity);
  return useCallback(
    (account: AccountId, jid: Jid): ContactItemData =>
      contactItemData({ contacts, cards, unread, subscriptionRequests, blocked, blockingSupported, active, lastActivity }, account, jid),
    [contacts, cards, unread, subscriptionRequests, blocked, blockingSupported, active, lastActivity],
  );
}
