/** Builders of contract data for the renderer's unit tests. */
import type { AccountSummary, ChatMessage, ConnectionState, Contact, PresenceShow } from '../../app/shared/contract.ts';

export function contact(jid: string, name: string, show: PresenceShow = 'offline', status = ''): Contact {
  return { jid, name, groups: [], subscription: 'both', pendingOut: false, presence: { show, status }, resources: [] };
}

let counter = 0;
export function message(partial: Partial<ChatMessage> & { conversation: string }): ChatMessage {
  counter += 1;
  const direction = partial.direction ?? 'in';
  return {
    id: `m${counter}`,
    direction,
    from: direction === 'in' ? partial.conversation : 'me@example.com',
    to: direction === 'in' ? 'me@example.com' : partial.conversation,
    body: 'hello',
    timestamp: 1_700_000_000_000 + counter,
    ...partial,
  };
}

export function summary(account: string, connection: ConnectionState = { status: 'connected', jid: `${account}/desk` }, extra: Partial<AccountSummary> = {}): AccountSummary {
  return {
    account,
    enabled: true,
    passwordSaved: true,
    trustedCertificates: [],
    connection,
    ownPresence: connection.status === 'connected' ? { show: 'online', status: '' } : { show: 'offline', status: '' },
    ...extra,
  };
}
