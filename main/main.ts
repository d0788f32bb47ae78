/**
 * Electron main process: app lifecycle, the one window, the app:// renderer, the IPC server for
 * the contract. See main/SECURITY.md for how each item of Electron's security checklist is met.
 *
 * Built by scripts/build.mjs into dist/main/main.js (ESM); the preload sits next to it as
 * dist/main/preload.cjs and the renderer in dist/renderer/.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, nativeTheme, Notification, powerMonitor, safeStorage, session, shell, Tray, type NativeImage, type WebContents } from 'electron';
import type { JabberService } from '../app/core/service-types.ts';
import { createWorkerService } from '../app/worker/worker-service.ts';
import { guardContents, lockDownSession } from './contents-guards.ts';
import { followDesktopSettings } from './desktop-settings.ts';
import { readExtraCaCertificates } from './extra-ca.ts';
import { createMainHostSide } from './host-side.ts';
import { reportSystemIdle } from './idle.ts';
import { registerIpc } from './ipc.ts';
import { buildApplicationMenu } from './menu.ts';
import { contextMenuTemplate, followLanguage } from './language.ts';
import { translator, type Translate } from '../app/shared/i18n/translate.ts';
import { createElectronNotifier } from './notifier.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { createSafeStorageSecretStore } from './secret-store-safe-storage.ts';
import { trustedSenderCheck } from './sender-check.ts';
import { RENDERER_ENTRY_URL, safeExternalUrl } from './url-policy.ts';
import { createAppTray } from './tray.ts';
import { drawTrayIcon, drawUnreadOverlay, type Bitmap } from './tray-icons.ts';
import { followTrayPresence } from './tray-presence.ts';
import { createUnreadIndicator } from './unread-indicator.ts';
import { createMainWindow } from './window-options.ts';
import { registerXmppProtocol, xmppUriFromArgv } from './xmpp-links.ts';
import { loadPolicy, policyArgument, systemPolicyPath } from '../app/core/policy/policy-file.ts';
import { planUpdates, startUpdates } from './updater.ts';

const APP_ID = 'dev.jabberdesk.app';
const MAIN_DIR = import.meta.dirname;
const RENDERER_ROOT = path.join(MAIN_DIR, '..', 'renderer');
/** How long quitting waits for a clean sign-out before giving up on the server. */
const DISPOSE_TIMEOUT_MS = 3000;

// Before `ready` (ESM: top-level code of the entry point runs before the event).
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another Jabber Desk is running: it gets a `second-instance` event and comes to the front.
  app.quit();
} else {
  start();
}

function start(): void {
  const extraCa = readExtraCaCertificates();
  if (extraCa.warning !== null) console.warn(extraCa.warning);
  // The organisation's policy (app/core/policy): the system-wide file, else --policy FILE. An invalid one is shown
  // in the window (the snapshot's policy) and nothing signs in; it is never ignored.
  const commandLinePolicy = policyArgument(process.argv);
  const { policy, warning: policyWarning } = loadPolicy({ systemPath: systemPolicyPath(process.platform, process.env), ...(commandLinePolicy !== undefined ? { commandLinePath: commandLinePolicy } : {}) });
  if (policyWarning !== null) console.warn(policyWarning);
  if (policy.state === 'invalid') console.error(policy.message);
  /** Created once the app is ready: the keychain (safeStorage) cannot be used before. */
  let service: JabberService | null = null;

  async function startService(): Promise<JabberService> {
    const profile = app.getPath('userData');
    const secretStore = await createSafeStorageSecretStore({ safeStorage, file: path.join(profile, 'secrets.json') });
    // The core (TLS, SCRAM, XML, SQLite) runs in a worker thread, so this thread only serves the window
    // and IPC; the keychain stays here: the worker asks this secret store for saved passwords.
    // Enabled accounts with a saved password connect at once.
    return createWorkerService({
      workerFile: path.join(MAIN_DIR, '..', 'worker', 'core-worker.js'),
      options: { trustedCertificates: extraCa.certificates, autoConnect: true, policy },
      profile,
      secretStore,
    });
  }

  let mainWindow: BrowserWindow | null = null;
  let disposeIpc: (() => void) | null = null;
  /** Desktop settings (theme, close to tray, start at login): from the app settings once the service runs. */
  let desktop: { readonly closeToTray: boolean } = { closeToTray: false };
  /** The language main speaks (menus, tray, context menu) and the spell checker's: from the app settings once the service runs. */
  let language: ReturnType<typeof followLanguage> | null = null;
  const englishText = translator('en');
  const tMain: Translate = (key, values) => (language === null ? englishText(key, values) : language.t(key, values));

  const image = (bitmap: Bitmap, scaleFactor: number): NativeImage =>
    nativeImage.createFromBitmap(Buffer.from(bitmap.pixels), { width: bitmap.width, height: bitmap.height, scaleFactor });
  let overlay: NativeImage | null = null;
  let tray: ReturnType<typeof createAppTray> | null = null;
  const unread = createUnreadIndicator({
    app,
    platform: process.platform,
    getWindow: () => mainWindow,
    overlayIcon: () => (overlay ??= image(drawUnreadOverlay(16), 1)),
    onChange: (count) => tray?.update({ unread: count }),
  });
  const notifier = createElectronNotifier({
    createNotification: (options) => new Notification(options),
    isSupported: () => Notification.isSupported(),
    imageFromDataUrl: (dataUrl) => nativeImage.createFromDataURL(dataUrl),
    platform: process.platform,
  });
  // The host's half of the contract: xmpp: links, notifications, the badge (main/host-side.ts).
  const hostSide = createMainHostSide({
    notifier,
    setUnreadCount: (count) => unread.set(count),
    focusWindow: () => focusWindow(),
    info: { kind: 'electron', tray: true },
    saveFile: async (name, bytes) => {
      const choice = await dialog.showSaveDialog({ title: tMain('Save file'), buttonLabel: tMain('Save'), defaultPath: path.join(app.getPath('downloads'), name) });
      if (choice.canceled || choice.filePath === undefined) return false;
      await writeFile(choice.filePath, bytes);
      return true;
    },
  });
  // A link the app was started with (Windows, Linux); macOS sends open-url instead, possibly before ready.
  const startUri = xmppUriFromArgv(process.argv);
  if (startUri !== null) hostSide.receiveUri(startUri);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    hostSide.receiveUri(url);
    if (app.isReady()) focusWindow();
  });

  const isOurContents = (contents: WebContents): boolean =>
    mainWindow !== null && !mainWindow.isDestroyed() && contents === mainWindow.webContents;

  /** Our renderer's main frame, and only that, may call the contract (see sender-check.ts). */
  const isTrustedSender = trustedSenderCheck(() => (mainWindow === null || mainWindow.isDestroyed() ? null : mainWindow.webContents.mainFrame));

  function openExternally(url: string): void {
    const safe = safeExternalUrl(url);
    if (safe === null) return;
    shell.openExternal(safe).catch((error: unknown) => console.warn('Could not open a link in the browser:', error));
  }

  function createWindow(): void {
    // Packaged builds carry their icon; in development show ours on Linux (Windows/macOS use the binary's).
    const devIcon = path.join(MAIN_DIR, '..', '..', 'assets', 'icon.png');
    const icon = !app.isPackaged && process.platform === 'linux' && existsSync(devIcon) ? devIcon : undefined;
    // The webPreferences are in window-options.ts (checked by its test and by electronegativity).
    const window = createMainWindow(BrowserWindow, { mainDir: MAIN_DIR, isPackaged: app.isPackaged, icon });
    mainWindow = window;
    window.once('ready-to-show', () => window.show());
    // Right click: spelling suggestions and "Add to dictionary" on a misspelled word, Cut/Copy/Paste (main/language.ts).
    window.webContents.on('context-menu', (_event, params) => {
      const template = contextMenuTemplate(params, tMain, {
        replaceMisspelling: (word) => window.webContents.replaceMisspelling(word),
        addToDictionary: (word) => void window.webContents.session.addWordToSpellCheckerDictionary(word),
      });
      if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
    });
    // If the renderer cannot load at all, still show the window rather than an invisible app.
    window.webContents.once('did-fail-load', () => {
      if (!window.isDestroyed() && !window.isVisible()) window.show();
    });
    window.on('close', (event) => {
      // Close to tray: the window hides and the accounts stay online; Quit (tray or menu) really quits.
      if (desktop.closeToTray && tray !== null && shutdown === 'running') {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
      hostSide.windowGone();
    });
    // A reload: links that come meanwhile wait for the page to take them (takeOpenUris).
    window.webContents.on('did-start-loading', () => hostSide.windowGone());
    window.once('ready-to-show', () => unread.reapply());
    window.loadURL(RENDERER_ENTRY_URL).catch((error: unknown) => console.error('Could not load the window:', error));
  }

  function focusWindow(): void {
    if (mainWindow === null || mainWindow.isDestroyed()) {
      if (app.isReady()) createWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  app.on('web-contents-created', (_event, contents) => guardContents(contents, { isOurContents, openExternally }));
  // Another start (a second launch, or a clicked xmpp: link on Windows and Linux): its argv may carry the link.
  app.on('second-instance', (_event, argv) => {
    const uri = xmppUriFromArgv(argv);
    if (uri !== null) hostSide.receiveUri(uri);
    focusWindow();
  });
  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  /** Sign out cleanly before quitting: hold the first quit, dispose the service, then quit for real. */
  let shutdown: 'running' | 'holding' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'holding') return;
    shutdown = 'holding';
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref());
    notifier.closeAll();
    Promise.race([service?.dispose(), timeout])
      .catch((error: unknown) => console.warn('Signing out on quit failed:', error))
      .finally(() => {
        disposeIpc?.();
        disposeIpc = null;
        shutdown = 'done';
        app.quit();
      });
  });

  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  /** The tray icon: status menu, unread dot, a click shows the window (main/tray.ts). */
  function startTray(started: JabberService): void {
    // 16 logical pixels drawn at twice the size for sharp HiDPI trays; Linux trays take 22 px images as they are.
    const trayImage = (status: Parameters<typeof drawTrayIcon>[0]['status'], unreadNow: boolean): NativeImage =>
      process.platform === 'linux' ? image(drawTrayIcon({ size: 22, status, unread: unreadNow }), 1) : image(drawTrayIcon({ size: 32, status, unread: unreadNow }), 2);
    let presence: ReturnType<typeof followTrayPresence> | null = null;
    try {
      tray = createAppTray(
        { createTray: (initial) => new Tray(initial), buildMenu: (template) => Menu.buildFromTemplate(template), icon: trayImage },
        {
          show: focusWindow,
          setStatus: (status) => void presence?.setStatus(status),
          signOut: () => void presence?.signOutAll(),
          quit: () => app.quit(),
        },
        { status: 'offline', unread: unread.count, invisibleSupported: false, signedIn: false },
        tMain,
      );
    } catch (error) {
      console.warn('No tray icon on this system:', error);
      return;
    }
    presence = followTrayPresence(started, (change) => tray?.update(change));
  }

  app
    .whenReady()
    .then(async () => {
      serveRenderer(RENDERER_ROOT);
      lockDownSession(session.defaultSession);
      const applicationMenu = (): void => Menu.setApplicationMenu(buildApplicationMenu({ isMac: process.platform === 'darwin', isDevelopment: !app.isPackaged }, tMain));
      applicationMenu();
      const started = await startService();
      service = started;
      disposeIpc = registerIpc(ipcMain, started, isTrustedSender, () => (mainWindow === null || mainWindow.isDestroyed() ? null : mainWindow.webContents), hostSide);
      if (!registerXmppProtocol(app, process)) console.warn('Could not register Jabber Desk as the handler of xmpp: links.');
      desktop = followDesktopSettings(started, { nativeTheme, app, platform: process.platform });
      language = followLanguage(started, {
        session: session.defaultSession,
        preferredSystemLanguages: () => app.getPreferredSystemLanguages(),
        platform: process.platform,
        onLanguage: () => {
          applicationMenu();
          tray?.refresh();
        },
        log: (message) => console.warn(message),
      });
      applicationMenu();
      startTray(started);
      // After sleep the TCP link is often dead without anyone knowing: check every account's (or retry) at once.
      powerMonitor.on('resume', () => void started.reconnectNow());
      powerMonitor.on('unlock-screen', () => void started.reconnectNow());
      // Automatic away and last activity (XEP-0012/0319) follow the system's idle time.
      reportSystemIdle(powerMonitor, started);
      createWindow();
      // electron-updater is loaded only when updates are on (packaged, and the policy allows them).
      const updatePlan = planUpdates({ isPackaged: app.isPackaged, policy });
      if (updatePlan.check) {
        const { default: updaterModule } = await import('electron-updater');
        startUpdates(updaterModule.autoUpdater, updatePlan, (message) => console.warn(message));
      }
    })
    .catch((error: unknown) => {
      console.error('Jabber Desk could not start:', error);
      app.exit(1);
    });
}
