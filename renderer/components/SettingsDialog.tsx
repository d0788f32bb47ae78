/**
 * Settings (the whole app, every account): appearance, notifications, privacy and, in the desktop app,
 * tray and login. Each change applies and is saved at once; the dialog only shows and edits.
 */
import { useId, type ReactNode } from 'react';
import type { AppError, AppSettings, FontSize, HostInfo, ThemeChoice } from '../../app/shared/contract.ts';
import { ErrorDetails } from './ErrorDetails.tsx';
import { Modal } from './Modal.tsx';

const THEMES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const FONT_SIZES: readonly { value: FontSize; label: string }[] = [
  { value: 'small', label: 'Small' },
  { value: 'normal', label: 'Normal' },
  { value: 'large', label: 'Large' },
  { value: 'larger', label: 'Larger' },
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
  const fontId = useId();
  const themeName = useId();
  const { notifications, privacy, desktop } = settings;
  return (
    <Modal title="Settings" onClose={onClose}>
      <div className="settings">
        {error && (
          <div className="alert" role="alert">
            <ErrorDetails error={error} />
          </div>
        )}
        <Section title="Appearance">
          <fieldset className="theme-choice">
            <legend>Theme</legend>
            {THEMES.map((theme) => (
              <label key={theme.value} className="radio">
                <input type="radio" name={themeName} value={theme.value} checked={settings.theme === theme.value} onChange={() => onChange({ ...settings, theme: theme.value })} />{' '}
                {theme.label}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={fontId}>Text size</label>
            <select id={fontId} value={settings.fontSize} onChange={(event) => onChange({ ...settings, fontSize: event.target.value as FontSize })}>
              {FONT_SIZES.map((size) => (
                <option key={size.value} value={size.value}>
                  {size.label}
                </option>
              ))}
            </select>
          </div>
        </Section>
        <Section title="Notifications">
          <Check label="Notify me of new messages" checked={notifications.enabled} onChange={(enabled) => onChange({ ...settings, notifications: { ...notifications, enabled } })} />
          <Check
            label="Show the message text in notifications"
            checked={notifications.preview}
            disabled={!notifications.enabled}
            onChange={(preview) => onChange({ ...settings, notifications: { ...notifications, preview } })}
          />
          <Check label="Play a sound" checked={notifications.sound} disabled={!notifications.enabled} onChange={(sound) => onChange({ ...settings, notifications: { ...notifications, sound } })} />
          <p className="note">There are no notifications while your status is Do not disturb, nor for conversations you muted.</p>
        </Section>
        <Section title="Privacy">
          <Check
            label="Let others see when I am typing"
            checked={privacy.sendTypingNotifications}
            onChange={(sendTypingNotifications) => onChange({ ...settings, privacy: { ...privacy, sendTypingNotifications } })}
          />
          <Check
            label="Let others see when I have read their messages"
            checked={privacy.sendReadMarkers}
            onChange={(sendReadMarkers) => onChange({ ...settings, privacy: { ...privacy, sendReadMarkers } })}
          />
        </Section>
        {host?.tray === true && (
          <Section title="Desktop">
            <Check label="Keep running in the tray when the window is closed" checked={desktop.closeToTray} onChange={(closeToTray) => onChange({ ...settings, desktop: { ...desktop, closeToTray } })} />
            <Check label="Start Jabber Desk when I log in" checked={desktop.startAtLogin} onChange={(startAtLogin) => onChange({ ...settings, desktop: { ...desktop, startAtLogin } })} />
          </Section>
        )}
        <Section title="Keyboard shortcuts">
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
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
