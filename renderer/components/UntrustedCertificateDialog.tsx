/**
 * The decision to trust a certificate no authority vouches for: everything needed to compare it with
 * what the administrator says (subject, issuer, validity, SHA-256 fingerprint), and the reason.
 * A certificate that changed since it was trusted is announced first and loudly.
 */
import { useState } from 'react';
import type { AppError, CertificateInfo } from '../../app/shared/contract.ts';
import { Modal } from './Modal.tsx';
import { currentLanguage } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';
import { certificateReason, errorText } from '../text/error-text.ts';
import { dateTimeFormat } from '../text/intl.ts';

function day(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat(currentLanguage(), { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

export function UntrustedCertificateDialog({
  error,
  certificate,
  onTrust,
  onCancel,
}: {
  error: AppError;
  certificate: CertificateInfo;
  onTrust: () => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const changed = error.condition === 'certificate-changed';
  return (
    <Modal title={t('Untrusted certificate')} onClose={onCancel}>
      {changed && (
        <div className="alert" role="alert">
          <p className="alert-message">{errorText(error)}</p>
        </div>
      )}
      <p>
        {t('The server’s certificate is not trusted: {{reason}}. Trust it only if your administrator confirms this fingerprint.', { reason: certificateReason(certificate) })}
      </p>
      <dl className="certificate">
        <dt>{t('Issued to')}</dt>
        <dd>{certificate.subject}</dd>
        <dt>{t('Issued by')}</dt>
        <dd>{certificate.issuer}</dd>
        <dt>{t('Valid')}</dt>
        <dd>
          {t('{{from}} to {{to}}', { from: day(certificate.validFrom), to: day(certificate.validTo) })}
        </dd>
        <dt>{t('SHA-256 fingerprint')}</dt>
        <dd className="fingerprint">{certificate.fingerprintSha256}</dd>
      </dl>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('Cancel')}
        </button>
        <button
          type="button"
          className={changed ? 'danger' : 'primary'}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onTrust().finally(() => setBusy(false));
          }}
        >
          {t('Trust this certificate')}
        </button>
      </div>
    </Modal>
  );
}
