/** A minimal application menu (its template in menu-template.ts), in the language main speaks. */
import { Menu } from 'electron';
import type { Translate } from '../app/shared/i18n/translate.ts';
import { applicationMenuTemplate } from './menu-template.ts';

export function buildApplicationMenu(options: { readonly isMac: boolean; readonly isDevelopment: boolean }, t?: Translate): Menu {
  return Menu.buildFromTemplate(applicationMenuTemplate(options, t));
}
