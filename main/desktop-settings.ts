/**
 * The app settings that main applies (app/shared/settings.ts): the theme for Electron's own surfaces and
 * for the renderer's `prefers-color-scheme` (`nativeTheme.themeSource`), start at login
 * (`app.setLoginItemSettings`), and close to tray (read by the window's close handler).
 */
import type { App, NativeTheme } from 'electron';
import type { JabberService } from '../app/core/service-types.ts';
import type { AppSettings, EventEnvelope } from '../app/shared/contract.ts';
import { DEFAULT_APP_SETTINGS } from '../app/shared/settings.ts';

export interface DesktopSettingsDependencies {
  readonly nativeTheme: Pick<NativeTheme, 'themeSource'>;
  readonly app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;
  /** Login items exist on Windows and macOS; Linux desktops have no API Electron can use. */
  readonly platform: NodeJS.Platform;
}

export function followDesktopSettings(service: Pick<JabberService, 'subscribe' | 'getAppSettings'>, dependencies: DesktopSettingsDependencies) {
  let settings: AppSettings = DEFAULT_APP_SETTINGS;
  const apply = (next: AppSettings): void => {
    settings = next;
    dependencies.nativeTheme.themeSource = next.theme;
    if (dependencies.platform === 'win32' || dependencies.platform === 'darwin') {
      try {
        if (dependencies.app.getLoginItemSettings().openAtLogin !== next.desktop.startAtLogin) {
          dependencies.app.setLoginItemSettings({ openAtLogin: next.desktop.startAtLogin });
        }
      } catch (error) {
        console.warn('Could not change whether Jabber Desk starts at login:', error);
      }
    }
  };
  const unsubscribe = service.subscribe((envelope: EventEnvelope) => {
    if (envelope.event === 'onAppSettings') apply(envelope.payload as AppSettings);
  });
  const loaded = service.getAppSettings().then((result) => {
    if (result.ok) apply(result.value);
  });
  return {
    get closeToTray(): boolean {
      return settings.desktop.closeToTray;
    },
    loaded,
    dispose: unsubscribe,
  };
}
