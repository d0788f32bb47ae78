/**
 * The contacts feature's contract commands on one account's session (the generic feature path,
 * session/feature.ts): roster items (RFC 6121 §2) and presence subscriptions (§3). Each checks its
 * input with contacts-input.ts first.
 */
import { phrase } from '../../../shared/phrase.ts';
import { ok } from '../../../shared/result.ts';
import { coreError } from '../../errors.ts';
import type { FeatureParts } from '../../session/feature.ts';
import type { ContactBook } from './contact-book.ts';
import { parseAcceptSubscription, parseAddContact, parseContactRequest, parseUpdateContact } from './contacts-input.ts';
import type { Roster } from './roster.ts';
import type { Subscriptions } from './subscriptions.ts';

export function createContactCommands(deps: {
  readonly book: ContactBook;
  readonly roster: Pick<Roster, 'set' | 'remove'>;
  readonly subscriptions: Pick<Subscriptions, 'send' | 'pending'>;
  readonly timeoutMs: number;
}): FeatureParts {
  const { book, roster, subscriptions, timeoutMs } = deps;
  /** Neither seeing their presence nor waiting for an answer to our request. */
  const notSubscribedTo = (jid: string): boolean => {
    const item = book.item(jid);
    return item === null || (item.subscription !== 'to' && item.subscription !== 'both' && !item.pendingOut);
  };

  return {
    commands: {
      async addContact(request) {
        const input = parseAddContact(request);
        if (!input.ok) return input;
        const { jid, name, groups } = input.value;
        // Adding someone already listed keeps what the new entry leaves empty.
        const existing = book.item(jid);
        await roster.set({ jid, name: name || (existing?.name ?? ''), groups: groups.length > 0 ? groups : (existing?.groups ?? []) }, timeoutMs);
        // Already seeing their presence, or already asked: asking again would only repeat the request.
        if (notSubscribedTo(jid)) await subscriptions.send(jid, 'subscribe');
        // Adding someone who asked for ours answers them too (as Conversations and Gajim do).
        if (subscriptions.pending(jid) !== null) await subscriptions.send(jid, 'subscribed');
        return ok(null);
      },
      async updateContact(request) {
        const input = parseUpdateContact(request);
        if (!input.ok) return input;
        const { jid, name, groups } = input.value;
        const item = book.item(jid);
        if (item === null) throw coreError('invalid-argument', phrase('{{jid}} is not in your contacts.', { jid }));
        await roster.set({ jid, name: name ?? item.name, groups: groups ?? item.groups }, timeoutMs);
        return ok(null);
      },
      async removeContact(request) {
        const input = parseContactRequest(request);
        if (!input.ok) return input;
        if (book.item(input.value.jid) === null) throw coreError('invalid-argument', phrase('{{jid}} is not in your contacts.', { jid: input.value.jid }));
        await roster.remove(input.value.jid, timeoutMs);
        return ok(null);
      },
      async acceptSubscription(request) {
        const input = parseAcceptSubscription(request);
        if (!input.ok) return input;
        const { jid, subscribeBack } = input.value;
        const pending = subscriptions.pending(jid);
        await subscriptions.send(jid, 'subscribed');
        if (!subscribeBack) return ok(null);
        // Someone not in the roster yet joins it under the nickname they gave.
        if (book.item(jid) === null) await roster.set({ jid, name: pending?.nickname ?? '', groups: [] }, timeoutMs);
        if (notSubscribedTo(jid)) await subscriptions.send(jid, 'subscribe');
        return ok(null);
      },
      denySubscription: (request) => answer(request, 'unsubscribed'),
      cancelSubscription: (request) => answer(request, 'unsubscribe'),
      requestSubscription: (request) => answer(request, 'subscribe'),
    },
  };

  async function answer(request: unknown, type: 'unsubscribed' | 'unsubscribe' | 'subscribe') {
    const input = parseContactRequest(request);
    if (!input.ok) return input;
    await subscriptions.send(input.value.jid, type);
    return ok(null);
  }
}
