/** One contact: presence dot, name, presence word and status text, unread badge. */
import { memo } from 'react';
import type { Contact } from '../../app/shared/contract.ts';
import { openConversation } from '../state/actions.ts';
import { useActiveConversation, useUnread } from '../state/hooks.ts';
import { presenceWord } from '../text/words.ts';

/** The accessible name of a contact's list item, e.g. "Bob, Away, In a meeting, 2 unread". */
export function contactLabel(contact: Contact, unread: number): string {
  const parts = [contact.name, presenceWord(contact.presence.show)];
  if (contact.presence.status !== '') parts.push(contact.presence.status);
  if (contact.pendingOut) parts.push('awaiting authorization');
  if (unread > 0) parts.push(`${unread} unread`);
  return parts.join(', ');
}

export const ContactItem = memo(function ContactItem({ contact }: { contact: Contact }) {
  const unread = useUnread(contact.jid);
  const active = useActiveConversation() === contact.jid;
  const { show, status } = contact.presence;
  return (
    <li aria-label={contactLabel(contact, unread)} className={active ? 'contact contact-active' : 'contact'}>
      <button
        type="button"
        className="contact-button"
        aria-current={active ? 'true' : undefined}
        title={contact.jid}
        onClick={() => openConversation(contact.jid)}
      >
        <span className={`dot dot-${show}`} aria-hidden="true" />
        <span className="contact-text">
          <span className="contact-name">{contact.name}</span>
          <span className="contact-status">
            {presenceWord(show)}
            {status !== '' && ` — ${status}`}
            {contact.pendingOut && ' (awaiting authorization)'}
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
