/**
 * The contacts of every account (with its JID as a heading when there are several): requests awaiting
 * an answer first, then the roster by group (folding, online/total counts, "Ungrouped" last), each
 * group sorted by presence then name; then people who wrote without being in the roster.
 * "Filter contacts" narrows everything by name or JID.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountId, Contact, Jid } from '../../app/shared/contract.ts';
import { dismissContactError, filterContacts, openContactDialog, toggleContactGroup } from '../state/contact-actions.ts';
import { groupContacts, strangerJids, UNGROUPED, type ContactGroupView } from '../state/contacts-derive.ts';
import { groupKey } from '../state/contacts-reducers.ts';
import { selectHasContacts } from '../state/derive.ts';
import { useAccountIds, useCurrentAccount } from '../state/hooks.ts';
import { useJabberStore } from '../state/store.ts';
import { ContactDialogs } from './ContactDialogs.tsx';
import { ContactItem } from './ContactItem.tsx';
import { SubscriptionRequests } from './SubscriptionRequests.tsx';

const NO_CONTACTS: Readonly<Record<Jid, Contact>> = {};

export function ContactList() {
  const accounts = useAccountIds();
  const filter = useJabberStore((state) => state.contactFilter);
  const empty = useJabberStore((state) => !state.accounts.some(({ account }) => selectHasContacts(state, account)));
  const error = useJabberStore((state) => state.contactError);
  const canBlock = useJabberStore((state) => Object.keys(state.blockingSupported).length > 0);
  const current = useCurrentAccount();
  const several = accounts.length > 1;
  return (
    <div className="contacts">
      <div className="contact-filter">
        <input type="search" aria-label="Filter contacts" placeholder="Filter contacts" value={filter} onChange={(event) => filterContacts(event.target.value)} />
      </div>
      {error && (
        <div className="alert contact-error" role="alert">
          <p className="alert-message">{error.message}</p>
          <button type="button" className="secondary" onClick={dismissContactError}>
            Dismiss
          </button>
        </div>
      )}
      <SubscriptionRequests />
      <ul role="list" aria-label="Contacts" className="contact-list">
        {accounts.map((account) => (
          <AccountContacts key={account} account={account} showAccount={several} />
        ))}
      </ul>
      {empty && <p className="empty">No contacts yet. Use Add contact to ask someone to share their presence with you.</p>}
      {canBlock && current && (
        <div className="contacts-footer">
          <button type="button" className="link-button" onClick={() => openContactDialog({ kind: 'blocked', account: current.account, jid: '' })}>
            Blocked contacts
          </button>
        </div>
      )}
      <ContactDialogs />
    </div>
  );
}

function AccountContacts({ account, showAccount }: { account: AccountId; showAccount: boolean }) {
  const online = useJabberStore((state) => state.accounts.find((summary) => summary.account === account)?.connection.status !== 'disconnected');
  const roster = useJabberStore((state) => state.contacts[account] ?? NO_CONTACTS);
  const filter = useJabberStore((state) => state.contactFilter);
  const groups = useMemo(() => groupContacts(Object.values(roster), filter), [roster, filter]);
  const strangers = useJabberStore(useShallow((state) => strangerJids(state, account)));
  if (!online || (groups.length === 0 && strangers.length === 0)) return null;
  return (
    <>
      {/* Seen, not read out: every item's name already says its account. */}
      {showAccount && (
        <li className="contact-group" aria-hidden="true">
          {account}
        </li>
      )}
      {groups.map((group) => (
        <GroupSection key={group.group ?? ''} account={account} view={group} showAccount={showAccount} filtering={filter.trim() !== ''} />
      ))}
      {strangers.map((jid) => (
        <ContactItem key={jid} account={account} jid={jid} showAccount={showAccount} />
      ))}
    </>
  );
}

function GroupSection({ account, view, showAccount, filtering }: { account: AccountId; view: ContactGroupView; showAccount: boolean; filtering: boolean }) {
  const name = view.group ?? UNGROUPED;
  const folded = useJabberStore((state) => Object.hasOwn(state.collapsedGroups, groupKey(account, name)));
  // While filtering, matches show even in folded groups: the filter is how people find someone.
  const open = !folded || filtering;
  return (
    <li className="roster-group" aria-label={`${name}, ${view.online} of ${view.total} online`}>
      <button type="button" className="group-toggle" aria-expanded={open} onClick={() => toggleContactGroup(account, name)}>
        <span className="group-arrow" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="group-name">{name}</span>
        <span className="group-count">
          {view.online}/{view.total}
        </span>
      </button>
      {open && (
        <ul role="list" aria-label={name} className="group-members">
          {view.jids.map((jid) => (
            <ContactItem key={jid} account={account} jid={jid} showAccount={showAccount} />
          ))}
        </ul>
      )}
    </li>
  );
}
