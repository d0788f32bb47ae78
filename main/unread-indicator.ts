/**
 * The unread count outside the window: the dock/launcher badge (`app.setBadgeCount`: macOS, and Linux
 * launchers that read Unity's count), on Windows the taskbar overlay icon (Windows has no badge count),
 * and the tray icon. Typed stand-ins in tests; main passes Electron's objects.
 */
import type { App, BrowserWindow, NativeImage } from 'electron';

export interface UnreadIndicatorDependencies {
  readonly app: Pick<App, 'setBadgeCount'>;
  readonly platform: NodeJS.Platform;
  /** The window whose taskbar button carries the overlay (Windows), or null while there is none. */
  readonly getWindow: () => Pick<BrowserWindow, 'setOverlayIcon' | 'isDestroyed'> | null;
  /** The overlay image (drawn once, on first use). */
  readonly overlayIcon: () => NativeImage;
  /** Told about every change (the tray redraws its icon). */
  readonly onChange?: (count: number) => void;
}

export function createUnreadIndicator(dependencies: UnreadIndicatorDependencies) {
  let count = 0;
  const apply = (): void => {
    try {
      dependencies.app.setBadgeCount(count);
    } catch (error) {
      console.warn('Could not set the badge count:', error);
    }
    if (dependencies.platform === 'win32') {
      const window = dependencies.getWindow();
      if (window !== null && !window.isDestroyed()) {
        window.setOverlayIcon(count > 0 ? dependencies.overlayIcon() : null, count > 0 ? `${count} unread ${count === 1 ? 'message' : 'messages'}` : '');
      }
    }
    dependencies.onChange?.(count);
  };
  return {
    set(next: number): void {
      const value = Number.isSafeInteger(next) && next > 0 ? next : 0;
      if (value === count) return;
      count = value;
      apply();
    },
    /** A new window: its taskbar button needs the overlay again. */
    reapply(): void {
      apply();
    },
    get count(): number {
      return count;
    },
  };
}
