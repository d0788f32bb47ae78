/** "My status" for one account: its own presence, its server's invisibility, the recent status messages. */
import type { AccountId } from '../../app/shared/contract.ts';
import { PresenceControls } from '../components/PresenceControls.tsx';
import { useSummary } from '../state/hooks.ts';
import { useInvisibility, useRecentStatuses } from '../state/presence-store.ts';
import { presenceCommands } from './commands.ts';

export function PresenceControlsContainer({ account }: { account: AccountId }) {
  const summary = useSummary(account);
  const invisibility = useInvisibility(account);
  const recentStatuses = useRecentStatuses();
  return <PresenceControls account={account} summary={summary} invisibility={invisibility} recentStatuses={recentStatuses} commands={presenceCommands} />;
}
