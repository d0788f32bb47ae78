/**
 * The app-settings slice of the service (app/shared/settings.ts): loaded once, replaced as a whole by
 * setAppSettings, announced with onAppSettings, saved in the profile. Lives above the sessions, like
 * the presence preferences.
 */
import type { AppSettings, Result, SettingsCommands } from '../../../shared/contract.ts';
import { DEFAULT_APP_SETTINGS } from '../../../shared/settings.ts';
import { ok } from '../../../shared/result.ts';
import { checkAppSettings, type AppSettingsStore } from '../../../store/app-settings-store.ts';

export interface AppSettingsSlice {
  readonly commands: SettingsCommands;
}

export function createAppSettingsSlice(deps: {
  store: AppSettingsStore;
  changed: (settings: AppSettings) => void;
  log: (message: string) => void;
}): AppSettingsSlice {
  let settings: AppSettings = DEFAULT_APP_SETTINGS;
  const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  const loaded = deps.store.load().then(
    (stored) => {
      settings = stored;
    },
    (error: unknown) => deps.log(`Could not read the app settings: ${describe(error)}`),
  );
  // Saves in order, one after the other; a failed save is logged, the settings still apply for this run.
  let saving: Promise<void> = Promise.resolve();

  return {
    commands: {
      async getAppSettings(): Promise<Result<AppSettings>> {
        await loaded;
        return ok(settings);
      },
      async setAppSettings(request: unknown): Promise<Result<AppSettings>> {
        await loaded;
        settings = checkAppSettings(request);
        deps.changed(settings);
        const next = settings;
        saving = saving.then(() => deps.store.save(next)).catch((error: unknown) => deps.log(`Could not save the app settings: ${describe(error)}`));
        await saving;
        return ok(next);
      },
    },
  };
}
