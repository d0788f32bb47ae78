/** Every account with its settings: enabled, server and port, sign out, remove. */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { AccountId, AccountProxyInput, AccountSummary, AppError, Result, ServerFeatures, TrustedAuthority } from '../../app/shared/contract.ts';
import { proxyFieldsOf, validateProxy, validateServer, type ProxyFields } from '../forms/sign-in.ts';
import { connectionWord } from '../text/words.ts';
import { useT } from '../i18n/use-t.ts';
import { ErrorAlert } from './ErrorDetails.tsx';
import { Modal } from './Modal.tsx';
import { ProxyFieldset } from './ProxyFieldset.tsx';
import { activePolicy, policyLocks, type PolicyState } from '../../app/shared/policy.ts';
import { ManagedNote } from './Managed.tsx';
import { ServerFeaturesView } from './ServerFeaturesView.tsx';

/** What Account settings asks of the core. */
export interface AccountSettingsCommands {
  addTrustedAuthority(pem: string): Promise<Result<unknown>>;
  removeTrustedAuthority(fingerprintSha256: string): Promise<Result<unknown>>;
  removeTrustedCertificate(account: AccountId, fingerprintSha256: string): Promise<Result<unknown>>;
  setAccountEnabled(account: AccountId, enabled: boolean): Promise<Result<unknown>>;
  updateConnectionSettings(account: AccountId, host: string | null, port: number | null, proxy: AccountProxyInput | null): Promise<Result<unknown>>;
  changePassword(account: AccountId, newPassword: string): Promise<Result<unknown>>;
  signOut(account: AccountId): Promise<Result<unknown>>;
  removeAccount(account: AccountId): Promise<Result<unknown>>;
  /** What the account's server offers (disco and the stream's negotiation). */
  getServerFeatures(account: AccountId): Promise<Result<ServerFeatures>>;
}

export function AccountSettings({ accounts, authorities, commands, autoAway, renderOwnProfile, onClose, policy }: {
  accounts: readonly AccountSummary[];
  authorities: readonly TrustedAuthority[];
  commands: AccountSettingsCommands;
  /** The automatic away settings (a container). */
  autoAway: ReactNode;
  /** A signed-in account's own profile (a container). */
  renderOwnProfile: (account: AccountId) => ReactNode;
  onClose: () => void;
  /** The organisation's policy: locked settings are disabled and marked. */
  policy?: PolicyState | undefined;
}) {
  const t = useT();
  return (
    <Modal title={t('Account settings')} onClose={onClose}>
      <ul className="account-settings-list">
        {accounts.map((summary) => (
          <AccountSettingsForm key={summary.account} summary={summary} commands={commands} ownProfile={renderOwnProfile} policy={policy} />
        ))}
      </ul>
      <CompanyAuthorities authorities={authorities} commands={commands} policy={policy} />
      {autoAway}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('Close')}
        </button>
      </div>
    </Modal>
  );
}

/** Company CAs, added once and trusted for every account. */
function CompanyAuthorities({ authorities, commands, policy }: { authorities: readonly TrustedAuthority[]; commands: AccountSettingsCommands; policy?: PolicyState | undefined }) {
  const t = useT();
  const required = activePolicy(policy)?.certificateAuthority;
  const { addTrustedAuthority, removeTrustedAuthority } = commands;
  const id = useId();
  const [pem, setPem] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await addTrustedAuthority(pem);
    setBusy(false);
    if (result.ok) setPem('');
    else setError(result.error);
  };
  return (
    <section className="company-authorities" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('Company certificate authorities')}</h3>
      {required !== undefined ? (
        <p className="note">
          {t('Only {{subject}} ({{fingerprint}}) is trusted for your organisation’s server.', { subject: required.subject, fingerprint: required.fingerprintSha256 })} <ManagedNote />
        </p>
      ) : (
        <p className="note">{t('Trusted for every account, in addition to the system’s. Add only what your administrator gives you.')}</p>
      )}
      {authorities.length > 0 && (
        <ul aria-labelledby={`${id}-title`}>
          {authorities.map((authority) => (
            <li key={authority.fingerprintSha256} aria-label={`${authority.subject}, ${authority.fingerprintSha256}`}>
              <span>{authority.subject}</span>
              <code className="fingerprint">{authority.fingerprintSha256}</code>
              <button type="button" className="secondary" onClick={() => void removeTrustedAuthority(authority.fingerprintSha256)}>
                {t('Remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={error} />
      <form onSubmit={(event) => void add(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-pem`}>{t('Certificate (PEM)')}</label>
          <textarea id={`${id}-pem`} rows={4} spellCheck={false} value={pem} onChange={(event) => setPem(event.target.value)} placeholder="-----BEGIN CERTIFICATE-----" />
        </div>
        <button type="submit" className="secondary" disabled={busy || pem.trim().length === 0 || required !== undefined}>
          {t('Add authority')}
        </button>
      </form>
    </section>
  );
}

type Outcome = { ok: true } | { ok: false; error: AppError };

function AccountSettingsForm({ summary, commands, ownProfile, policy }: { summary: AccountSummary; commands: AccountSettingsCommands; ownProfile: (account: AccountId) => ReactNode; policy?: PolicyState | undefined }) {
  const t = useT();
  const { account, connection } = summary;
  const managed = activePolicy(policy);
  const onDomain = managed?.domain !== undefined && account.endsWith(`@${managed.domain}`);
  const locks = policyLocks(policy);
  const serverLocked = onDomain && locks.server;
  const portLocked = onDomain && locks.port;
  const { changePassword, removeAccount, removeTrustedCertificate, setAccountEnabled, signOut, updateConnectionSettings } = commands;
  const id = useId();
  const [server, setServer] = useState((serverLocked ? managed?.server : undefined) ?? summary.host ?? '');
  const [port, setPort] = useState(portLocked && managed?.port !== undefined ? String(managed.port) : summary.port === undefined ? '' : String(summary.port));
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [proxy, setProxy] = useState<ProxyFields>(() => proxyFieldsOf(summary.proxy));

  const run = async (command: () => Promise<Outcome>, done?: string) => {
    setBusy(true);
    setError(null);
    setNote(null);
    const result = await command();
    setBusy(false);
    if (!result.ok) setError(result.error);
    else if (done !== undefined) setNote(done);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const checked = validateServer({ server, port });
    if (!checked.ok) {
      setError({ code: 'invalid-argument', message: checked.message });
      return;
    }
    const proxyChecked = validateProxy(proxy);
    if (!proxyChecked.ok) {
      setError({ code: 'invalid-argument', message: proxyChecked.message });
      return;
    }
    void run(async () => {
      const result = await updateConnectionSettings(account, checked.host, checked.port, proxyChecked.proxy);
      if (result.ok) setProxy((current) => ({ ...current, password: '' }));
      return result;
    }, t('Saved. It applies from the next connection.'));
  };

  return (
    <li className="account-settings-item" aria-label={account}>
      <div className="account-settings-head">
        <h3>{account}</h3>
        <span className={`connection connection-${connection.status}`}>{connectionWord(connection)}</span>
      </div>
      <ErrorAlert error={error} />
      {note && <p className="note">{note}</p>}
      <label className="check">
        <input type="checkbox" checked={summary.enabled} disabled={busy} onChange={(event) => void run(() => setAccountEnabled(account, event.target.checked))} />
        {t('Enabled')}
      </label>
      <form className="server-form" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={`${id}-server`}>{t('Server')}</label>
          <input id={`${id}-server`} type="text" autoCapitalize="none" autoCorrect="off" spellCheck={false} placeholder={t('Found automatically')} value={server} onChange={(event) => setServer(event.target.value)}
            disabled={serverLocked} aria-describedby={serverLocked ? `${id}-server-managed` : undefined} />
          {serverLocked && <ManagedNote id={`${id}-server-managed`} />}
        </div>
        <div className="field field-port">
          <label htmlFor={`${id}-port`}>{t('Port')}</label>
          <input id={`${id}-port`} type="text" inputMode="numeric" placeholder="5222" value={port} onChange={(event) => setPort(event.target.value)}
            disabled={portLocked} aria-describedby={portLocked ? `${id}-port-managed` : undefined} />
          {portLocked && <ManagedNote id={`${id}-port-managed`} />}
        </div>
        <ProxyFieldset proxy={proxy} onChange={setProxy} passwordSaved={summary.proxy?.username !== undefined} />
        {locks.proxy && <ManagedNote detail={managed?.proxy ? t('connections go through {{host}}:{{port}}', { host: managed.proxy.host, port: managed.proxy.port }) : t('direct connection')} />}
        <button type="submit" className="secondary" disabled={busy}>
          {t('Save')}
        </button>
      </form>
      {summary.trustedCertificates.length > 0 && (
        <section className="trusted-certificates">
          <h4 id={`${id}-trusted`}>{t('Trusted certificates')}</h4>
          <ul aria-labelledby={`${id}-trusted`}>
            {summary.trustedCertificates.map((certificate) => (
              <li key={certificate.fingerprintSha256} aria-label={`${certificate.subject}, ${certificate.fingerprintSha256}`}>
                <span>{certificate.subject}</span>
                <code className="fingerprint">{certificate.fingerprintSha256}</code>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => void run(() => removeTrustedCertificate(account, certificate.fingerprintSha256), t('Certificate removed: it will be refused from the next connection.'))}
                >
                  {t('Remove')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {connection.status === 'connected' && (
        <form
          className="server-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              const result = await changePassword(account, newPassword);
              if (result.ok) setNewPassword('');
              return result;
            }, t('Password changed on the server.'));
          }}
          noValidate
        >
          <div className="field">
            <label htmlFor={`${id}-new-password`}>{t('New password')}</label>
            <input id={`${id}-new-password`} type="password" autoComplete="new-password" value={newPassword} onChange={(event) => setNewPassword(event.target.value)} />
          </div>
          <button type="submit" className="secondary" disabled={busy || newPassword.length === 0}>
            {t('Change password')}
          </button>
        </form>
      )}
      {connection.status === 'connected' && ownProfile(account)}
      {connection.status === 'connected' && <ServerFeaturesView account={account} load={commands.getServerFeatures} />}
      <div className="form-actions">
        {connection.status !== 'disconnected' && (
          <button type="button" className="secondary" disabled={busy || connection.status === 'disconnecting'} onClick={() => void run(() => signOut(account))}>
            {t('Sign out')}
          </button>
        )}
        {confirming ? (
          <>
            <p className="note">{t('Remove {{account}}? Its settings and saved password are forgotten.', { account })}</p>
            <button type="button" className="danger" disabled={busy} onClick={() => void run(() => removeAccount(account))}>
              {t('Yes, remove')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('Keep it')}
            </button>
          </>
        ) : (
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            {t('Remove account')}
          </button>
        )}
      </div>
    </li>
  );
}
