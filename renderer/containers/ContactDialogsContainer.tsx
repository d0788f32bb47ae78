/** The contact dialog the store has open, with the contact it is about and the blocking lists. */
import { useShallow } from 'zustand/react/shallow';
import { ContactDialogs } from '../components/ContactDialogs.tsx';
import { selectContact } from '../state/derive.ts';
import { useAccountIds } from '../state/hooks.ts';
import { useJabberStore } from '../state/store.ts';
import { contactDialogCommands } from './commands.ts';

export function ContactDialogsContainer() {
  const dialog = useJabberStore((state) => state.contactDialog);
  const accounts = useAccountIds();
  const contact = useJabberStore((state) => (state.contactDialog === null ? undefined : selectContact(state, { account: state.contactDialog.account, peer: state.contactDialog.jid })));
  const blockingAccounts = useJabberStore(useShallow((state) => Object.keys(state.blockingSupported)));
  const blocked = useJabberStore((state) => state.blocked);
  return <ContactDialogs dialog={dialog} accounts={accounts} contact={contact} blockingAccounts={blockingAccounts} blocked={blocked} commands={contactDialogCommands} />;
}
