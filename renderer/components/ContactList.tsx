/**
 * The contacts of every account, one group per account (with its JID as a heading when there are
 * several), available contacts first; then people who wrote without being in the roster.
 * Each item opens its conversation.
 */
import type { AccountId } from '../../app/shared/contract.ts';
import { useAccountIds, useContactJids } from '../state/hooks.ts';
import { selectHasContacts } from '../state/derive.ts';
import { useJabberStore } from '../state/store.ts';
import { ContactItem } from './ContactItem.tsx';

export function ContactList() {
  const accounts = useAccountIds();
  const empty = useJabberStore((state) => !state.accounts.some(({ account }) => selectHasContacts(state, account)));
  const several = accounts.length > 1;
  return (
    <div className="contacts">
      <ul role="list" aria-label="Contacts" className="contact-list">
        {accounts.map((account) => (
          <ContactGroup key={account} account={account} showAccount={several} />
        ))}
      </ul>
      {empty && <p className="empty">No contacts yet. People you add on your account will show up here.</p>}
    </div>
  );
}

function ContactGroup({ account, showAccount }: { account: AccountId; showAccount: boolean }) {
  const jids = useContactJids(account);
  if (jids.length === 0) return null;
  return (
    <>
      {/* Seen, not read out: every item's name already says its account. */}
      {showAccount && (
        <li className="contact-group" aria-hidden="true">
          {account}
        </li>
      )}
      {jids.map((jid) => (
        <ContactItem key={jid} account={account} jid={jid} showAccount={showAccount} />
      ))}
    </>
  );
}
