/** For tests of the service: wait for the next event of a kind that matches. */
import type { EventName, JabberEventPayloads } from '../shared/contract.ts';
import type { JabberService } from './service-types.ts';

/** The next `event` whose payload matches; rejects after `timeoutMs`. */
export function nextEvent<E extends EventName>(
  service: Pick<JabberService, 'subscribe'>,
  event: E,
  predicate: (payload: JabberEventPayloads[E]) => boolean,
  timeoutMs = 10_000,
): Promise<JabberEventPayloads[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = service.subscribe((envelope) => {
      if (envelope.event !== event || !predicate(envelope.payload as JabberEventPayloads[E])) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(envelope.payload as JabberEventPayloads[E]);
    });
  });
}
