/**
 * The contract over Electron IPC, main side: one `ipcMain.handle` per command of COMMAND_NAMES and HOST_COMMAND_NAMES
 * (channel names come from `commandChannel`, never spelled here) and one event channel fed by
 * `service.subscribe`. Every handler checks who is asking (Electron security checklist #17), then
 * hands the command to the contract's one dispatcher (app/contract/dispatcher.ts), which checks the
 * arguments against the command's schema and answers with a Result: nothing throws across IPC.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { createCommandDispatcher, type CommandDispatcher } from '../app/contract/dispatcher.ts';
import type { JabberService } from '../app/core/service-types.ts';
import { COMMAND_NAMES, EVENT_CHANNEL, HOST_COMMAND_NAMES, commandChannel, type ApiCommandName, type EventEnvelope, type HostCommands, type Result, type Unsubscribe } from '../app/shared/contract.ts';

/** Decides whether a frame is our renderer (right URL, right window, still attached): see sender-check.ts. */
export type SenderCheck = (frame: WebFrameMain | null) => boolean;

/** Where handlers are registered: Electron's `ipcMain`, or a stand-in in tests (ipc.test.ts). */
export type IpcHandlerRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** The host's half of the contract (app/shared/host.ts), answered in main: its commands and the events it raises. */
export interface HostSide {
  readonly commands: HostCommands;
  subscribe(listener: (envelope: EventEnvelope) => void): Unsubscribe;
}

const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'transport', message: 'This request did not come from the Jabber Desk window and was refused.' },
};

function handlerFor(
  name: ApiCommandName,
  dispatch: CommandDispatcher,
  isTrustedSender: SenderCheck,
): (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Result<unknown>> {
  return async (event, ...args) => {
    // The sender first: a forged frame learns nothing, not even whether its arguments were well formed.
    if (!isTrustedSender(event.senderFrame)) return REFUSED;
    return dispatch(name, args);
  };
}

/**
 * Serves the contract over IPC, registering on `ipc` (Electron's `ipcMain`). `getTarget` names the
 * window's WebContents that receives events (null while there is no window: events are then
 * dropped; the renderer catches up with `getSnapshot` when it starts). Returns a function that
 * removes every handler and the subscription.
 */
export function registerIpc(
  ipc: IpcHandlerRegistry,
  service: JabberService,
  isTrustedSender: SenderCheck,
  getTarget: () => WebContents | null,
  host?: HostSide,
): () => void {
  const dispatch = createCommandDispatcher(service, {
    onUnexpectedError: (name, error) => console.error(`[ipc] ${name} failed unexpectedly:`, error),
    ...(host === undefined ? {} : { host: host.commands }),
  });
  const names: readonly ApiCommandName[] = [...COMMAND_NAMES, ...HOST_COMMAND_NAMES];
  for (const name of names) {
    ipc.handle(commandChannel(name), handlerFor(name, dispatch, isTrustedSender));
  }

  const forward = (envelope: EventEnvelope): void => {
    const target = getTarget();
    if (target === null || target.isDestroyed()) return;
    // Only our renderer gets events: never a page the window might have been steered to.
    if (!isTrustedSender(target.mainFrame)) return;
    try {
      target.send(EVENT_CHANNEL, envelope);
    } catch (error) {
      console.error(`[ipc] could not deliver ${envelope.event}:`, error);
    }
  };
  const unsubscribeService = service.subscribe(forward);
  const unsubscribeHost = host?.subscribe(forward);

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    unsubscribeService();
    unsubscribeHost?.();
    for (const name of names) ipc.removeHandler(commandChannel(name));
  };
}
