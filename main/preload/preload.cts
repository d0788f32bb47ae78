/**
 * The preload: builds `window.jabber` (the contract's `JabberApi`) from COMMAND_NAMES and
 * EVENT_NAMES, and nothing else crosses into the page: no ipcRenderer, no IPC event object,
 * no channel names (Electron security checklist #20).
 *
 * It runs sandboxed, so it must be CommonJS and may require only 'electron'; the build bundles
 * the contract module in (dist/main/preload.cjs).
 */
import type * as Electron from 'electron';
import type { IpcRendererEvent } from 'electron';
import type * as Contract from '../../app/shared/contract.ts';
import type {
  CommandName,
  EventName,
  JabberApi,
  JabberCommands,
  JabberEventPayloads,
  JabberEventSubscriptions,
  Result,
  Unsubscribe,
} from '../../app/shared/contract.ts';

// CommonJS requires: this file is CommonJS, where TypeScript (verbatimModuleSyntax) allows no ESM
// value imports. esbuild bundles the contract in, so at run time the preload requires only 'electron'.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload cannot be an ES module
const { contextBridge, ipcRenderer }: typeof Electron = require('electron');
const { COMMAND_NAMES, EVENT_CHANNEL, EVENT_NAMES, commandChannel, isEventName }: typeof Contract =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above; bundled, not required at run time
  require('../../app/shared/contract.ts');

// ---- commands -----------------------------------------------------------------------------------

const TRANSPORT_FAILURE: Result<never> = {
  ok: false,
  error: { code: 'transport', message: 'The window lost its connection to the Jabber Desk core. Restart Jabber Desk.' },
};

function makeCommand<K extends CommandName>(name: K): JabberCommands[K] {
  const channel = commandChannel(name);
  // Commands never throw: an IPC failure (no handler yet, an argument that cannot be cloned)
  // comes back as a `transport` error like every other failure.
  const command = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await ipcRenderer.invoke(channel, ...args);
    } catch {
      return TRANSPORT_FAILURE;
    }
  };
  // The main process answers each channel with that command's Result (see main/ipc.ts).
  return command as JabberCommands[K];
}

// ---- events -------------------------------------------------------------------------------------

/** One entry per subscription (not per function): subscribing the same function twice needs two unsubscribes. */
interface Subscription<E extends EventName> {
  readonly listener: (payload: JabberEventPayloads[E]) => void;
}

type Registry = { readonly [E in EventName]: Set<Subscription<E>> };

const registry = Object.fromEntries(EVENT_NAMES.map((name) => [name, new Set()])) as unknown as Registry;

function isEnvelope(value: unknown): value is { event: EventName; payload: unknown } {
  return typeof value === 'object' && value !== null && 'event' in value && 'payload' in value && isEventName(value.event);
}

function deliver<E extends EventName>(event: E, payload: JabberEventPayloads[E]): void {
  for (const subscription of [...registry[event]]) {
    try {
      subscription.listener(payload);
    } catch (error) {
      // One failing listener must not starve the others; still report it.
      console.error(`window.jabber.${event} listener failed:`, error);
    }
  }
}

let dispatcherInstalled = false;

/** One ipcRenderer listener for all events, installed at the first subscription. */
function installDispatcher(): void {
  if (dispatcherInstalled) return;
  dispatcherInstalled = true;
  ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, envelope: unknown) => {
    if (!isEnvelope(envelope)) return;
    deliver(envelope.event, envelope.payload as JabberEventPayloads[EventName]);
  });
}

function makeSubscription<E extends EventName>(name: E): JabberEventSubscriptions[E] {
  const subscribe = (listener: (payload: JabberEventPayloads[E]) => void): Unsubscribe => {
    if (typeof listener !== 'function') throw new TypeError(`window.jabber.${name} expects a function.`);
    installDispatcher();
    const subscription: Subscription<E> = { listener };
    const set: Set<Subscription<E>> = registry[name];
    set.add(subscription);
    return () => {
      set.delete(subscription);
    };
  };
  return subscribe as JabberEventSubscriptions[E];
}

// ---- the API ------------------------------------------------------------------------------------

function fromNames<N extends string, T extends { readonly [K in N]: unknown }>(
  names: readonly N[],
  make: <K extends N>(name: K) => T[K],
): T {
  return Object.fromEntries(names.map((name) => [name, make(name)])) as T;
}

const commands = fromNames<CommandName, JabberCommands>(COMMAND_NAMES, makeCommand);
const subscriptions = fromNames<EventName, JabberEventSubscriptions>(EVENT_NAMES, makeSubscription);

const api = Object.freeze({ ...commands, ...subscriptions }) satisfies JabberApi;

contextBridge.exposeInMainWorld('jabber', api);
