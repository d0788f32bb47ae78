/** Account settings, with every account's summary, the company CAs, automatic away and each signed-in account's profile. */
import type { AccountId } from '../../app/shared/contract.ts';
import { AccountSettings } from '../components/AccountSettings.tsx';
import { AutoAwaySettings } from '../components/AutoAwaySettings.tsx';
import { OwnProfile } from '../components/OwnProfile.tsx';
import { usePolicy, useTrustedAuthorities } from '../state/hooks.ts';
import { setAutoAway, useAutoAway } from '../state/presence-store.ts';
import { useJabberStore } from '../state/store.ts';
import { accountSettingsCommands, ownProfileCommands } from './commands.ts';

function AutoAwayContainer() {
  const settings = useAutoAway();
  return <AutoAwaySettings settings={settings} onSave={setAutoAway} />;
}

function OwnProfileContainer({ account }: { account: AccountId }) {
  const avatar = useJabberStore((state) => state.cards[account]?.[account]?.avatar ?? null);
  return <OwnProfile account={account} avatar={avatar} commands={ownProfileCommands} />;
}

const renderOwnProfile = (account: AccountId) => <OwnProfileContainer account={account} />;

export function AccountSettingsContainer({ onClose }: { onClose: () => void }) {
  const accounts = useJabberStore((state) => state.accounts);
  const authorities = useTrustedAuthorities();
  const policy = usePolicy();
  return (
    <AccountSettings
      accounts={accounts}
      authorities={authorities}
      commands={accountSettingsCommands}
      autoAway={<AutoAwayContainer />}
      renderOwnProfile={renderOwnProfile}
      onClose={onClose}
      policy={policy}
    />
  );
}
