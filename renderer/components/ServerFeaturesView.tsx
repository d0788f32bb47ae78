/** In Account settings, for a signed-in account: what its server offers and how the link is secured, asked on demand. */
import { useId, useState } from 'react';
import type { AccountId, AppError, Result, ServerFeatures } from '../../app/shared/contract.ts';
import { ErrorAlert } from './ErrorDetails.tsx';
import { useT } from '../i18n/use-t.ts';

export function ServerFeaturesView({ account, load, headingLevel = 4 }: {
  account: AccountId;
  load: (account: AccountId) => Promise<Result<ServerFeatures>>;
  /** Its heading's level: 4 inside an account of Account settings, 3 in a dialog of its own. */
  headingLevel?: 3 | 4;
}) {
  const t = useT();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const id = useId();
  const [features, setFeatures] = useState<ServerFeatures | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await load(account);
    setBusy(false);
    if (result.ok) setFeatures(result.value);
    else setError(result.error);
  };
  const missing = features?.features.filter((feature) => !feature.supported).length ?? 0;
  return (
    <section className="server-features" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t('Server features')}</Heading>
      <ErrorAlert error={error} />
      {/* aria-disabled, not disabled: the button keeps the keyboard focus while the answer comes. */}
      <button type="button" className="secondary" aria-disabled={busy} onClick={() => void check()}>
        {features === null ? t('Check server features') : t('Check again')}
      </button>
      {features !== null && (
        <>
          <dl className="server-link" aria-label={t('Connection security')}>
            <dt>{t('Encryption')}</dt>
            <dd>{features.link === null ? t('Not known') : `${features.link.tlsVersion ?? 'TLS'}${features.link.cipher !== null ? `, ${features.link.cipher}` : ''}${features.link.directTls ? ` (${t('direct TLS')})` : ' (STARTTLS)'}`}</dd>
            <dt>{t('Sign-in')}</dt>
            <dd>{features.link === null ? t('Not known') : t('{{mechanism}} ({{authentication}}); offered: {{mechanisms}}', { mechanism: features.link.mechanism, authentication: features.link.authentication.toUpperCase(), mechanisms: features.link.mechanisms.join(', ') })}</dd>
            {features.software !== null && (
              <>
                <dt>{t('Server software')}</dt>
                <dd>{`${features.software.name} ${features.software.version}`.trim()}</dd>
              </>
            )}
          </dl>
          <p className="note">{missing === 0 ? t('Everything checked is offered.') : t('{{missing}} of {{total}} not offered: the features that depend on them are unavailable.', { missing, total: features.features.length })}</p>
          <ul className="server-feature-list" aria-label={t('Server features of {{account}}', { account })}>
            {features.features.map((feature) => (
              <li key={feature.id} aria-label={`${feature.name}, ${feature.supported ? t('Supported') : t('Not offered')}`} className={feature.supported ? 'supported' : 'missing'}>
                <span className="server-feature-name">{feature.name}</span> <span className="server-feature-spec">{feature.spec}</span>{' '}
                <strong>{feature.supported ? t('Supported') : t('Not offered')}</strong>
                {feature.detail !== undefined && <span className="server-feature-detail"> ({feature.detail})</span>}
                <p className="note">{feature.affects}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
