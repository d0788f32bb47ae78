/**
 * The current account in the top bar: its JID, its connection state in words, and the way in or
 * out. Sign in uses the saved password, or asks for one.
 */
import { useState } from 'react';
import type { AccountSummary, AppError } from '../../app/shared/contract.ts';
import { reconnectNow, signIn, signOut } from '../state/actions.ts';
import { connectionWord } from '../text/words.ts';
import { PasswordPrompt } from './PasswordPrompt.tsx';

export function AccountControls({ summary, onError }: { summary: AccountSummary; onError: (error: AppError | null) => void }) {
  const { account, connection } = summary;
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
          {connection.error ? `${connection.error.message} ` : ''}Retrying automatically.{' '}
          <button type="button" className="link-button" onClick={() => void reconnectNow(account)}>
            Reconnect now
          </button>
        </span>
      )}
      {connection.status === 'disconnected' ? (
        <button type="button" className="secondary top-button" onClick={enter} disabled={pending}>
          Sign in
        </button>
      ) : (
        <button
          type="button"
          className="secondary top-button sign-out"
          onClick={() => void run(() => signOut(account))}
          disabled={pending || connection.status === 'disconnecting'}
        >
          Sign out
        </button>
      )}
      {asking && <PasswordPrompt account={account} onClose={() => setAsking(false)} />}
    </>
  );
}
