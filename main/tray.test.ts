import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { drawTrayIcon, drawUnreadOverlay, pixelAt, STATUS_COLOURS } from './tray-icons.ts';
import { createAppTray, trayMenuTemplate, trayTooltip, type TrayActions, type TrayState } from './tray.ts';

const STATE: TrayState = { status: 'online', unread: 0, invisibleSupported: true, signedIn: true };

function recordingActions() {
  const done: string[] = [];
  const actions: TrayActions = {
    show: () => void done.push('show'),
    setStatus: (status) => void done.push(`status ${status}`),
    signOut: () => void done.push('sign out'),
    quit: () => void done.push('quit'),
  };
  return { actions, done };
}

const labels = (template: MenuItemConstructorOptions[]) => template.filter((item) => item.type !== 'separator').map((item) => item.label);
const click = (template: MenuItemConstructorOptions[], label: string) => (template.find((item) => item.label === label)?.click as (() => void) | undefined)?.();

describe('the tray menu', () => {
  it('offers the statuses, Sign out and Quit, with the current status checked, and acts on a click', () => {
    const { actions, done } = recordingActions();
    const template = trayMenuTemplate({ ...STATE, status: 'dnd' }, actions);
    expect(labels(template)).toEqual(['Show Jabber Desk', 'Online', 'Away', 'Do not disturb', 'Invisible', 'Sign out', 'Quit']);
    expect(template.filter((item) => item.checked === true).map((item) => item.label)).toEqual(['Do not disturb']);
    for (const label of ['Show Jabber Desk', 'Away', 'Invisible', 'Sign out', 'Quit']) click(template, label);
    expect(done).toEqual(['show', 'status away', 'status invisible', 'sign out', 'quit']);
  });

  it('leaves out Invisible where no server offers it, and disables the statuses and Sign out while signed out', () => {
    const template = trayMenuTemplate({ status: 'offline', unread: 0, invisibleSupported: false, signedIn: false }, recordingActions().actions);
    expect(labels(template)).not.toContain('Invisible');
    expect(template.filter((item) => item.enabled === false).map((item) => item.label)).toEqual(['Online', 'Away', 'Do not disturb', 'Sign out']);
    expect(template.find((item) => item.label === 'Quit')?.enabled).not.toBe(false);
  });

  it('says the status and the unread count in the tooltip', () => {
    expect(trayTooltip(STATE)).toBe('Jabber Desk: Online');
    expect(trayTooltip({ ...STATE, status: 'away', unread: 1 })).toBe('Jabber Desk: Away — 1 unread message');
    expect(trayTooltip({ ...STATE, status: 'offline', unread: 12 })).toBe('Jabber Desk: Offline — 12 unread messages');
  });
});

describe('the tray icon', () => {
  it('redraws icon, tooltip and menu when the status or the unread count changes, and shows the window on a click', () => {
    const images: string[] = [];
    const tooltips: string[] = [];
    const menus: MenuItemConstructorOptions[][] = [];
    let clicked: (() => void) | undefined;
    let destroyed = false;
    const { actions, done } = recordingActions();
    const tray = createAppTray(
      {
        createTray: () => ({
          setImage: (image) => void images.push(image as unknown as string),
          setToolTip: (text) => void tooltips.push(text),
          setContextMenu: (menu) => void menus.push(menu as MenuItemConstructorOptions[]),
          on: (_event, listener) => (clicked = listener),
          destroy: () => void (destroyed = true),
        }),
        buildMenu: (template) => template,
        icon: (status, unread) => `${status}${unread ? '+unread' : ''}` as never,
      },
      actions,
      STATE,
    );
    tray.update({ unread: 2 });
    tray.update({ unread: 2 });
    tray.update({ status: 'away' });
    expect(images).toEqual(['online', 'online+unread', 'away+unread']);
    expect(tooltips.at(-1)).toBe('Jabber Desk: Away — 2 unread messages');
    expect(menus).toHaveLength(3);
    clicked?.();
    expect(done).toEqual(['show']);
    tray.destroy();
    expect(destroyed).toBe(true);
  });

  it('draws the status ring, the app\'s blue inside, and a red dot only while messages are unread', () => {
    const read = drawTrayIcon({ size: 32, status: 'dnd', unread: false });
    const unread = drawTrayIcon({ size: 32, status: 'dnd', unread: true });
    expect(read.pixels).toHaveLength(32 * 32 * 4);
    expect(pixelAt(read, 16, 1).slice(0, 3)).toEqual(STATUS_COLOURS.dnd); // the ring, top middle
    expect(pixelAt(read, 16, 16)).toEqual([0x2f, 0x7d, 0xe1, 255]); // the centre
    expect(pixelAt(read, 0, 0)[3]).toBe(0); // a transparent corner
    expect(pixelAt(unread, 25, 7)).toEqual([0xd9, 0x30, 0x25, 255]); // the dot
    expect(pixelAt(read, 25, 7)).not.toEqual([0xd9, 0x30, 0x25, 255]);
    expect(pixelAt(drawUnreadOverlay(16), 8, 8)).toEqual([0xd9, 0x30, 0x25, 255]);
  });
});
