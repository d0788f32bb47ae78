/** The signed-in layout: a top bar, accounts and contacts on the left, the open conversation on the right. */
import { openContactDialog } from '../state/contact-actions.ts';
import { useActiveConversation, useAccountCount, useCurrentAccount } from '../state/hooks.ts';
import { AccountList } from './AccountList.tsx';
import { BusinessButtons } from './BusinessButtons.tsx';
import { ContactList } from './ContactList.tsx';
import { MessageSearch } from './MessageSearch.tsx';
import { ConversationView } from './ConversationView.tsx';
import { PresenceControls } from './PresenceControls.tsx';
import { TopBar } from './TopBar.tsx';

export function MainScreen() {
  const active = useActiveConversation();
  const current = useCurrentAccount();
  const several = useAccountCount() > 1;
  return (
    <div className="main-screen">
      <TopBar />
      <div className="workspace">
        <aside className="sidebar" aria-label="Sidebar">
          <MessageSearch />
          {several && <AccountList />}
          {current && <PresenceControls key={current.account} account={current.account} />}
          <div className="sidebar-heading-row">
            <h2 className="sidebar-heading">Contacts</h2>
            {current && (
              <button type="button" className="secondary add-contact" onClick={() => openContactDialog({ kind: 'add', account: current.account, jid: '' })}>
                Add contact
              </button>
            )}
          </div>
          {current && current.connection.status === 'connected' && <BusinessButtons key={`business\n${current.account}`} account={current.account} />}
          <ContactList />
        </aside>
        <main className="conversation-pane">
          {active !== null ? (
            <ConversationView key={`${active.account}\n${active.peer}`} conversation={active} />
          ) : (
            <p className="hint">Choose a contact on the left to start a conversation.</p>
          )}
        </main>
      </div>
    </div>
  );
}
