/** The roster, available contacts first; each item opens its conversation. */
import { useSortedContacts } from '../state/hooks.ts';
import { ContactItem } from './ContactItem.tsx';

export function ContactList() {
  const contacts = useSortedContacts();
  return (
    <div className="contacts">
      <ul role="list" aria-label="Contacts" className="contact-list">
        {contacts.map((contact) => (
          <ContactItem key={contact.jid} contact={contact} />
        ))}
      </ul>
      {contacts.length === 0 && <p className="empty">No contacts yet. People you add on your account will show up here.</p>}
    </div>
  );
}
