/**
 * One contact (or someone who wrote without being one): presence dot, name, presence and status,
 * subscription state ("request sent", "awaiting your answer"), unread badge, and for roster contacts
 * a "Contact actions" menu.
 */
import { memo, useState } from 'react';
import type { AccountId, Contact, Jid } from '../../app/shared/contract.ts';
import { openConversation } from '../state/actions.ts';
import { useActiveConversation, useContact, useUnread } from '../state/hooks.ts';
import { isAwaitingAnswer, isBlocked } from '../state/contacts-derive.ts';
import { useJabberStore } from '../state/store.ts';
import { presenceWord } from '../text/words.ts';
import { shownName } from '../avatar/names.ts';
import { Avatar } from './Avatar.tsx';
import { useActivityText } from './ContactActivity.tsx';
import { ContactMenu } from './ContactMenu.tsx';

export const NOT_A_CONTACT = 'Not in your contacts';
export const REQUEST_SENT = 'request sent';
export const AWAITING_YOUR_ANSWER = 'awaiting your answer';
export const BLOCKED = 'blocked';

/**
 * The accessible name of a contact's list item, e.g. "Bob, Away, In a meeting, 2 unread", with
 * ", account alice@example.com" at the end when there are several accounts.
 */
export function contactLabel(
  contact: Contact | undefined, jid: Jid, unread: number, account: AccountId | null = null, awaitingAnswer = false, blocked = false, activity: string | null = null,
): string {
  const parts = contact === undefined ? [jid, NOT_A_CONTACT] : [contact.name, presenceWord(contact.presence.show)];
  if (contact !== undefined && contact.presence.status !== '') parts.push(contact.presence.status);
  if (activity !== null) parts.push(activity);
  if (contact?.pendingOut === true) parts.push(REQUEST_SENT);
  if (awaitingAnswer) parts.push(AWAITING_YOUR_ANSWER);
  if (blocked) parts.push(BLOCKED);
  if (unread > 0) parts.push(`${unread} unread`);
  if (account !== null) parts.push(`account ${account}`);
  return parts.join(', ');
}

export const ContactItem = memo(function ContactItem({ account, jid, showAccount, position, setSize }: {
  account: AccountId;
  jid: Jid;
  showAccount: boolean;
  /** Its place in its group (1-based) and the group's size, said to screen readers: a long list draws only the rows in view. */
  position?: number;
  setSize?: number;
}) {
  const ref = { account, peer: jid };
  const rosterContact = useContact(ref);
  const card = useJabberStore((state) => state.cards[account]?.[jid]);
  // Where the roster has no name, the contact's own nickname (XEP-0172) stands in.
  const contact = rosterContact === undefined ? undefined : { ...rosterContact, name: shownName(rosterContact, card) };
  const unread = useUnread(ref);
  const awaitingAnswer = useJabberStore((state) => isAwaitingAnswer(state, account, jid));
  const blocked = useJabberStore((state) => isBlocked(state, account, jid));
  const activeRef = useActiveConversation();
  const [menuOpen, setMenuOpen] = useState(false);
  const active = activeRef !== null && activeRef.account === account && activeRef.peer === jid;
  const show = contact?.presence.show ?? 'offline';
  const status = contact?.presence.status ?? '';
  const activity = useActivityText(ref, contact);
  const notes = [contact?.pendingOut === true ? REQUEST_SENT : null, awaitingAnswer ? AWAITING_YOUR_ANSWER : null, blocked ? BLOCKED : null].filter((note) => note !== null);
  return (
    <li aria-setsize={setSize} aria-posinset={position} aria-label={contactLabel(contact, jid, unread, showAccount ? account : null, awaitingAnswer, blocked, activity)} className={`contact${active ? ' contact-active' : ''}${menuOpen ? ' contact-menu-open' : ''}`}>
      <button
        type="button"
        className="contact-button"
        aria-current={active ? 'true' : undefined}
        title={showAccount ? `${jid} (account ${account})` : jid}
        onClick={() => openConversation(ref)}
      >
        <span className="avatar-frame">
          <Avatar account={account} jid={jid} name={contact?.name ?? jid} />
          <span className={`dot dot-${show}`} aria-hidden="true" />
        </span>
        <span className="contact-text">
          <span className="contact-name">{contact?.name ?? jid}</span>
          <span className="contact-status">
            {contact === undefined ? NOT_A_CONTACT : presenceWord(show)}
            {status !== '' && ` — ${status}`}
            {activity !== null && <span className="contact-activity">{` · ${activity}`}</span>}
          </span>
          {notes.length > 0 && <span className="contact-pending">{notes.join(' · ')}</span>}
        </span>
        {unread > 0 && (
          <span className="badge">
            <span aria-hidden="true">{unread}</span>
            <span className="sr-only">{unread} unread</span>
          </span>
        )}
      </button>
      {contact !== undefined && (
        <>
          <button type="button" className="contact-actions" aria-label="Contact actions" aria-haspopup="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen((open) => !open)}>
            <span aria-hidden="true">⋯</span>
          </button>
          {menuOpen && <ContactMenu account={account} contact={contact} onClose={() => setMenuOpen(false)} />}
        </>
      )}
    </li>
  );
});
