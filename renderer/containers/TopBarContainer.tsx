/** The top bar, for the current account; Account settings is a container of its own. */
import { TopBar } from '../components/TopBar.tsx';
import { openAddAccount } from '../state/actions.ts';
import { useCurrentAccount } from '../state/hooks.ts';
import { openSettings } from '../state/settings.ts';
import { useJabberStore } from '../state/store.ts';
import { policyLocks } from '../../app/shared/policy.ts';
import { AccountSettingsContainer } from './AccountSettingsContainer.tsx';
import { accountCommands } from './commands.ts';

const renderSettings = (onClose: () => void) => <AccountSettingsContainer onClose={onClose} />;

export function TopBarContainer() {
  const current = useCurrentAccount();
  const account = current?.account;
  const syncing = useJabberStore((state) => (account === undefined ? undefined : state.archiveSync[account]));
  const passwordSavingLocked = useJabberStore((state) => policyLocks(state.policy).savePasswords);
  return <TopBar passwordSavingLocked={passwordSavingLocked} current={current} syncing={syncing} commands={accountCommands} onAddAccount={openAddAccount} renderSettings={renderSettings} onOpenAppSettings={openSettings} />;
}
