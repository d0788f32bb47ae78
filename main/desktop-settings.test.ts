import { describe, expect, it } from 'vitest';
import { recordingService } from '../app/contract/recording-service.ts';
import type { JabberService } from '../app/core/service-types.ts';
import { DEFAULT_APP_SETTINGS, type AppSettings } from '../app/shared/settings.ts';
import { followDesktopSettings } from './desktop-settings.ts';

function setUp(platform: NodeJS.Platform, stored: AppSettings) {
  const recorded = recordingService<JabberService>();
  const service = { subscribe: recorded.service.subscribe, getAppSettings: async () => ({ ok: true as const, value: stored }) };
  const nativeTheme = { themeSource: 'system' as 'system' | 'light' | 'dark' };
  const login: boolean[] = [];
  let openAtLogin = false;
  const app = {
    getLoginItemSettings: () => ({ openAtLogin }) as never,
    setLoginItemSettings: ({ openAtLogin: next }: { openAtLogin?: boolean }) => {
      openAtLogin = next ?? false;
      login.push(openAtLogin);
    },
  };
  const desktop = followDesktopSettings(service, { nativeTheme, app, platform });
  return { desktop, nativeTheme, login, emit: recorded.emit };
}

describe('desktop settings in main', () => {
  it('sets the native theme, the login item and close-to-tray from the stored settings and every change', async () => {
    const { desktop, nativeTheme, login, emit } = setUp('win32', { ...DEFAULT_APP_SETTINGS, theme: 'dark', desktop: { closeToTray: true, startAtLogin: true } });
    await desktop.loaded;
    expect(nativeTheme.themeSource).toBe('dark');
    expect(login).toEqual([true]);
    expect(desktop.closeToTray).toBe(true);
    emit({ event: 'onAppSettings', payload: { ...DEFAULT_APP_SETTINGS, theme: 'light' } });
    expect(nativeTheme.themeSource).toBe('light');
    expect(login).toEqual([true, false]);
    expect(desktop.closeToTray).toBe(false);
    emit({ event: 'onAppSettings', payload: DEFAULT_APP_SETTINGS });
    expect(login).toEqual([true, false]); // unchanged: not set again
  });

  it('leaves login items alone on Linux, where Electron has none', async () => {
    const { desktop, login } = setUp('linux', { ...DEFAULT_APP_SETTINGS, desktop: { closeToTray: false, startAtLogin: true } });
    await desktop.loaded;
    expect(login).toEqual([]);
  });
});
