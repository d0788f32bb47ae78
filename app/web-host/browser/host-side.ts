/**
 * The host's half of the contract in the browser mode (app/shared/host.ts), answered in the page by the
 * bridge, not by the web host's server: xmpp: links from the address (`?uri=xmpp:…`, which is also what a
 * browser's registered protocol handler opens), notifications through the Web Notifications API, and the
 * unread count in the tab's title (and the installed app's badge, where the browser has one).
 */
import { phrase } from '../../shared/phrase.ts';
import type { EventEnvelope, HostCommandName, HostCommands, Result } from '../../shared/contract.ts';
import { fail, ok } from '../../shared/result.ts';

/** What of the page the host side uses: the real window, or a stand-in in tests. */
export interface BrowserHostEnvironment {
  /** `location.search` when the page loaded. */
  readonly search: string;
  /** Removes `?uri=` from the address once taken (history.replaceState). */
  readonly forgetSearch: () => void;
  /** The Notification class, absent where the browser has none. */
  readonly Notification?: {
    readonly permission: NotificationPermission;
    requestPermission(): Promise<NotificationPermission>;
    new (title: string, options?: NotificationOptions): { onclick: ((event: Event) => void) | null; close(): void };
  };
  readonly focusWindow: () => void;
  readonly getTitle: () => string;
  readonly setTitle: (title: string) => void;
  readonly setAppBadge?: (count: number) => Promise<void>;
  /** Hands a file to the browser's download (an `<a download>` of a blob URL). */
  readonly download?: (name: string, mediaType: string, bytes: Uint8Array) => void;
}

const TITLE_COUNT = /^\(\d+\) /u;

export function createBrowserHostSide(environment: BrowserHostEnvironment, emit: (envelope: EventEnvelope) => void) {
  let pendingUris: string[] | null = null;
  const shown = new Map<string, { close(): void }>();
  const takeUris = (): readonly string[] => {
    if (pendingUris === null) {
      const uri = new URLSearchParams(environment.search).get('uri');
      pendingUris = uri !== null && /^xmpp:/iu.test(uri.trim()) ? [uri.trim()] : [];
      if (uri !== null) environment.forgetSearch();
    }
    const taken = pendingUris;
    pendingUris = [];
    return taken;
  };

  const commands: HostCommands = {
    getHostInfo: async () => ok({ kind: 'browser', tray: false }),
    takeOpenUris: async () => ok(takeUris()),
    showNotification: async (request) => {
      const Notification = environment.Notification;
      if (Notification === undefined) return fail('unsupported', 'This browser cannot show notifications.');
      let permission = Notification.permission;
      if (permission === 'default') permission = await Notification.requestPermission();
      if (permission !== 'granted') return fail('not-allowed', 'Notifications are blocked for this page: allow them in the browser to be told of new messages.');
      const key = `${request.account}\n${request.conversation}`;
      shown.get(key)?.close();
      const notification = new Notification(request.title, {
        body: request.body,
        silent: request.silent,
        tag: key,
        ...(request.icon === undefined ? {} : { icon: request.icon }),
      });
      shown.set(key, notification);
      notification.onclick = (event) => {
        event.preventDefault();
        environment.focusWindow();
        notification.close();
        shown.delete(key);
        emit({ event: 'onNotificationClicked', payload: { account: request.account, conversation: request.conversation } });
      };
      return ok(null);
    },
    setUnreadCount: async ({ count }) => {
      const title = environment.getTitle().replace(TITLE_COUNT, '');
      environment.setTitle(count > 0 ? `(${count}) ${title}` : title);
      await environment.setAppBadge?.(count).catch(() => undefined);
      return ok(null);
    },
    saveFile: async ({ name, mediaType, data }) => {
      if (environment.download === undefined) return fail('unsupported', 'This browser cannot save files.');
      const base = name.split(/[\\/]/u).at(-1)?.trim() ?? '';
      environment.download(base === '' ? 'download' : base, mediaType, Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
      return ok({ saved: true });
    },
  };

  /**
   * In the page itself, so no trust boundary is crossed (main checks the same commands against their schemas);
   * never throws: a failure of the browser's API is an answer like any other.
   */
  async function invoke(name: HostCommandName, args: readonly unknown[]): Promise<Result<unknown>> {
    const method = commands[name] as (...request: readonly unknown[]) => Promise<Result<unknown>>;
    try {
      return await method(...args);
    } catch (error) {
      return fail('internal', phrase('The browser refused: {{problem}}', { problem: error instanceof Error ? error.message : String(error) }));
    }
  }

  return { commands, invoke };
}
