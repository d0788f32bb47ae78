/** Who is signed in, the connection state in words, and the way out. */
import { useState } from 'react';
import type { AppError } from '../../app/shared/contract.ts';
import { reconnectNow, signOut } from '../state/actions.ts';
import { useAccount, useConnection } from '../state/hooks.ts';
import { connectionWord } from '../text/words.ts';
import { ErrorDetails } from './ErrorDetails.tsx';

export function TopBar() {
  const connection = useConnection();
  const account = useAccount();
  const [error, setError] = useState<AppError | null>(null);
  const [pending, setPending] = useState(false);

  const leave = async () => {
    setPending(true);
    setError(null);
    const result = await signOut();
    setPending(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <header className="top-bar">
      <span className="brand">Jabber Desk</span>
      <span className="account">{account}</span>
      <span className={`connection connection-${connection.status}`} role="status">
        {connectionWord(connection)}
      </span>
      {connection.status === 'connecting' && connection.attempt !== undefined && (
        <span className="reconnect-note">
          {connection.error ? `${connection.error.message} ` : ''}Retrying automatically.{' '}
          <button type="button" className="link-button" onClick={() => void reconnectNow()}>
            Reconnect now
          </button>
        </span>
      )}
      {error && (
        <div className="alert alert-inline" role="alert">
          <ErrorDetails error={error} />
        </div>
      )}
      <button type="button" className="secondary sign-out" onClick={() => void leave()} disabled={pending || connection.status === 'disconnecting'}>
        Sign out
      </button>
    </header>
  );
}
