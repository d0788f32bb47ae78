import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow, PRELOAD_FILE } from './window-options.ts';

/** Stands in for Electron's BrowserWindow (no Electron binary here): keeps the options it was given. */
class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const appRoot = path.resolve('/opt/jabber-desk/resources/app');
const mainDir = path.join(appRoot, 'dist', 'main');

function optionsFor(isPackaged: boolean, icon?: string): BrowserWindowConstructorOptions {
  return createMainWindow(RecordingWindow, { mainDir, isPackaged, icon }).options;
}

describe('the main window options', () => {
  for (const isPackaged of [true, false]) {
    it(`lock the renderer down (${isPackaged ? 'packaged' : 'development'})`, () => {
      const preferences = optionsFor(isPackaged).webPreferences;
      expect(preferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        devTools: !isPackaged,
      });
      expect(preferences).not.toHaveProperty('enableBlinkFeatures');
      expect(preferences?.disableBlinkFeatures?.split(',')).toContain('Auxclick');
      // Options that would open the renderer up must not appear at all, whatever their value.
      for (const key of ['additionalArguments', 'partition', 'session', 'javascript', 'plugins']) expect(preferences).not.toHaveProperty(key);
    });
  }

  it('load the preload from inside the app, beside the built main process', () => {
    const preload = optionsFor(true).webPreferences?.preload ?? '';
    expect(path.isAbsolute(preload)).toBe(true);
    expect(preload).toBe(path.join(mainDir, PRELOAD_FILE));
    expect(path.relative(appRoot, preload).startsWith('..')).toBe(false);
    // The build writes the preload under this name next to main.js (whose folder is mainDir).
    const build = readFileSync(path.resolve(import.meta.dirname, '..', 'scripts', 'build.mjs'), 'utf8');
    expect(build).toContain(`outfile: 'dist/main/main.js'`);
    expect(build).toContain(`outfile: 'dist/main/${PRELOAD_FILE}'`);
  });

  it('start hidden, and take an icon only when one is given', () => {
    expect(optionsFor(true)).toMatchObject({ show: false });
    expect(optionsFor(true)).not.toHaveProperty('icon');
    expect(optionsFor(false, '/src/assets/icon.png').icon).toBe('/src/assets/icon.png');
  });
});
