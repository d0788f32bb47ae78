/**
 * The one window's options, webPreferences above all (Electron security checklist #2-#4, #6, #8-#11).
 *
 * The constructor is passed in so that the options are written as a literal inside
 * `new BrowserWindow({...})`: that is the shape Electronegativity reads (scripts/electron-security.mjs),
 * and a unit test reads the very same options through a stand-in constructor (window-options.test.ts).
 * No Electron value import, so it runs in plain Node.
 */
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowSettings {
  /** The folder of the built main process (dist/main): the preload sits beside main.js. */
  readonly mainDir: string;
  /** Packaged builds have no developer tools. */
  readonly isPackaged: boolean;
  /** A window icon (development on Linux only), or undefined for the binary's own. */
  readonly icon?: string | undefined;
}

/** The built preload (CommonJS: a sandboxed preload cannot be an ES module). */
export const PRELOAD_FILE = 'preload.cjs';

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/** Creates the main window with `BrowserWindow` (Electron's, or a stand-in in tests). */
export function createMainWindow<W>(BrowserWindow: WindowConstructor<W>, settings: MainWindowSettings): W {
  return new BrowserWindow({
    title: 'Jabber Desk',
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 420,
    show: false,
    autoHideMenuBar: false,
    ...(settings.icon === undefined ? {} : { icon: settings.icon }),
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // A middle click must not open a link in a new window behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: true,
      devTools: !settings.isPackaged,
      preload: path.join(settings.mainDir, PRELOAD_FILE),
    },
  });
}
