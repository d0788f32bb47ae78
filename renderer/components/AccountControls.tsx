/**
 * The current account in the top bar: its JID, its connection state in words, and the way in or
 * out. Sign in uses the saved password, or asks for one.
 */
import { useState } from 'react';
import type { AccountId, AccountSummary, AppError, Result } from '../../app/shared/contract.ts';
import { connectionWord } from '../text/words.ts';
import { PasswordPrompt } from './PasswordPrompt.tsx';
import { useT } from '../i18n/use-t.ts';
import { errorText } from '../text/error-text.ts';

/** What the top bar asks of the core for the current account. */
export interface AccountCommands {
  signIn(account: AccountId, password?: string, rememberPassword?: boolean): Promise<Result<unknown>>;
  signOut(account: AccountId): Promise<Result<unknown>>;
  reconnectNow(account: AccountId): Promise<Result<unknown>>;
}

export function AccountControls({ summary, commands, onError, passwordSavingLocked = false }: {
  summary: AccountSummary;
  commands: AccountCommands;
  onError: (error: AppError | null) => void;
  /** The organisation's policy keeps passwords from being saved (the password prompt says so). */
  passwordSavingLocked?: boolean;
}) {
  const { signIn, signOut, reconnectNow } = commands;
  const { account, connection } = summary;
  const t = useT();
  const [pending, setPending] = useState(false);
  const [asking, setAsking] = useState(false);

  const run = async (command: () => Promise<{ ok: true } | { ok: false; error: AppError }>) => {
    setPending(true);
    onError(null);
    const result = await command();
    setPending(false);
    if (!result.ok) onError(result.error);
  };

  const enter = () => {
    if (summary.passwordSaved) void run(() => signIn(account));
    else setAsking(true);
  };

  return (
    <>
      <span className="account">{account}</span>
      <span className={`connection connection-${connection.status}`} role="status">
        {connectionWord(connection)}
      </span>
      {connection.status === 'connecting' && connection.attempt !== undefined && (
        <span className="reconnect-note">
          {connection.error ? `${errorText(connection.error)} ` : ''}{t('Retrying automatically.')}{' '}
          <button type="button" className="link-button" onClick={() => void reconnectNow(account)}>
            {t('Reconnect now')}
          </button>
        </span>
      )}
      {connection.status === 'disconnected' ? (
        <button type="button" className="secondary top-button" onClick={enter} disabled={pending}>
          {t('Sign in')}
        </button>
      ) : (
        <button
          type="button"
          className="secondary top-button sign-out"
          onClick={() => void run(() => signOut(account))}
          disabled={pending || connection.status === 'disconnecting'}
        >
          {t('Sign out')}
        </button>
      )}
      {asking && <PasswordPrompt account={account} onSignIn={signIn} onClose={() => setAsking(false)} savingLocked={passwordSavingLocked} />}
    </>
  );
}
