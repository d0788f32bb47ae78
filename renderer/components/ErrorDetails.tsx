/** An AppError for people: its message, and for an untrusted certificate the facts needed to judge it. */
import type { AppError } from '../../app/shared/contract.ts';
import { useT } from '../i18n/use-t.ts';
import { certificateReason, errorText } from '../text/error-text.ts';

export function ErrorDetails({ error }: { error: AppError }) {
  const t = useT();
  const certificate = error.code === 'tls-untrusted' ? error.certificate : undefined;
  return (
    <>
      <p className="alert-message">{errorText(error)}</p>
      {certificate && (
        <dl className="certificate">
          <dt>{t('Subject', { context: 'certificate' })}</dt>
          <dd>{certificate.subject}</dd>
          <dt>{t('Issuer')}</dt>
          <dd>{certificate.issuer}</dd>
          <dt>{t('SHA-256 fingerprint')}</dt>
          <dd className="fingerprint">{certificate.fingerprintSha256}</dd>
          <dt>{t('Valid')}</dt>
          <dd>
            {certificate.validFrom} – {certificate.validTo}
          </dd>
          <dt>{t('Reason')}</dt>
          <dd>{certificateReason(certificate)}</dd>
        </dl>
      )}
    </>
  );
}

/** An error announced where it happened (role="alert"); nothing when there is none. */
export function ErrorAlert({ error }: { error: AppError | null }) {
  if (error === null) return null;
  return (
    <div className="alert" role="alert">
      <ErrorDetails error={error} />
    </div>
  );
}
