import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createElectronNotifier, plainForPlatform, type NotificationLike } from './notifier.ts';

/** Stands in for Electron's Notification (no Electron binary here): records options, clicks by hand. */
function standInNotifications(supported = true) {
  const created: { options: NotificationConstructorOptions; shown: boolean; closed: boolean; click: () => void; close: () => void }[] = [];
  const createNotification = (options: NotificationConstructorOptions): NotificationLike => {
    const handlers = new Map<string, () => void>();
    const entry = {
      options,
      shown: false,
      closed: false,
      click: () => handlers.get('click')?.(),
      close: () => {
        entry.closed = true;
        handlers.get('close')?.();
      },
    };
    created.push(entry);
    return { on: (event, listener) => handlers.set(event, listener), show: () => void (entry.shown = true), close: entry.close };
  };
  return { created, dependencies: { createNotification, isSupported: () => supported, imageFromDataUrl: (url: string) => ({ url }) as never } };
}

describe('the Electron notifier', () => {
  it('shows the title, body and avatar as given, reports the click, and replaces a conversation\'s earlier notification', () => {
    const stand = standInNotifications();
    const notifier = createElectronNotifier({ ...stand.dependencies, platform: 'darwin' });
    const clicks: string[] = [];
    notifier.show({ key: 'a\nb', title: 'Bob', body: 'Hello <b>there</b>', icon: 'data:image/png;base64,AAAA', silent: true }, () => clicks.push('first'));
    expect(stand.created[0]?.options).toEqual({ title: 'Bob', body: 'Hello <b>there</b>', silent: true, icon: { url: 'data:image/png;base64,AAAA' } });
    expect(stand.created[0]?.shown).toBe(true);
    notifier.show({ key: 'a\nb', title: 'Bob', body: 'again', silent: false }, () => clicks.push('second'));
    expect(stand.created[0]?.closed).toBe(true);
    expect(stand.created[1]?.options).toEqual({ title: 'Bob', body: 'again', silent: false });
    stand.created[1]?.click();
    expect(clicks).toEqual(['second']);
    notifier.show({ key: 'a\nc', title: 'Carol', body: 'x', silent: false }, () => {});
    notifier.closeAll();
    expect(stand.created[2]?.closed).toBe(true);
  });

  it('keeps a stranger\'s markup as text where notification servers read markup (Linux)', () => {
    const stand = standInNotifications();
    createElectronNotifier({ ...stand.dependencies, platform: 'linux' }).show({ key: 'k', title: 'Eve', body: '<a href="https://evil.example">win</a> & <img src=x>', silent: false }, () => {});
    expect(stand.created[0]?.options.body).toBe('&lt;a href="https://evil.example"&gt;win&lt;/a&gt; &amp; &lt;img src=x&gt;');
    expect(plainForPlatform('<b>', 'win32')).toBe('<b>');
  });

  it('shows nothing where the system has no notifications', () => {
    const stand = standInNotifications(false);
    createElectronNotifier({ ...stand.dependencies, platform: 'linux' }).show({ key: 'k', title: 'A', body: 'b', silent: false }, () => {});
    expect(stand.created).toEqual([]);
  });
});
