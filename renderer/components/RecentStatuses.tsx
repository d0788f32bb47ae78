/**
 * The status messages set lately (a handful, for the whole profile), offered again under a
 * "Recent status messages" button; each can be chosen or forgotten.
 */
import { useState } from 'react';
import { useT } from '../i18n/use-t.ts';

export function RecentStatuses({ recent, disabled, onChoose, onForget }: {
  recent: readonly string[];
  disabled: boolean;
  onChoose: (status: string) => void;
  onForget: (status: string) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (recent.length === 0) return null;
  return (
    <div className="recent-statuses">
      <button type="button" className="recent-statuses-toggle" aria-expanded={open} disabled={disabled} onClick={() => setOpen((value) => !value)}>
        {t('Recent status messages')}
      </button>
      {open && !disabled && (
        <ul className="recent-statuses-list" aria-label={t('Recent status messages')}>
          {recent.map((status) => (
            <li key={status}>
              <button
                type="button"
                className="recent-status"
                onClick={() => {
                  setOpen(false);
                  onChoose(status);
                }}
              >
                {status}
              </button>
              <button type="button" className="recent-status-forget" aria-label={t('Forget “{{status}}”', { status })} onClick={() => onForget(status)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
