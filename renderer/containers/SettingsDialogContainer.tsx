/** The Settings dialog, while it is open: each change is saved at once (the core keeps the settings). */
import { useState } from 'react';
import type { AppError, AppSettings } from '../../app/shared/contract.ts';
import { SettingsDialog } from '../components/SettingsDialog.tsx';
import { closeSettings, saveSettings, useAppSettings, useHostInfo, useSettingsOpen } from '../state/settings.ts';
import { SHORTCUTS } from '../state/shortcuts.ts';

export function SettingsDialogContainer() {
  const open = useSettingsOpen();
  const settings = useAppSettings();
  const host = useHostInfo();
  const [error, setError] = useState<AppError | null>(null);
  if (!open) return null;
  const change = (next: AppSettings): void => {
    void saveSettings(next).then((result) => setError(result.ok ? null : result.error));
  };
  const close = (): void => {
    setError(null);
    closeSettings();
  };
  return <SettingsDialog settings={settings} host={host} error={error} onChange={change} onClose={close} shortcuts={SHORTCUTS} />;
}
