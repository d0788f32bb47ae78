/**
 * The client side of the contract, for every transport (the Electron preload, the browser bridge):
 * builds the frozen `window.jabber` object from COMMAND_NAMES, HOST_COMMAND_NAMES and EVENT_NAMES around a transport
 * that only carries commands out and event envelopes in. Both windows therefore behave alike:
 * commands never throw, every subscription is its own (with its own unsubscribe), and a listener
 * that throws never keeps the event from the other listeners.
 */
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  HOST_COMMAND_NAMES,
  type ApiCommandName,
  type HostCommands,
  isEventName,
  type EventName,
  type JabberApi,
  type JabberCommands,
  type JabberEventSubscriptions,
  type Result,
  type Unsubscribe,
} from './contract.ts';

export interface JabberTransport {
  /** Carries one command to the core and resolves with its Result; may reject when the link is gone. */
  invoke(command: ApiCommandName, args: readonly unknown[]): Promise<Result<unknown>>;
  /** Starts handing every event envelope that arrives to `deliver`; called once, at the first subscription. */
  listen(deliver: (envelope: unknown) => void): void;
  /** What a command answers when `invoke` rejects: says what the user can do. */
  readonly lostMessage?: string;
}

export interface JabberClientOptions {
  /** Told about a listener that threw (the others still run); default: console.error. */
  readonly onListenerError?: (event: EventName, error: unknown) => void;
}

const DEFAULT_LOST_MESSAGE = 'The window lost its connection to the Jabber Desk core. Restart Jabber Desk.';

/** One entry per subscribe call (not per function): the same function subscribed twice is two subscriptions. */
interface Subscription {
  readonly listener: (payload: never) => void;
}

function isEnvelope(value: unknown): value is { readonly event: EventName; readonly payload: unknown } {
  return typeof value === 'object' && value !== null && 'event' in value && 'payload' in value && isEventName(value.event);
}

/** Trailing `undefined`s are no arguments: `reconnectNow(undefined)` means `reconnectNow()` on every transport. */
function withoutTrailingUndefined(args: readonly unknown[]): readonly unknown[] {
  let length = args.length;
  while (length > 0 && args[length - 1] === undefined) length -= 1;
  return length === args.length ? args : args.slice(0, length);
}

export function createJabberClient(transport: JabberTransport, options: JabberClientOptions = {}): JabberApi {
  const reportListenerError =
    options.onListenerError ?? ((event, error) => console.error(`window.jabber.${event} listener failed:`, error));
  const lost: Result<never> = { ok: false, error: { code: 'transport', message: transport.lostMessage ?? DEFAULT_LOST_MESSAGE } };
  const subscriptions = new Map<EventName, Set<Subscription>>(EVENT_NAMES.map((name) => [name, new Set()]));
  let listening = false;

  function deliver(envelope: unknown): void {
    if (!isEnvelope(envelope)) return;
    // A copy: a listener that unsubscribes (or subscribes) while being called changes the next event, not this one.
    for (const subscription of [...(subscriptions.get(envelope.event) ?? [])]) {
      try {
        (subscription.listener as (payload: unknown) => void)(envelope.payload);
      } catch (error) {
        reportListenerError(envelope.event, error);
      }
    }
  }

  function command(name: ApiCommandName): (...args: unknown[]) => Promise<Result<unknown>> {
    return async (...args) => {
      try {
        return await transport.invoke(name, withoutTrailingUndefined(args));
      } catch {
        return lost;
      }
    };
  }

  function subscription(name: EventName): (listener: unknown) => Unsubscribe {
    return (listener) => {
      if (typeof listener !== 'function') throw new TypeError(`window.jabber.${name} expects a function.`);
      if (!listening) {
        listening = true;
        transport.listen(deliver);
      }
      const entry: Subscription = { listener: listener as Subscription['listener'] };
      const set = subscriptions.get(name);
      set?.add(entry);
      return () => {
        set?.delete(entry);
      };
    };
  }

  const commands = Object.fromEntries([...COMMAND_NAMES, ...HOST_COMMAND_NAMES].map((name) => [name, command(name)])) as unknown as JabberCommands & HostCommands;
  const events = Object.fromEntries(EVENT_NAMES.map((name) => [name, subscription(name)])) as unknown as JabberEventSubscriptions;
  return Object.freeze({ ...commands, ...events }) satisfies JabberApi;
}
