/**
 * With several accounts: each one with its state (its own presence while connected), and the
 * choice of which one the top bar and "My status" act on.
 */
import { memo } from 'react';
import type { AccountId, AccountSummary } from '../../app/shared/contract.ts';
import { connectionWord, presenceWord } from '../text/words.ts';
import { useT } from '../i18n/use-t.ts';

/** While connected, how the account appears to others; otherwise why it does not. */
export function accountStateWord(summary: AccountSummary): string {
  return summary.connection.status === 'connected' ? presenceWord(summary.ownPresence.show) : connectionWord(summary.connection);
}

export function AccountList({ accounts, current, onChoose }: { accounts: readonly AccountSummary[]; current: AccountId | undefined; onChoose: (account: AccountId) => void }) {
  const t = useT();
  return (
    <ul role="list" aria-label={t('Accounts')} className="account-list">
      {accounts.map((summary) => (
        <AccountItem key={summary.account} summary={summary} current={summary.account === current} onChoose={onChoose} />
      ))}
    </ul>
  );
}

const AccountItem = memo(function AccountItem({ summary, current, onChoose }: { summary: AccountSummary; current: boolean; onChoose: (account: AccountId) => void }) {
  const { account } = summary;
  const connected = summary.connection.status === 'connected';
  const dot = connected ? summary.ownPresence.show : 'offline';
  useT(); // the state word follows the interface's language
  return (
    <li className={current ? 'account-item account-item-current' : 'account-item'}>
      <button type="button" className="account-button" aria-current={current ? 'true' : undefined} onClick={() => onChoose(account)}>
        <span className={`dot dot-${dot}`} aria-hidden="true" />
        <span className="account-item-jid">{account}</span>
        <span className="account-item-state">{accountStateWord(summary)}</span>
      </button>
    </li>
  );
});
