/** A minimal application menu: standard roles only; reload and developer tools in development builds. */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function buildApplicationMenu(options: { readonly isMac: boolean; readonly isDevelopment: boolean }): Menu {
  const development: MenuItemConstructorOptions[] = options.isDevelopment
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  const template: MenuItemConstructorOptions[] = [
    options.isMac ? { role: 'appMenu' } : { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [...development, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
