/**
 * The tray (notification area / menu bar) icon: the status menu (Online, Away, Do not disturb,
 * Invisible, Sign out, Quit), the unread state in the icon, a click to show the window. The menu is a
 * plain template (tested); the Tray and Menu objects come in as small typed constructors.
 */
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import { translator, type Translate } from '../app/shared/i18n/translate.ts';
import type { TrayStatus } from './tray-icons.ts';

/** English, when no translate function is given. */
const english: Translate = translator('en');

export type ChoosableStatus = Exclude<TrayStatus, 'offline'>;

export interface TrayState {
  readonly status: TrayStatus;
  readonly unread: number;
  /** Invisible is offered only where an account's server supports it (XEP-0186). */
  readonly invisibleSupported: boolean;
  /** Some account is signed in (Sign out is offered). */
  readonly signedIn: boolean;
}

export interface TrayActions {
  readonly show: () => void;
  readonly setStatus: (status: ChoosableStatus) => void;
  readonly signOut: () => void;
  readonly quit: () => void;
}

export function statusLabel(status: TrayStatus, t: Translate = english): string {
  switch (status) {
    case 'online':
      return t('Online');
    case 'away':
      return t('Away');
    case 'dnd':
      return t('Do not disturb');
    case 'invisible':
      return t('Invisible');
    case 'offline':
      return t('Offline');
  }
}

/** English status names (kept for whoever reads them; the tray itself uses statusLabel). */
export const STATUS_LABELS: Readonly<Record<ChoosableStatus, string>> = {
  online: statusLabel('online'),
  away: statusLabel('away'),
  dnd: statusLabel('dnd'),
  invisible: statusLabel('invisible'),
};

export function trayTooltip(state: TrayState, t: Translate = english): string {
  const status = statusLabel(state.status, t);
  return state.unread === 0 ? t('Jabber Desk: {{status}}', { status }) : t('Jabber Desk: {{status}} — {{count}} unread messages', { status, count: state.unread });
}

export function trayMenuTemplate(state: TrayState, actions: TrayActions, t: Translate = english): MenuItemConstructorOptions[] {
  const statuses: ChoosableStatus[] = ['online', 'away', 'dnd', ...(state.invisibleSupported ? (['invisible'] as const) : [])];
  return [
    { label: t('Show Jabber Desk'), click: actions.show },
    { type: 'separator' },
    ...statuses.map(
      (status): MenuItemConstructorOptions => ({
        label: statusLabel(status, t),
        type: 'radio',
        checked: state.status === status,
        enabled: state.signedIn,
        click: () => actions.setStatus(status),
      }),
    ),
    { type: 'separator' },
    { label: t('Sign out'), enabled: state.signedIn, click: actions.signOut },
    { label: t('Quit'), click: actions.quit },
  ];
}

/** The parts of an Electron Tray used here. */
export interface TrayLike {
  setImage(image: NativeImage): void;
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDependencies {
  readonly createTray: (image: NativeImage) => TrayLike;
  /** Menu.buildFromTemplate. */
  readonly buildMenu: (template: MenuItemConstructorOptions[]) => unknown;
  readonly icon: (status: TrayStatus, unread: boolean) => NativeImage;
}

export function createAppTray(dependencies: TrayDependencies, actions: TrayActions, initial: TrayState, t: Translate = english) {
  let state = initial;
  const tray = dependencies.createTray(dependencies.icon(state.status, state.unread > 0));
  const render = (): void => {
    tray.setImage(dependencies.icon(state.status, state.unread > 0));
    tray.setToolTip(trayTooltip(state, t));
    tray.setContextMenu(dependencies.buildMenu(trayMenuTemplate(state, actions, t)));
  };
  tray.on('click', actions.show);
  render();
  return {
    update(change: Partial<TrayState>): void {
      const next = { ...state, ...change };
      if (next.status === state.status && next.unread === state.unread && next.invisibleSupported === state.invisibleSupported && next.signedIn === state.signedIn) return;
      state = next;
      render();
    },
    /** Shows the menu and tooltip again, in the language of the moment. */
    refresh(): void {
      render();
    },
    get state(): TrayState {
      return state;
    },
    destroy(): void {
      tray.destroy();
    },
  };
}
