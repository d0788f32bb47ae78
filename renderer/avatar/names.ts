/** The name a contact is shown by: the roster name, else the nickname they chose (XEP-0172), else the JID's local part. */
import type { Contact, ContactCard } from '../../app/shared/contract.ts';

/** The core fills a missing roster name with the JID's local part: that is the case the nickname improves on. */
export function shownName(contact: Contact | undefined, card: ContactCard | undefined): string {
  const nickname = card?.nickname ?? '';
  if (contact === undefined) return nickname;
  const at = contact.jid.indexOf('@');
  const unnamed = contact.name === '' || (at > 0 && contact.name === contact.jid.slice(0, at));
  return unnamed && nickname !== '' ? nickname : contact.name;
}
