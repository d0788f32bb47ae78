/** The current account and its state, and the ways to add and manage accounts. */
import { useEffect, useState } from 'react';
import type { AppError } from '../../app/shared/contract.ts';
import { openAddAccount } from '../state/actions.ts';
import { useCurrentAccount } from '../state/hooks.ts';
import { useJabberStore } from '../state/store.ts';
import { AccountControls } from './AccountControls.tsx';
import { AccountSettings } from './AccountSettings.tsx';
import { ErrorDetails } from './ErrorDetails.tsx';

export function TopBar() {
  const current = useCurrentAccount();
  const [error, setError] = useState<AppError | null>(null);
  const [settings, setSettings] = useState(false);
  const account = current?.account;
  const syncing = useJabberStore((state) => (account === undefined ? undefined : state.archiveSync[account]));
  // A failed command belongs to the account it was for.
  useEffect(() => setError(null), [account]);
  // Why the current account is offline (a failed sign-in, a session the server ended), unless a command failed since.
  const problem = error ?? (current?.connection.status === 'disconnected' ? (current.connection.error ?? null) : null);

  return (
    <>
      <header className="top-bar">
        <span className="brand">Jabber Desk</span>
        {current && <AccountControls key={current.account} summary={current} onError={setError} />}
        <span className="top-actions">
          <button type="button" className="secondary top-button" onClick={openAddAccount}>
            Add account
          </button>
          <button type="button" className="secondary top-button" onClick={() => setSettings(true)}>
            Account settings
          </button>
        </span>
      </header>
      {syncing !== undefined && (
        <p className="archive-sync" role="status">
          Fetching messages from the server’s archive… {syncing.toLocaleString()} so far
        </p>
      )}
      {problem && (
        <div className="alert account-problem" role="alert">
          <ErrorDetails error={problem} />
        </div>
      )}
      {settings && <AccountSettings onClose={() => setSettings(false)} />}
    </>
  );
}
