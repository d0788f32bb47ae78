/** Asks for the password of an account that has none saved, and signs it in. */
import { useId, useState, type FormEvent } from 'react';
import type { AccountId, AppError, Result } from '../../app/shared/contract.ts';
import { ErrorAlert } from './ErrorDetails.tsx';
import { ManagedNote } from './Managed.tsx';
import { Modal } from './Modal.tsx';
import { useT } from '../i18n/use-t.ts';

export function PasswordPrompt({ account, onSignIn, onClose, savingLocked = false }: {
  account: AccountId;
  onSignIn: (account: AccountId, password: string, rememberPassword: boolean) => Promise<Result<unknown>>;
  onClose: () => void;
  /** The organisation's policy keeps passwords from being saved: the box is off, disabled and says why. */
  savingLocked?: boolean;
}) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (password === '') {
      setError({ code: 'invalid-argument', message: t('Enter your password.') });
      return;
    }
    setBusy(true);
    const result = await onSignIn(account, password, remember && !savingLocked);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Modal title={t('Sign in to {{account}}', { account })} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ErrorAlert error={error} />
        <div className="field">
          <label htmlFor={id}>{t('Password')}</label>
          <input id={id} type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={remember && !savingLocked}
            disabled={savingLocked}
            aria-describedby={savingLocked ? `${id}-remember-managed` : undefined}
            onChange={(event) => setRemember(event.target.checked)}
          />
          {t('Remember password')}
        </label>
        {savingLocked && <ManagedNote id={`${id}-remember-managed`} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('Signing in…') : t('Sign in')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('Cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
