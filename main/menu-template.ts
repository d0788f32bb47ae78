/** The application menu's template (pure, tested): standard roles with translated labels; reload and developer tools in development builds. */
import type { MenuItemConstructorOptions } from 'electron';
import { translator, type Translate } from '../app/shared/i18n/translate.ts';

export function applicationMenuTemplate(options: { readonly isMac: boolean; readonly isDevelopment: boolean }, t: Translate = translator('en')): MenuItemConstructorOptions[] {
  const development: MenuItemConstructorOptions[] = options.isDevelopment
    ? [{ role: 'reload', label: t('Reload') }, { role: 'forceReload', label: t('Force reload') }, { role: 'toggleDevTools', label: t('Developer tools') }, { type: 'separator' }]
    : [];
  return [
    options.isMac ? { role: 'appMenu' } : { label: t('File'), submenu: [{ role: 'quit', label: t('Quit') }] },
    {
      label: t('Edit'),
      submenu: [
        { role: 'undo', label: t('Undo') },
        { role: 'redo', label: t('Redo') },
        { type: 'separator' },
        { role: 'cut', label: t('Cut') },
        { role: 'copy', label: t('Copy') },
        { role: 'paste', label: t('Paste') },
        { role: 'selectAll', label: t('Select all') },
      ],
    },
    {
      label: t('View'),
      submenu: [
        ...development,
        { role: 'resetZoom', label: t('Actual size') },
        { role: 'zoomIn', label: t('Zoom in') },
        { role: 'zoomOut', label: t('Zoom out') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('Full screen') },
      ],
    },
    options.isMac ? { role: 'windowMenu' } : { label: t('Window'), submenu: [{ role: 'minimize', label: t('Minimize') }, { role: 'close', label: t('Close window') }] },
  ];
}
