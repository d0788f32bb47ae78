/** An AppError for people: its message, and for an untrusted certificate the facts needed to judge it. */
import type { AppError } from '../../app/shared/contract.ts';

export function ErrorDetails({ error }: { error: AppError }) {
  const certificate = error.code === 'tls-untrusted' ? error.certificate : undefined;
  return (
    <>
      <p className="alert-message">{error.message}</p>
      {certificate && (
        <dl className="certificate">
          <dt>Subject</dt>
          <dd>{certificate.subject}</dd>
          <dt>Issuer</dt>
          <dd>{certificate.issuer}</dd>
          <dt>SHA-256 fingerprint</dt>
          <dd className="fingerprint">{certificate.fingerprintSha256}</dd>
          <dt>Valid</dt>
          <dd>
            {certificate.validFrom} – {certificate.validTo}
          </dd>
          <dt>Reason</dt>
          <dd>{certificate.reason}</dd>
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
