/**
 * The tray (notification area / menu bar) icon: the status menu (Online, Away, Do not disturb,
 * Invisible, Sign out, Quit), the unread state in the icon, a click to show the window. The menu is a
 * plain template (tested); the Tray and Menu objects come in as small typed constructors.
 */
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import type { TrayStatus } from './tray-icons.ts';

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

export const STATUS_LABELS: Readonly<Record<ChoosableStatus, string>> = {
  online: 'Online',
  away: 'Away',
  dnd: 'Do not disturb',
  invisible: 'Invisible',
};

export function trayTooltip(state: TrayState): string {
  const status = state.status === 'offline' ? 'Offline' : STATUS_LABELS[state.status];
  const unread = state.unread === 0 ? '' : ` — ${state.unread} unread ${state.unread === 1 ? 'message' : 'messages'}`;
  return `Jabber Desk: ${status}${unread}`;
}

export function trayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const statuses: ChoosableStatus[] = ['online', 'away', 'dnd', ...(state.invisibleSupported ? (['invisible'] as const) : [])];
  return [
    { label: 'Show Jabber Desk', click: actions.show },
    { type: 'separator' },
    ...statuses.map(
      (status): MenuItemConstructorOptions => ({
        label: STATUS_LABELS[status],
        type: 'radio',
        checked: state.status === status,
        enabled: state.signedIn,
        click: () => actions.setStatus(status),
      }),
    ),
    { type: 'separator' },
    { label: 'Sign out', enabled: state.signedIn, click: actions.signOut },
    { label: 'Quit', click: actions.quit },
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

export function createAppTray(dependencies: TrayDependencies, actions: TrayActions, initial: TrayState) {
  let state = initial;
  const tray = dependencies.createTray(dependencies.icon(state.status, state.unread > 0));
  const render = (): void => {
    tray.setImage(dependencies.icon(state.status, state.unread > 0));
    tray.setToolTip(trayTooltip(state));
    tray.setContextMenu(dependencies.buildMenu(trayMenuTemplate(state, actions)));
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
    get state(): TrayState {
      return state;
    },
    destroy(): void {
      tray.destroy();
    },
  };
}
