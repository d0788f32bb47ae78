/**
 * The contract over Electron IPC, main side: one `ipcMain.handle` per command of COMMAND_NAMES
 * (channel names come from `commandChannel`, never spelled here) and one event channel fed by
 * `service.subscribe`. Every handler checks who is asking (Electron security checklist #17), then
 * hands the command to the contract's one dispatcher (app/contract/dispatcher.ts), which checks the
 * arguments against the command's schema and answers with a Result: nothing throws across IPC.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { createCommandDispatcher, type CommandDispatcher } from '../app/contract/dispatcher.ts';
import type { JabberService } from '../app/core/service-types.ts';
import { COMMAND_NAMES, EVENT_CHANNEL, commandChannel, type CommandName, type EventEnvelope, type Result } from '../app/shared/contract.ts';

/** Decides whether a frame is our renderer (right URL, right window, still attached): see sender-check.ts. */
export type SenderCheck = (frame: WebFrameMain | null) => boolean;

/** Where handlers are registered: Electron's `ipcMain`, or a stand-in in tests (ipc.test.ts). */
export type IpcHandlerRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;

const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'transport', message: 'This request did not come from the Jabber Desk window and was refused.' },
};

function handlerFor(
  name: CommandName,
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
): () => void {
  const dispatch = createCommandDispatcher(service, {
    onUnexpectedError: (name, error) => console.error(`[ipc] ${name} failed unexpectedly:`, error),
  });
  for (const name of COMMAND_NAMES) {
    ipc.handle(commandChannel(name), handlerFor(name, dispatch, isTrustedSender));
  }

  const unsubscribe = service.subscribe((envelope: EventEnvelope) => {
    const target = getTarget();
    if (target === null || target.isDestroyed()) return;
    // Only our renderer gets events: never a page the window might have been steered to.
    if (!isTrustedSender(target.mainFrame)) return;
    try {
      target.send(EVENT_CHANNEL, envelope);
    } catch (error) {
      console.error(`[ipc] could not deliver ${envelope.event}:`, error);
    }
  });

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    for (const name of COMMAND_NAMES) ipc.removeHandler(commandChannel(name));
  };
}
