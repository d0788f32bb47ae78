/** The signed-in layout: a top bar, accounts and contacts on the left, the open conversation on the right. */
import { BusinessButtons } from '../components/BusinessButtons.tsx';
import { openContactDialog } from '../state/contact-actions.ts';
import { useActiveConversation, useAccountCount, useCurrentAccount } from '../state/hooks.ts';
import { businessCommands } from './commands.ts';
import { AccountListContainer } from './AccountListContainer.tsx';
import { ContactListContainer } from './ContactListContainer.tsx';
import { ConversationViewContainer } from './ConversationViewContainer.tsx';
import { MessageSearchContainer } from './MessageSearchContainer.tsx';
import { PresenceControlsContainer } from './PresenceControlsContainer.tsx';
import { ProfileDialogContainer } from './ProfileDialogContainer.tsx';
import { TopBarContainer } from './TopBarContainer.tsx';
import { RoomListContainer } from './RoomListContainer.tsx';
import { RoomViewContainer } from './RoomViewContainer.tsx';
import { isRoom } from '../state/rooms.ts';
import { useJabberStore } from '../state/store.ts';

export function MainScreen() {
  const active = useActiveConversation();
  const current = useCurrentAccount();
  const several = useAccountCount() > 1;
  const activeRoom = useJabberStore((state) => isRoom(state, state.active));
  return (
    <div className="main-screen">
      <TopBarContainer />
      <div className="workspace">
        <aside className="sidebar" aria-label="Sidebar">
          <MessageSearchContainer />
          {several && <AccountListContainer />}
          {current && <PresenceControlsContainer key={current.account} account={current.account} />}
          <div className="sidebar-heading-row">
            <h2 className="sidebar-heading">Contacts</h2>
            {current && (
              <button type="button" className="secondary add-contact" onClick={() => openContactDialog({ kind: 'add', account: current.account, jid: '' })}>
                Add contact
              </button>
            )}
          </div>
          {current && current.connection.status === 'connected' && <BusinessButtons key={`business ${current.account}`} account={current.account} commands={businessCommands} />}
          <ContactListContainer />
          <RoomListContainer />
        </aside>
        <main className="conversation-pane">
          {active !== null && activeRoom ? (
            <RoomViewContainer key={`room ${active.account}\n${active.peer}`} conversation={active} />
          ) : active !== null ? (
            <ConversationViewContainer key={`${active.account}\n${active.peer}`} conversation={active} />
          ) : (
            <p className="hint">Choose a contact on the left to start a conversation.</p>
          )}
        </main>
      </div>
      <ProfileDialogContainer />
    </div>
  );
}
