/**
 * The host's half of the contract in Electron (app/shared/host.ts): xmpp: links the app was opened with,
 * notifications, the unread badge. Assembled from small typed parts so the tests drive it with stand-ins.
 */
import type { EventEnvelope, HostCommands, HostEventPayloads, HostInfo, Unsubscribe } from '../app/shared/contract.ts';
import { fail, ok } from '../app/shared/result.ts';
import type { HostSide } from './ipc.ts';
import type { Notifier } from './notifier.ts';
import { createOpenUriQueue } from './xmpp-links.ts';

export interface MainHostSideDependencies {
  readonly notifier: Notifier;
  readonly setUnreadCount: (count: number) => void;
  /** Brings the window to the front (a notification was clicked). */
  readonly focusWindow: () => void;
  readonly info: HostInfo;
  /** Asks where to save a downloaded file (the save dialog) and writes it there; false: the user cancelled. */
  readonly saveFile?: (name: string, bytes: Buffer) => Promise<boolean>;
}

export interface MainHostSide extends HostSide {
  /** An xmpp: link from the command line, a second instance or macOS `open-url`. */
  receiveUri(uri: string): void;
  /** The window is reloading or gone: keep links until it takes them again. */
  windowGone(): void;
}

export function createMainHostSide(dependencies: MainHostSideDependencies): MainHostSide {
  const listeners = new Set<(envelope: EventEnvelope) => void>();
  const emit = <E extends keyof HostEventPayloads>(event: E, payload: HostEventPayloads[E]): void => {
    const envelope = { event, payload } as EventEnvelope;
    for (const listener of [...listeners]) listener(envelope);
  };
  const links = createOpenUriQueue((uri) => emit('onOpenUri', { uri }));

  const commands: HostCommands = {
    getHostInfo: async () => ok(dependencies.info),
    takeOpenUris: async () => ok(links.take()),
    showNotification: async (request) => {
      const key = `${request.account}\n${request.conversation}`;
      dependencies.notifier.show(
        { key, title: request.title, body: request.body, silent: request.silent, ...(request.icon === undefined ? {} : { icon: request.icon }) },
        () => {
          dependencies.focusWindow();
          emit('onNotificationClicked', { account: request.account, conversation: request.conversation });
        },
      );
      return ok(null);
    },
    setUnreadCount: async ({ count }) => {
      dependencies.setUnreadCount(count);
      return ok(null);
    },
    saveFile: async ({ name, data }) => {
      if (dependencies.saveFile === undefined) return fail('unsupported', 'This window cannot save files.');
      // Only the name's last part is offered: a name from the network never picks the folder.
      const base = name.split(/[\\/]/u).at(-1)?.trim() ?? '';
      return ok({ saved: await dependencies.saveFile(base === '' ? 'download' : base, Buffer.from(data, 'base64')) });
    },
  };

  return {
    commands,
    subscribe(listener): Unsubscribe {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    receiveUri: (uri) => links.receive(uri),
    windowGone: () => links.pause(),
  };
}
