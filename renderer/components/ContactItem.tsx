/**
 * One contact (or someone who wrote without being one): presence dot, name, presence and status,
 * subscription state ("request sent", "awaiting your answer"), unread badge, and for roster contacts
 * a "Contact actions" menu. A row of a long list: memoized, so it takes plain data the list hands
 * it (store objects as they are, so unchanged ones compare equal) and commands that never change.
 */
import { memo, useMemo, useState } from 'react';
import type { AccountId, Contact, ContactCard, Jid, LastActivity } from '../../app/shared/contract.ts';
import type { ConversationRef } from '../state/model.ts';
import { presenceWord } from '../text/words.ts';
import { shownName } from '../avatar/names.ts';
import { Avatar } from './Avatar.tsx';
import { useActivityText } from './ContactActivity.tsx';
import { ContactMenu, type ContactMenuCommands } from './ContactMenu.tsx';
import { t } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';

/** What a contact row does: open the conversation, and its menu's commands. */
export interface ContactItemCommands extends ContactMenuCommands {
  openConversation(conversation: ConversationRef): void;
}

/** What the list knows of one contact, for its row. */
export interface ContactItemData {
  /** The roster entry; undefined for someone who wrote without being a contact. */
  readonly contact: Contact | undefined;
  /** Their avatar and nickname, if they published any. */
  readonly card: ContactCard | undefined;
  readonly unread: number;
  readonly awaitingAnswer: boolean;
  readonly blocked: boolean;
  /** The account's server supports blocking. */
  readonly canBlock: boolean;
  /** Theirs is the open conversation. */
  readonly active: boolean;
  readonly lastActivity: LastActivity | undefined;
}

export const notAContact = (): string => t('Not in your contacts');
const requestSent = (): string => t('request sent');
const awaitingYourAnswer = (): string => t('awaiting your answer');
const blockedWord = (): string => t('blocked');

/**
 * The accessible name of a contact's list item, e.g. "Bob, Away, In a meeting, 2 unread", with
 * ", account alice@example.com" at the end when there are several accounts.
 */
export function contactLabel(
  contact: Contact | undefined, jid: Jid, unread: number, account: AccountId | null = null, awaitingAnswer = false, blocked = false, activity: string | null = null,
): string {
  const parts = contact === undefined ? [jid, notAContact()] : [contact.name, presenceWord(contact.presence.show)];
  if (contact !== undefined && contact.presence.status !== '') parts.push(contact.presence.status);
  if (activity !== null) parts.push(activity);
  if (contact?.pendingOut === true) parts.push(requestSent());
  if (awaitingAnswer) parts.push(awaitingYourAnswer());
  if (blocked) parts.push(blockedWord());
  if (unread > 0) parts.push(t('{{count}} unread', { count: unread }));
  if (account !== null) parts.push(t('account {{account}}', { account }));
  return parts.join(', ');
}

export const ContactItem = memo(function ContactItem({
  account, jid, showAccount, position, setSize, contact: rosterContact, card, unread, awaitingAnswer, blocked, canBlock, active, lastActivity, commands,
}: ContactItemData & {
  account: AccountId;
  jid: Jid;
  showAccount: boolean;
  /** Its place in its group (1-based) and the group's size, said to screen readers: a long list draws only the rows in view. */
  position?: number | undefined;
  setSize?: number | undefined;
  commands: ContactItemCommands;
}) {
  // Re-drawn in the language chosen.
  useT();
  // Where the roster has no name, the contact's own nickname (XEP-0172) stands in.
  const contact = useMemo(() => (rosterContact === undefined ? undefined : { ...rosterContact, name: shownName(rosterContact, card) }), [rosterContact, card]);
  const [menuOpen, setMenuOpen] = useState(false);
  const show = contact?.presence.show ?? 'offline';
  const status = contact?.presence.status ?? '';
  const activity = useActivityText(contact, lastActivity);
  const notes = [contact?.pendingOut === true ? requestSent() : null, awaitingAnswer ? awaitingYourAnswer() : null, blocked ? blockedWord() : null].filter((note) => note !== null);
  return (
    <li aria-setsize={setSize} aria-posinset={position} aria-label={contactLabel(contact, jid, unread, showAccount ? account : null, awaitingAnswer, blocked, activity)} className={`contact${active ? ' contact-active' : ''}${menuOpen ? ' contact-menu-open' : ''}`}>
      <button
        type="button"
        className="contact-button"
        aria-current={active ? 'true' : undefined}
        title={showAccount ? t('{{jid}} (account {{account}})', { jid, account }) : jid}
        onClick={() => commands.openConversation({ account, peer: jid })}
      >
        <span className="avatar-frame">
          <Avatar avatar={card?.avatar ?? null} jid={jid} name={contact?.name ?? jid} />
          <span className={`dot dot-${show}`} aria-hidden="true" />
        </span>
        <span className="contact-text">
          <span className="contact-name">{contact?.name ?? jid}</span>
          <span className="contact-status">
            {contact === undefined ? notAContact() : presenceWord(show)}
            {status !== '' && ` — ${status}`}
            {activity !== null && <span className="contact-activity">{` · ${activity}`}</span>}
          </span>
          {notes.length > 0 && <span className="contact-pending">{notes.join(' · ')}</span>}
        </span>
        {unread > 0 && (
          <span className="badge">
            <span aria-hidden="true">{unread}</span>
            <span className="sr-only">{t('{{count}} unread', { count: unread })}</span>
          </span>
        )}
      </button>
      {contact !== undefined && (
        <>
          <button type="button" className="contact-actions" aria-label={t('Contact actions')} aria-haspopup="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen((open) => !open)}>
            <span aria-hidden="true">⋯</span>
          </button>
          {menuOpen && <ContactMenu account={account} contact={contact} blocked={blocked} canBlock={canBlock} commands={commands} onClose={() => setMenuOpen(false)} />}
        </>
      )}
    </li>
  );
});
