import { describe, expect, it } from 'vitest';
import { createUnreadIndicator } from './unread-indicator.ts';

function setUp(platform: NodeJS.Platform) {
  const badges: number[] = [];
  const overlays: [unknown, string][] = [];
  const changes: number[] = [];
  const window = { isDestroyed: () => false, setOverlayIcon: (image: unknown, description: string) => void overlays.push([image, description]) };
  const indicator = createUnreadIndicator({
    app: { setBadgeCount: (count?: number) => (badges.push(count ?? 0), true) },
    platform,
    getWindow: () => window as never,
    overlayIcon: () => 'red dot' as never,
    onChange: (count) => changes.push(count),
  });
  return { indicator, badges, overlays, changes };
}

describe('the unread indicator', () => {
  it('sets the dock/launcher badge and tells the tray, only on a change', () => {
    const { indicator, badges, overlays, changes } = setUp('darwin');
    indicator.set(3);
    indicator.set(3);
    indicator.set(0);
    indicator.set(-5);
    indicator.set(Number.NaN);
    expect(badges).toEqual([3, 0]);
    expect(changes).toEqual([3, 0]);
    expect(overlays).toEqual([]);
  });

  it('shows the overlay icon on the Windows taskbar button, with a description for screen readers', () => {
    const { indicator, overlays } = setUp('win32');
    indicator.set(1);
    indicator.set(2);
    indicator.set(0);
    expect(overlays).toEqual([['red dot', '1 unread message'], ['red dot', '2 unread messages'], [null, '']]);
    indicator.reapply();
    expect(overlays).toHaveLength(4);
  });
});
