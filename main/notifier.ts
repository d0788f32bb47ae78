/**
 * Native notifications (Electron's `Notification`), behind a small interface so the rest of main (and
 * its tests) never touches Electron for them. What to show, and whether at all, was decided by the
 * renderer (renderer/state/notify.ts); this only shows it and reports the click.
 */
import type { NativeImage, NotificationConstructorOptions } from 'electron';

export interface ShownNotification {
  /** One notification per conversation at a time: a newer one replaces it. */
  readonly key: string;
  readonly title: string;
  readonly body: string;
  /** A checked `data:image/…;base64,` URL. */
  readonly icon?: string;
  readonly silent: boolean;
}

export interface Notifier {
  show(notification: ShownNotification, onClick: () => void): void;
  /** Closes every notification still shown (on quit). */
  closeAll(): void;
}

/** The parts of an Electron Notification used here. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
  close(): void;
}

export interface ElectronNotifierDependencies {
  /** Electron's Notification class, or a stand-in in tests. */
  readonly createNotification: (options: NotificationConstructorOptions) => NotificationLike;
  readonly isSupported: () => boolean;
  /** nativeImage.createFromDataURL. */
  readonly imageFromDataUrl: (dataUrl: string) => NativeImage;
  readonly platform: NodeJS.Platform;
}

/**
 * Notification servers on Linux may read the body as markup (the freedesktop "body-markup"
 * capability: <b>, <a href>, <img src>): what a stranger wrote must stay text there.
 */
export function plainForPlatform(text: string, platform: NodeJS.Platform): string {
  return platform === 'linux' ? text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;') : text;
}

export function createElectronNotifier(dependencies: ElectronNotifierDependencies): Notifier {
  // Referenced until closed: a notification that is garbage-collected loses its click handler.
  const shown = new Map<string, NotificationLike>();
  return {
    show(notification, onClick) {
      if (!dependencies.isSupported()) return;
      shown.get(notification.key)?.close();
      const options: NotificationConstructorOptions = {
        title: notification.title,
        body: plainForPlatform(notification.body, dependencies.platform),
        silent: notification.silent,
        ...(notification.icon === undefined ? {} : { icon: dependencies.imageFromDataUrl(notification.icon) }),
      };
      const native = dependencies.createNotification(options);
      shown.set(notification.key, native);
      native.on('click', () => {
        if (shown.get(notification.key) === native) shown.delete(notification.key);
        onClick();
      });
      native.on('close', () => {
        if (shown.get(notification.key) === native) shown.delete(notification.key);
      });
      native.show();
    },
    closeAll() {
      for (const native of shown.values()) native.close();
      shown.clear();
    },
  };
}
