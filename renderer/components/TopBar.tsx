/** The current account and its state, and the ways to add and manage accounts. */
import { useEffect, useState, type ReactNode } from 'react';
import type { AccountSummary, AppError } from '../../app/shared/contract.ts';
import { AccountControls, type AccountCommands } from './AccountControls.tsx';
import { ErrorDetails } from './ErrorDetails.tsx';
import { currentLanguage } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';
import { numberFormat } from '../text/intl.ts';

export function TopBar({ current, syncing, commands, onAddAccount, renderSettings, onOpenAppSettings, passwordSavingLocked = false }: {
  current: AccountSummary | undefined;
  /** Messages fetched so far while the current account catches up from its archive; undefined when it is not. */
  syncing: number | undefined;
  commands: AccountCommands;
  onAddAccount: () => void;
  /** The Account settings dialog (a container), given how to close it. */
  renderSettings: (onClose: () => void) => ReactNode;
  /** Opens Settings (the app's, for every account). */
  onOpenAppSettings?: () => void;
  /** The organisation's policy keeps passwords from being saved: the password prompt says so. */
  passwordSavingLocked?: boolean;
}) {
  const t = useT();
  const [error, setError] = useState<AppError | null>(null);
  const [settings, setSettings] = useState(false);
  const account = current?.account;
  // A failed command belongs to the account it was for.
  useEffect(() => setError(null), [account]);
  // Why the current account is offline (a failed sign-in, a session the server ended), unless a command failed since.
  const problem = error ?? (current?.connection.status === 'disconnected' ? (current.connection.error ?? null) : null);

  return (
    <>
      <header className="top-bar">
        <h1 className="brand">Jabber Desk</h1>
        {current && <AccountControls key={current.account} summary={current} commands={commands} onError={setError} passwordSavingLocked={passwordSavingLocked} />}
        <span className="top-actions">
          <button type="button" className="secondary top-button" onClick={onAddAccount}>
            {t('Add account')}
          </button>
          <button type="button" className="secondary top-button" onClick={() => setSettings(true)}>
            {t('Account settings')}
          </button>
          {onOpenAppSettings && (
            <button type="button" className="secondary top-button" onClick={onOpenAppSettings}>
              {t('Settings')}
            </button>
          )}
        </span>
      </header>
      {syncing !== undefined && (
        <p className="archive-sync" role="status">
          {t('Fetching messages from the server’s archive… {{number}} so far', { number: numberFormat(currentLanguage()).format(syncing) })}
        </p>
      )}
      {problem && (
        <div className="alert account-problem" role="alert">
          <ErrorDetails error={problem} />
        </div>
      )}
      {settings && renderSettings(() => setSettings(false))}
    </>
  );
}
