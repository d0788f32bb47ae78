/**
 * With several accounts: each one with its state (its own presence while connected), and the
 * choice of which one the top bar and "My status" act on.
 */
import type { AccountSummary } from '../../app/shared/contract.ts';
import { chooseAccount } from '../state/actions.ts';
import { useAccountIds, useCurrentAccount, useSummary } from '../state/hooks.ts';
import { connectionWord, presenceWord } from '../text/words.ts';

/** While connected, how the account appears to others; otherwise why it does not. */
export function accountStateWord(summary: AccountSummary): string {
  return summary.connection.status === 'connected' ? presenceWord(summary.ownPresence.show) : connectionWord(summary.connection);
}

export function AccountList() {
  const accounts = useAccountIds();
  const current = useCurrentAccount()?.account;
  return (
    <ul role="list" aria-label="Accounts" className="account-list">
      {accounts.map((account) => (
        <AccountItem key={account} account={account} current={account === current} />
      ))}
    </ul>
  );
}

function AccountItem({ account, current }: { account: string; current: boolean }) {
  const summary = useSummary(account);
  if (summary === undefined) return null;
  const connected = summary.connection.status === 'connected';
  const dot = connected ? summary.ownPresence.show : 'offline';
  return (
    <li className={current ? 'account-item account-item-current' : 'account-item'}>
      <button type="button" className="account-button" aria-current={current ? 'true' : undefined} onClick={() => chooseAccount(account)}>
        <span className={`dot dot-${dot}`} aria-hidden="true" />
        <span className="account-item-jid">{account}</span>
        <span className="account-item-state">{accountStateWord(summary)}</span>
      </button>
    </li>
  );
}
