/** The accounts, and which one the top bar and "My status" act on. */
import { AccountList } from '../components/AccountList.tsx';
import { chooseAccount } from '../state/actions.ts';
import { useCurrentAccount } from '../state/hooks.ts';
import { useJabberStore } from '../state/store.ts';

export function AccountListContainer() {
  const accounts = useJabberStore((state) => state.accounts);
  const current = useCurrentAccount()?.account;
  return <AccountList accounts={accounts} current={current} onChoose={chooseAccount} />;
}
