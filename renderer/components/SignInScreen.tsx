/**
 * The sign-in form, for the first account and for Add account (then with Cancel). Keeps everything
 * typed when sign-in fails, and says why it failed.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AccountId, AddAccountRequest, AppError, Result } from '../../app/shared/contract.ts';
import { NO_PROXY, validateProxy, validateSignIn, type ProxyFields, type SignInField, type SignInFields } from '../forms/sign-in.ts';
import { ErrorDetails } from './ErrorDetails.tsx';
import { ProxyFieldset } from './ProxyFieldset.tsx';
import { UntrustedCertificateDialog } from './UntrustedCertificateDialog.tsx';
import { policyLocks, activePolicy, type PolicyState } from '../../app/shared/policy.ts';
import { ManagedNote } from './Managed.tsx';
import { useT } from '../i18n/use-t.ts';

interface Invalid {
  readonly field: SignInField;
  readonly message: string;
}

/** What the sign-in form asks of the core. */
export interface SignInCommands {
  addAccount(request: AddAccountRequest): Promise<Result<unknown>>;
  trustCertificate(account: AccountId, fingerprintSha256: string): Promise<Result<unknown>>;
}

/** `onCancel`: this is Add account over the main screen; it is told which account was being signed in, if any. */
export function SignInScreen({ signingIn, signInError, commands, onCancel, policy }: {
  /** An add-account request is in flight, and why the last one failed. */
  signingIn: boolean;
  signInError: AppError | null;
  commands: SignInCommands;
  onCancel?: (pending: AccountId | null) => void;
  /** The organisation's policy: pre-filled, locked fields. */
  policy?: PolicyState | undefined;
}) {
  const t = useT();
  const locks = policyLocks(policy);
  const managed = activePolicy(policy);
  const [fields, setFields] = useState<SignInFields>({ jid: '', password: '', server: managed?.server ?? '', port: managed?.port !== undefined ? String(managed.port) : '' });
  const [remember, setRemember] = useState(!locks.savePasswords);
  const [createOnServer, setCreateOnServer] = useState(false);
  const [oauthToken, setOauthToken] = useState('');
  const [proxy, setProxy] = useState<ProxyFields>(NO_PROXY);
  // A proxy the policy sets: its type, server and port are the policy's; the user may still give a user name and password.
  const lockedProxy = locks.proxy ? (managed?.proxy ?? null) : null;
  const shownProxy: ProxyFields = lockedProxy === null ? proxy : { ...proxy, type: lockedProxy.type, host: lockedProxy.host, port: String(lockedProxy.port) };
  /** The fingerprint whose trust prompt the user closed: not shown again for that refusal. */
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [pending, setPending] = useState<AccountId | null>(null);
  const [invalid, setInvalid] = useState<Invalid | null>(null);
  const id = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const inputRefs = useRef<Partial<Record<SignInField, HTMLInputElement | null>>>({});
  const advancedRef = useRef<HTMLDetailsElement>(null);

  const busy = signingIn;
  const shownError: AppError | null = invalid === null ? signInError : null;

  // A failure from the server: move focus to the explanation (the form keeps every value).
  useEffect(() => {
    if (signInError !== null) alertRef.current?.focus();
  }, [signInError]);

  const change = (field: SignInField) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setFields((current) => ({ ...current, [field]: value }));
    if (invalid?.field === field) setInvalid(null);
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const checked = validateSignIn(fields, oauthToken);
    if (!checked.ok) {
      setInvalid({ field: checked.field, message: checked.message });
      if (checked.field === 'server' || checked.field === 'port') advancedRef.current?.setAttribute('open', '');
      inputRefs.current[checked.field]?.focus();
      return;
    }
    const proxyChecked = validateProxy(shownProxy);
    if (!proxyChecked.ok) {
      setInvalid({ field: 'server', message: proxyChecked.message });
      advancedRef.current?.setAttribute('open', '');
      return;
    }
    setInvalid(null);
    setDismissed(null); // a new attempt: a refused certificate is shown again
    setPending(checked.request.jid);
    void commands.addAccount({
      ...checked.request,
      rememberPassword: remember && !locks.savePasswords,
      ...(createOnServer ? { createOnServer: true } : {}),
      ...(proxyChecked.proxy !== null ? { proxy: proxyChecked.proxy } : {}),
    });
  };

  const fieldProps = (field: SignInField) => ({
    id: `${id}-${field}`,
    ref: (element: HTMLInputElement | null) => {
      inputRefs.current[field] = element;
    },
    value: fields[field],
    onChange: change(field),
    'aria-invalid': invalid?.field === field ? true : undefined,
    'aria-describedby': invalid?.field === field ? `${id}-problem` : (field === 'server' || field === 'port') && locks[field] ? `${id}-${field}-managed` : undefined,
    ...((field === 'server' || field === 'port') && locks[field] ? { disabled: true } : {}),
  });

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{onCancel ? t('Add account') : 'Jabber Desk'}</h1>
        <p className="sign-in-lead">{onCancel ? t('Sign in with another Jabber (XMPP) account.') : t('Sign in with your Jabber (XMPP) account.')}</p>

        {invalid && (
          <div className="alert" role="alert" id={`${id}-problem`}>
            <p className="alert-message">{invalid.message}</p>
          </div>
        )}
        {shownError && (
          <div className="alert" role="alert" tabIndex={-1} ref={alertRef}>
            <ErrorDetails error={shownError} />
          </div>
        )}
        {shownError?.code === 'tls-untrusted' && shownError.certificate && pending !== null && dismissed !== shownError.certificate.fingerprintSha256 && (
          <UntrustedCertificateDialog
            error={shownError}
            certificate={shownError.certificate}
            onCancel={() => setDismissed(shownError.certificate?.fingerprintSha256 ?? null)}
            onTrust={async () => {
              const certificate = shownError.certificate;
              if (certificate === undefined) return;
              const trusted = await commands.trustCertificate(pending, certificate.fingerprintSha256);
              setDismissed(certificate.fingerprintSha256);
              if (trusted.ok) submit();
            }}
          />
        )}

        <div className="field">
          <label htmlFor={`${id}-jid`}>{t('Jabber ID')}</label>
          <input
            {...fieldProps('jid')}
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            placeholder={managed?.domain !== undefined ? `name@${managed.domain}` : 'alice@example.com'}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('Password')}</label>
          <input {...fieldProps('password')} type="password" autoComplete="current-password" />
        </div>

        <details className="advanced" ref={advancedRef}>
          <summary>{t('Advanced')}</summary>
          <div className="field">
            <label htmlFor={`${id}-server`}>{t('Server')}</label>
            <input
              {...fieldProps('server')}
              type="text"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              placeholder={t('Found automatically')}
            />
            {locks.server && <ManagedNote id={`${id}-server-managed`} />}
          </div>
          <div className="field">
            <label htmlFor={`${id}-port`}>{t('Port')}</label>
            <input {...fieldProps('port')} type="text" inputMode="numeric" placeholder="5222" />
            {locks.port && <ManagedNote id={`${id}-port-managed`} />}
          </div>
          <div className="field">
            <label htmlFor={`${id}-oauth-token`}>{t('Access token (instead of the password)')}</label>
            <input id={`${id}-oauth-token`} type="password" autoComplete="off" value={oauthToken} onChange={(event) => setOauthToken(event.target.value)} />
          </div>
          {lockedProxy !== null ? (
            <>
              <ProxyFieldset proxy={shownProxy} onChange={setProxy} managedId={`${id}-proxy-managed`} />
              <ManagedNote id={`${id}-proxy-managed`} />
            </>
          ) : locks.proxy ? (
            <p className="field">
              {t('Proxy:')} {t('none (direct connection)')} <ManagedNote />
            </p>
          ) : (
            <ProxyFieldset proxy={proxy} onChange={setProxy} />
          )}
        </details>

        <label className="check">
          <input
            type="checkbox"
            checked={remember && !locks.savePasswords}
            disabled={locks.savePasswords}
            aria-describedby={locks.savePasswords ? `${id}-remember-managed` : undefined}
            onChange={(event) => setRemember(event.target.checked)}
          />
          {t('Remember password')}
        </label>
        {locks.savePasswords && <ManagedNote id={`${id}-remember-managed`} />}
        <label className="check">
          <input type="checkbox" checked={createOnServer} onChange={(event) => setCreateOnServer(event.target.checked)} />
          {t('Create this account on the server')}
        </label>

        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('Signing in…') : t('Sign in')}
          </button>
          {onCancel && (
            <button type="button" className="secondary" onClick={() => onCancel(pending)}>
              {t('Cancel')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
