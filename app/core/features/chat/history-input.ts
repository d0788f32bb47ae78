/**
 * Checks the input of the history commands (loadMessages, searchMessages): it comes from a renderer
 * we do not trust. Cursors are opaque here; the history itself rejects one it never gave.
 */
import { phrase } from '../../../shared/phrase.ts';
import type { AccountId, Jid, MessageCursor, Result } from '../../../shared/contract.ts';
import { formatBare, formatFull, parseJid } from '../../../shared/jid.ts';
import { fail, ok } from '../../../shared/result.ts';
import { isRecord, parseAccountId } from '../../accounts/accounts-input.ts';

export const MAX_PAGE_LIMIT = 500;
export const MAX_SEARCH_LIMIT = 200;
/** Longer than anyone types into a search box; bounds the work a pasted text can cause. */
export const MAX_QUERY_LENGTH = 500;
const MAX_CURSOR_LENGTH = 100;

export interface LoadMessagesInput {
  readonly account: AccountId;
  readonly conversation: Jid;
  readonly before?: MessageCursor;
  readonly after?: MessageCursor;
  readonly around?: MessageCursor;
  readonly limit?: number;
}

export interface SearchMessagesInput {
  readonly query: string;
  readonly account?: AccountId;
  readonly conversation?: Jid;
  readonly limit?: number;
}

function parseConversation(value: unknown): Result<Jid> {
  if (typeof value !== 'string') return fail('invalid-argument', 'Say which conversation (the Jabber ID of the other party).');
  const parsed = parseJid(value);
  if (!parsed.ok) return fail('invalid-jid', phrase('“{{input}}” is not a valid Jabber ID.', { input: value }));
  // A bare JID, or with a resource an occupant's room JID (`room@service/nick`): the private messages of a group chat (muc feature).
  return ok(parsed.jid.resource !== '' ? formatFull(parsed.jid) : formatBare(parsed.jid));
}

function parseLimit(value: unknown, max: number): Result<number | undefined> {
  if (value === undefined) return ok(undefined);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    return fail('invalid-argument', phrase('The limit must be a whole number from 1 to {{max}}.', { max }));
  }
  return ok(value);
}

export function parseLoadMessages(request: unknown): Result<LoadMessagesInput> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which conversation to load.');
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  const conversation = parseConversation(request.conversation);
  if (!conversation.ok) return conversation;
  const limit = parseLimit(request.limit, MAX_PAGE_LIMIT);
  if (!limit.ok) return limit;
  const positions: Partial<Record<'before' | 'after' | 'around', MessageCursor>> = {};
  for (const key of ['before', 'after', 'around'] as const) {
    const value = request[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CURSOR_LENGTH) {
      return fail('invalid-argument', phrase('“{{input}}” must be a position given by an earlier page or search hit.', { input: key }));
    }
    positions[key] = value;
  }
  if (Object.keys(positions).length > 1) return fail('invalid-argument', 'Give at most one of before, after and around.');
  return ok({ account: account.value, conversation: conversation.value, ...positions, ...(limit.value !== undefined ? { limit: limit.value } : {}) });
}

export function parseSearchMessages(request: unknown): Result<SearchMessagesInput> {
  if (!isRecord(request) || typeof request.query !== 'string') return fail('invalid-argument', 'Type the words to search for.');
  if (request.query.length > MAX_QUERY_LENGTH) return fail('invalid-argument', phrase('Search for at most {{max}} characters.', { max: MAX_QUERY_LENGTH }));
  let account: AccountId | undefined;
  if (request.account !== undefined) {
    const parsed = parseAccountId(request.account);
    if (!parsed.ok) return parsed;
    account = parsed.value;
  }
  let conversation: Jid | undefined;
  if (request.conversation !== undefined) {
    const parsed = parseConversation(request.conversation);
    if (!parsed.ok) return parsed;
    conversation = parsed.value;
  }
  const limit = parseLimit(request.limit, MAX_SEARCH_LIMIT);
  if (!limit.ok) return limit;
  return ok({
    query: request.query,
    ...(account !== undefined ? { account } : {}),
    ...(conversation !== undefined ? { conversation } : {}),
    ...(limit.value !== undefined ? { limit: limit.value } : {}),
  });
}
