/** For tests of the service: wait for the next event of a kind that matches; fresh accounts on the test server. */
import { randomUUID } from 'node:crypto';
import type { Contact, EventName, JabberEventPayloads } from '../shared/contract.ts';
import { parseAccountJid } from '../shared/jid.ts';
import { registerAccount } from './auth/registration.ts';
import type { JabberService } from './service-types.ts';
import type { SessionEvents } from './session/session.ts';

/** Session events that do nothing, but for those a test listens to. */
export function quietSessionEvents(listen: Partial<SessionEvents> = {}): SessionEvents {
  return { emit: () => {}, message: () => {}, updated: () => {}, reconnecting: () => {}, reconnected: () => {}, ended: () => {}, ...listen };
}

/** An emitter that collects every contact the session reports (whole rosters and single changes), in order. */
export function contactsInto(sink: Contact[]): SessionEvents['emit'] {
  return (event, payload) => {
    if (event === 'onRoster') sink.push(...(payload as JabberEventPayloads['onRoster']).contacts);
    if (event === 'onContact') sink.push((payload as JabberEventPayloads['onContact']).contact);
  };
}

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

/** A test account: its bare JID and password. */
export interface TestUser {
  readonly jid: string;
  readonly password: string;
}

/**
 * A new account on the test server with a unique name (`<prefix>-<8 hex>`), created by in-band
 * registration: for a test that must share no roster or archive with any other.
 */
export async function freshUser(server: { readonly host: string; readonly c2sPort: number; readonly caCertPem: string; readonly domain: string }, prefix: string, password = `${prefix}-secret-1`): Promise<TestUser> {
  const user = { jid: `${prefix}-${randomUUID().slice(0, 8)}@${server.domain}`, password };
  const account = parseAccountJid(user.jid);
  if (!account.ok) throw new Error(account.reason);
  await registerAccount({ account: account.jid, password, host: server.host, port: server.c2sPort, trustedCertificates: [server.caCertPem], stepTimeoutMs: 5_000 });
  return user;
}
