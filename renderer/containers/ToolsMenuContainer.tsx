/** The sidebar's Tools menu for the current account. */
import { ToolsMenu, type ToolsCommands } from '../components/ToolsMenu.tsx';
import { openContactDialog } from '../state/contact-actions.ts';
import { useCurrentAccount } from '../state/hooks.ts';
import { getServerFeatures } from '../state/server-features.ts';
import { useJabberStore } from '../state/store.ts';
import { businessCommands } from './commands.ts';

const toolsCommands: ToolsCommands = { ...businessCommands, getServerFeatures };

export function ToolsMenuContainer() {
  const current = useCurrentAccount();
  const account = current?.account;
  const canBlock = useJabberStore((state) => account !== undefined && state.blockingSupported[account] === true);
  if (current === undefined || account === undefined) return null;
  return (
    <ToolsMenu
      key={account}
      account={account}
      connected={current.connection.status === 'connected'}
      canBlock={canBlock}
      commands={toolsCommands}
      onOpenBlocked={() => openContactDialog({ kind: 'blocked', account, jid: '' })}
    />
  );
}
