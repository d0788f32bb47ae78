/**
 * For tests: a stand-in service that records every command called on it (name and arguments) and
 * answers each with `{ ok: true, value: 'answer of <name>' }`; its one event listener can be fed by hand.
 * Typed by the caller (e.g. as the core's JabberService), since it answers any method name.
 */
import type { EventEnvelope, JabberCommands, Result, Unsubscribe } from '../shared/contract.ts';

export interface RecordedCall {
  readonly name: string;
  readonly args: readonly unknown[];
}

export function recordingService<Service extends JabberCommands>() {
  const calls: RecordedCall[] = [];
  let listener: ((envelope: EventEnvelope) => void) | null = null;
  const subscribe = (next: (envelope: EventEnvelope) => void): Unsubscribe => {
    listener = next;
    return () => {
      listener = null;
    };
  };
  const service = new Proxy({} as Service, {
    get: (_target, name) => {
      if (name === 'subscribe') return subscribe;
      // Not a thenable, not a symbol-keyed protocol: only named commands answer.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return async (...args: unknown[]): Promise<Result<string>> => {
        calls.push({ name, args });
        return { ok: true, value: `answer of ${name}` };
      };
    },
  });
  return {
    service,
    calls,
    emit: (envelope: EventEnvelope) => listener?.(envelope),
    subscribed: () => listener !== null,
  };
}
