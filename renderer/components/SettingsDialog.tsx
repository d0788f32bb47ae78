/**
 * Settings (the whole app, every account): appearance, notifications, privacy and, in the desktop app,
 * tray and login. Each change applies and is saved at once; the dialog only shows and edits.
 */
import { useId, type ReactNode } from 'react';
import type { AppError, AppSettings, FontSize, HostInfo, ThemeChoice } from '../../app/shared/contract.ts';
import { LANGUAGE_NAMES, LANGUAGES, type LanguageChoice, type SpellCheckChoice } from '../../app/shared/i18n/languages.ts';
import { languageChoice, spellCheckChoice } from '../../app/shared/settings.ts';
import { useT, type Translate } from '../i18n/use-t.ts';
import { ErrorDetails } from './ErrorDetails.tsx';
import { Modal } from './Modal.tsx';

const THEMES = (t: Translate): readonly { value: ThemeChoice; label: string }[] => [
  { value: 'system', label: t('Same as the system') },
  { value: 'light', label: t('Light') },
  { value: 'dark', label: t('Dark') },
];

const FONT_SIZES = (t: Translate): readonly { value: FontSize; label: string }[] => [
  { value: 'small', label: t('Small') },
  { value: 'normal', label: t('Normal') },
  { value: 'large', label: t('Large') },
  { value: 'larger', label: t('Larger') },
];

/** Each language named in its own language, so anyone finds theirs whatever the interface shows now. */
const LANGUAGE_OPTIONS = (t: Translate): readonly { value: LanguageChoice; label: string }[] => [
  { value: 'system', label: t('Same as the system') },
  ...LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] })),
];

const SPELL_CHECK_OPTIONS = (t: Translate): readonly { value: SpellCheckChoice; label: string }[] => [
  { value: 'interface', label: t('Same as the interface language') },
  ...LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] })),
  { value: 'off', label: t('Off') },
];

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function Check({ label, checked, disabled = false, onChange }: { label: string; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} /> {label}
    </label>
  );
}

export function SettingsDialog({ settings, host, error, onChange, onClose, shortcuts }: {
  settings: AppSettings;
  host: HostInfo | null;
  /** Why the last change could not be saved; null when it was. */
  error: AppError | null;
  onChange: (next: AppSettings) => void;
  onClose: () => void;
  /** The keyboard shortcuts, as "keys → what they do" (shown for reference). */
  shortcuts: readonly { readonly keys: string; readonly action: string }[];
}) {
  const t = useT();
  const fontId = useId();
  const languageId = useId();
  const spellCheckId = useId();
  const themeName = useId();
  const { notifications, privacy, desktop } = settings;
  return (
    <Modal title={t('Settings')} onClose={onClose}>
      <div className="settings">
        {error && (
          <div className="alert" role="alert">
            <ErrorDetails error={error} />
          </div>
        )}
        <Section title={t('Appearance')}>
          <fieldset className="theme-choice">
            <legend>{t('Theme')}</legend>
            {THEMES(t).map((theme) => (
              <label key={theme.value} className="radio">
                <input type="radio" name={themeName} value={theme.value} checked={settings.theme === theme.value} onChange={() => onChange({ ...settings, theme: theme.value })} />{' '}
                {theme.label}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={fontId}>{t('Text size')}</label>
            <select id={fontId} value={settings.fontSize} onChange={(event) => onChange({ ...settings, fontSize: event.target.value as FontSize })}>
              {FONT_SIZES(t).map((size) => (
                <option key={size.value} value={size.value}>
                  {size.label}
                </option>
              ))}
            </select>
          </div>
        </Section>
        <Section title={t('Language')}>
          <div className="field">
            <label htmlFor={languageId}>{t('Language')}</label>
            <select id={languageId} value={languageChoice(settings)} onChange={(event) => onChange({ ...settings, language: event.target.value as LanguageChoice })}>
              {LANGUAGE_OPTIONS(t).map((option) => (
                <option key={option.value} value={option.value} lang={option.value === 'system' ? undefined : option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={spellCheckId}>{t('Spell-check language')}</label>
            <select id={spellCheckId} value={spellCheckChoice(settings)} onChange={(event) => onChange({ ...settings, spellCheck: event.target.value as SpellCheckChoice })}>
              {SPELL_CHECK_OPTIONS(t).map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </Section>
        <Section title={t('Notifications')}>
          <Check label={t('Notify me of new messages')} checked={notifications.enabled} onChange={(enabled) => onChange({ ...settings, notifications: { ...notifications, enabled } })} />
          <Check
            label={t('Show the message text in notifications')}
            checked={notifications.preview}
            disabled={!notifications.enabled}
            onChange={(preview) => onChange({ ...settings, notifications: { ...notifications, preview } })}
          />
          <Check label={t('Play a sound')} checked={notifications.sound} disabled={!notifications.enabled} onChange={(sound) => onChange({ ...settings, notifications: { ...notifications, sound } })} />
          <p className="note">{t('There are no notifications while your status is Do not disturb, nor for conversations you muted.')}</p>
        </Section>
        <Section title={t('Privacy')}>
          <Check
            label={t('Let others see when I am typing')}
            checked={privacy.sendTypingNotifications}
            onChange={(sendTypingNotifications) => onChange({ ...settings, privacy: { ...privacy, sendTypingNotifications } })}
          />
          <Check
            label={t('Let others see when I have read their messages')}
            checked={privacy.sendReadMarkers}
            onChange={(sendReadMarkers) => onChange({ ...settings, privacy: { ...privacy, sendReadMarkers } })}
          />
        </Section>
        {host?.tray === true && (
          <Section title={t('Desktop')}>
            <Check label={t('Keep running in the tray when the window is closed')} checked={desktop.closeToTray} onChange={(closeToTray) => onChange({ ...settings, desktop: { ...desktop, closeToTray } })} />
            <Check label={t('Start Jabber Desk when I log in')} checked={desktop.startAtLogin} onChange={(startAtLogin) => onChange({ ...settings, desktop: { ...desktop, startAtLogin } })} />
          </Section>
        )}
        <Section title={t('Keyboard shortcuts')}>
          <dl className="shortcut-list">
            {shortcuts.map((shortcut) => (
              <div key={shortcut.keys} className="shortcut">
                <dt>
                  <kbd>{shortcut.keys}</kbd>
                </dt>
                <dd>{shortcut.action}</dd>
              </div>
            ))}
          </dl>
        </Section>
        <div className="form-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('Close')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
