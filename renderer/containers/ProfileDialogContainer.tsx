/** The Profile dialog of the contact the store names (opened from Contact actions). */
import { ProfileDialog } from '../components/ProfileDialog.tsx';
import { useDisplayName } from '../state/hooks.ts';
import type { ConversationRef } from '../state/model.ts';
import { closeProfile } from '../state/profiles.ts';
import { useJabberStore } from '../state/store.ts';
import { profileCommands } from './commands.ts';

export function ProfileDialogContainer() {
  const open = useJabberStore((state) => state.profileDialog);
  if (open === null) return null;
  return <OpenProfile key={`${open.account}\n${open.peer}`} contact={open} />;
}

function OpenProfile({ contact }: { contact: ConversationRef }) {
  const name = useDisplayName(contact);
  const avatar = useJabberStore((state) => state.cards[contact.account]?.[contact.peer]?.avatar ?? null);
  return <ProfileDialog contact={contact} name={name} avatar={avatar} commands={profileCommands} onClose={closeProfile} />;
}
