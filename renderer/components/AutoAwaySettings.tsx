/** Automatic away for the whole profile: on or off, and after how many idle minutes away and extended away. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AppError, AutoAwaySettings as Settings, Result } from '../../app/shared/contract.ts';
import { useT } from '../i18n/use-t.ts';
import { errorText } from '../text/error-text.ts';

/** `settings`: null until the core has said what they are (nothing is shown till then). */
export function AutoAwaySettings({ settings, onSave }: { settings: Settings | null; onSave: (settings: Settings) => Promise<Result<unknown>> }) {
  const t = useT();
  const id = useId();
  const [enabled, setEnabled] = useState(true);
  const [away, setAway] = useState('5');
  const [xa, setXa] = useState('30');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (settings === null) return;
    setEnabled(settings.enabled);
    setAway(String(settings.awayAfterMinutes));
    setXa(String(settings.xaAfterMinutes));
  }, [settings]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await onSave({ enabled, awayAfterMinutes: Number(away), xaAfterMinutes: Number(xa) });
    setError(result.ok ? null : result.error);
    setSaved(result.ok);
  };

  if (settings === null) return null;
  return (
    <section className="auto-away" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('Automatic away')}</h3>
      <form onSubmit={(event) => void save(event)}>
        <label className="checkbox">
          <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} /> {t('Go away when I am idle')}
        </label>
        <div className="server-form">
          <div className="field">
            <label htmlFor={`${id}-away`}>{t('Away after (minutes)')}</label>
            <input id={`${id}-away`} type="number" min={1} max={1440} step={1} value={away} disabled={!enabled} onChange={(event) => setAway(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-xa`}>{t('Extended away after (minutes)')}</label>
            <input id={`${id}-xa`} type="number" min={2} max={1440} step={1} value={xa} disabled={!enabled} onChange={(event) => setXa(event.target.value)} />
          </div>
        </div>
        <p className="note">{t('Your own choice of Away, Extended away or Do not disturb is never changed; Online comes back when you do.')}</p>
        <button type="submit" className="secondary">{t('Save automatic away')}</button>
        {saved && <span role="status"> {t('Saved.')}</span>}
        {error && (
          <div className="alert" role="alert">
            <p className="alert-message">{errorText(error)}</p>
          </div>
        )}
      </form>
    </section>
  );
}
