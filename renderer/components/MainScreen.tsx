/** The signed-in layout: a top bar, contacts on the left, the open conversation on the right. */
import { useActiveConversation } from '../state/hooks.ts';
import { ContactList } from './ContactList.tsx';
import { ConversationView } from './ConversationView.tsx';
import { PresenceControls } from './PresenceControls.tsx';
import { TopBar } from './TopBar.tsx';

export function MainScreen() {
  const active = useActiveConversation();
  return (
    <div className="main-screen">
      <TopBar />
      <div className="workspace">
        <aside className="sidebar" aria-label="Sidebar">
          <PresenceControls />
          <h2 className="sidebar-heading">Contacts</h2>
          <ContactList />
        </aside>
        <main className="conversation-pane">
          {active !== null ? (
            <ConversationView key={active} conversation={active} />
          ) : (
            <p className="hint">Choose a contact on the left to start a conversation.</p>
          )}
        </main>
      </div>
    </div>
  );
}
