import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/contract.ts';
import { createBrowserHostSide, type BrowserHostEnvironment } from './host-side.ts';

/** Stands in for the page: a Notification class that records what it would show, a title, an address. */
function standInPage(permission: NotificationPermission = 'granted', search = '') {
  const shown: { title: string; options: NotificationOptions | undefined; closed: boolean; instance: { onclick: ((event: Event) => void) | null } }[] = [];
  let title = 'Jabber Desk';
  let forgotten = 0;
  let focused = 0;
  const badges: number[] = [];
  class StandInNotification {
    static permission = permission;
    static requestPermission = async (): Promise<NotificationPermission> => (StandInNotification.permission = 'granted');
    onclick: ((event: Event) => void) | null = null;
    readonly entry: (typeof shown)[number];
    constructor(titleText: string, options?: NotificationOptions) {
      this.entry = { title: titleText, options, closed: false, instance: this };
      shown.push(this.entry);
    }
    close(): void {
      this.entry.closed = true;
    }
  }
  const environment: BrowserHostEnvironment = {
    search,
    forgetSearch: () => void (forgotten += 1),
    Notification: StandInNotification,
    focusWindow: () => void (focused += 1),
    getTitle: () => title,
    setTitle: (next) => void (title = next),
    setAppBadge: async (count) => void badges.push(count),
  };
  const events: EventEnvelope[] = [];
  const host = createBrowserHostSide(environment, (envelope) => void events.push(envelope));
  return { host, shown, events, title: () => title, forgotten: () => forgotten, focused: () => focused, badges };
}

const REQUEST = { account: 'alice@example.test', conversation: 'bob@example.test', title: 'Bob', body: 'Lunch?', silent: true };

describe('the browser mode\'s host side', () => {
  it('shows a Web Notification, replaces the conversation\'s earlier one, and reports its click', async () => {
    const page = standInPage();
    expect(await page.host.invoke('showNotification', [{ ...REQUEST, icon: 'data:image/png;base64,AAAA' }])).toEqual({ ok: true, value: null });
    await page.host.invoke('showNotification', [REQUEST]);
    expect(page.shown.map(({ title, options, closed }) => ({ title, options, closed }))).toEqual([
      { title: 'Bob', options: { body: 'Lunch?', silent: true, tag: 'alice@example.test\nbob@example.test', icon: 'data:image/png;base64,AAAA' }, closed: true },
      { title: 'Bob', options: { body: 'Lunch?', silent: true, tag: 'alice@example.test\nbob@example.test' }, closed: false },
    ]);
    page.shown[1]?.instance.onclick?.({ preventDefault: () => {} } as Event);
    expect(page.focused()).toBe(1);
    expect(page.events).toEqual([{ event: 'onNotificationClicked', payload: { account: 'alice@example.test', conversation: 'bob@example.test' } }]);
  });

  it('asks for the permission once, and says so when notifications are blocked', async () => {
    const asking = standInPage('default');
    expect(await asking.host.invoke('showNotification', [REQUEST])).toEqual({ ok: true, value: null });
    const blocked = standInPage('denied');
    expect(await blocked.host.invoke('showNotification', [REQUEST])).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect(blocked.shown).toEqual([]);
  });

  it('puts the unread count in the title and the app badge', async () => {
    const page = standInPage();
    await page.host.invoke('setUnreadCount', [{ count: 3 }]);
    expect(page.title()).toBe('(3) Jabber Desk');
    await page.host.invoke('setUnreadCount', [{ count: 12 }]);
    expect(page.title()).toBe('(12) Jabber Desk');
    await page.host.invoke('setUnreadCount', [{ count: 0 }]);
    expect(page.title()).toBe('Jabber Desk');
    expect(page.badges).toEqual([3, 12, 0]);
  });

  it('hands out the ?uri= the page was opened with once, and takes it off the address', async () => {
    const page = standInPage('granted', '?uri=xmpp%3Ajuliet%40example.com%3Fmessage%3Bbody%3Dhi');
    expect(await page.host.invoke('takeOpenUris', [])).toEqual({ ok: true, value: ['xmpp:juliet@example.com?message;body=hi'] });
    expect(await page.host.invoke('takeOpenUris', [])).toEqual({ ok: true, value: [] });
    expect(page.forgotten()).toBe(1);
    expect(await standInPage('granted', '?uri=javascript:alert(1)').host.invoke('takeOpenUris', [])).toEqual({ ok: true, value: [] });
    expect(await page.host.invoke('getHostInfo', [])).toEqual({ ok: true, value: { kind: 'browser', tray: false } });
  });
});
