/**
 * The signed-in layout: a top bar; on the left the accounts, "My status" and Tools (compact, at the
 * top), message search, Conversations above Contacts, and Rooms; the open conversation on the right.
 */
import { openContactDialog } from '../state/contact-actions.ts';
import { useActiveConversation, useAccountCount, useCurrentAccount } from '../state/hooks.ts';
import { AccountListContainer } from './AccountListContainer.tsx';
import { AnnouncementsContainer } from './AnnouncementsContainer.tsx';
import { ContactListContainer } from './ContactListContainer.tsx';
import { ConversationListContainer } from './ConversationListContainer.tsx';
import { ConversationViewContainer } from './ConversationViewContainer.tsx';
import { MessageSearchContainer } from './MessageSearchContainer.tsx';
import { PresenceControlsContainer } from './PresenceControlsContainer.tsx';
import { ProfileDialogContainer } from './ProfileDialogContainer.tsx';
import { TopBarContainer } from './TopBarContainer.tsx';
import { ToolsMenuContainer } from './ToolsMenuContainer.tsx';
import { RoomListContainer } from './RoomListContainer.tsx';
import { RoomViewContainer } from './RoomViewContainer.tsx';
import { isRoom } from '../state/rooms.ts';
import { useJabberStore } from '../state/store.ts';
import { useT } from '../i18n/use-t.ts';

export function MainScreen() {
  const t = useT();
  const active = useActiveConversation();
  const current = useCurrentAccount();
  const several = useAccountCount() > 1;
  const activeRoom = useJabberStore((state) => isRoom(state, state.active));
  return (
    <div className="main-screen">
      <TopBarContainer />
      <div className="workspace">
        <aside className="sidebar" aria-label={t('Sidebar')}>
          {several && <AccountListContainer />}
          <div className="sidebar-controls">
            {current && <PresenceControlsContainer key={current.account} account={current.account} />}
            <ToolsMenuContainer />
          </div>
          <MessageSearchContainer />
          <ConversationListContainer />
          <div className="sidebar-heading-row">
            <h2 className="sidebar-heading">{t('Contacts')}</h2>
            {current && (
              <button type="button" className="secondary add-contact" onClick={() => openContactDialog({ kind: 'add', account: current.account, jid: '' })}>
                {t('Add contact')}
              </button>
            )}
          </div>
          <ContactListContainer />
          <RoomListContainer />
        </aside>
        <main className="conversation-pane">
          {active !== null && activeRoom ? (
            <RoomViewContainer key={`room ${active.account}\n${active.peer}`} conversation={active} />
          ) : active !== null ? (
            <ConversationViewContainer key={`${active.account}\n${active.peer}`} conversation={active} />
          ) : (
            <p className="hint">{t('Choose a contact on the left to start a conversation.')}</p>
          )}
        </main>
      </div>
      <ProfileDialogContainer />
      <AnnouncementsContainer />
    </div>
  );
}
