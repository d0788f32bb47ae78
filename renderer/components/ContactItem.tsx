/** One contact (or someone who wrote without being one): presence dot, name, presence and status, unread badge. */
import { memo } from 'react';
import type { AccountId, Contact, Jid } from '../../app/shared/contract.ts';
import { openConversation } from '../state/actions.ts';
import { useActiveConversation, useContact, useUnread } from '../state/hooks.ts';
import { presenceWord } from '../text/words.ts';

export const NOT_A_CONTACT = 'Not in your contacts';

/**
 * The accessible name of a contact's list item, e.g. "Bob, Away, In a meeting, 2 unread", with
 * ", account alice@example.com" at the end when there are several accounts.
 */
export function contactLabel(contact: Contact | undefined, jid: Jid, unread: number, account: AccountId | null = null): string {
  const parts = contact === undefined ? [jid, NOT_A_CONTACT] : [contact.name, presenceWord(contact.presence.show)];
  if (contact !== undefined && contact.presence.status !== '') parts.push(contact.presence.status);
  if (contact?.pendingOut === true) parts.push('awaiting authorization');
  if (unread > 0) parts.push(`${unread} unread`);
  if (account !== null) parts.push(`account ${account}`);
  return parts.join(', ');
}

export const ContactItem = memo(function ContactItem({ account, jid, showAccount }: { account: AccountId; jid: Jid; showAccount: boolean }) {
  const ref = { account, peer: jid };
  const contact = useContact(ref);
  const unread = useUnread(ref);
  const activeRef = useActiveConversation();
  const active = activeRef !== null && activeRef.account === account && activeRef.peer === jid;
  const show = contact?.presence.show ?? 'offline';
  const status = contact?.presence.status ?? '';
  return (
    <li aria-label={contactLabel(contact, jid, unread, showAccount ? account : null)} className={active ? 'contact contact-active' : 'contact'}>
      <button
        type="button"
        className="contact-button"
        aria-current={active ? 'true' : undefined}
        title={showAccount ? `${jid} (account ${account})` : jid}
        onClick={() => openConversation(ref)}
      >
        <span className={`dot dot-${show}`} aria-hidden="true" />
        <span className="contact-text">
          <span className="contact-name">{contact?.name ?? jid}</span>
          <span className="contact-status">
            {contact === undefined ? NOT_A_CONTACT : presenceWord(show)}
            {status !== '' && ` — ${status}`}
            {contact?.pendingOut === true && ' (awaiting authorization)'}
          </span>
        </span>
        {unread > 0 && (
          <span className="badge">
            <span aria-hidden="true">{unread}</span>
            <span className="sr-only">{unread} unread</span>
          </span>
        )}
      </button>
    </li>
  );
});
