/**
 * Checks the input of the contact commands (it comes from a renderer we do not trust), in the style
 * of accounts-input.ts: the clean values, or the error the user sees.
 */
import { asPhrase, phrase } from '../../../shared/phrase.ts';
import type { AccountId, Jid, Result } from '../../../shared/contract.ts';
import { formatBare, parseJid } from '../../../shared/jid.ts';
import { fail, ok } from '../../../shared/result.ts';
import { isRecord, parseAccountId } from '../../accounts/accounts-input.ts';

/** Roster names and group names: generous for people, bounded for servers (Prosody stores them as given). */
export const MAX_CONTACT_NAME_LENGTH = 256;
export const MAX_GROUP_NAME_LENGTH = 256;
export const MAX_GROUPS = 64;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/u;

export interface ContactInput {
  readonly account: AccountId;
  readonly jid: Jid;
}

/** The contact's JID: any valid JID, as a bare JID (a resource typed after it is dropped); never the account itself. */
function parseContactJid(value: unknown, account: AccountId): Result<Jid> {
  if (typeof value !== 'string' || value.trim().length === 0) return fail('invalid-argument', "Enter the contact's Jabber ID, like bob@example.com.");
  const parsed = parseJid(value);
  if (!parsed.ok) return fail('invalid-jid', phrase('“{{input}}” is not a valid Jabber ID: {{reason}}.', { input: value.trim(), reason: asPhrase(parsed.reason) }));
  const jid = formatBare(parsed.jid);
  if (jid === account) return fail('invalid-argument', 'That is your own Jabber ID: you cannot add yourself as a contact.');
  return ok(jid);
}

function parseName(value: unknown): Result<string> {
  if (value === undefined || value === null) return ok('');
  if (typeof value !== 'string') return fail('invalid-argument', 'The name must be text.');
  const name = value.trim();
  if (name.length > MAX_CONTACT_NAME_LENGTH) return fail('invalid-argument', phrase('A name may have at most {{max}} characters.', { max: MAX_CONTACT_NAME_LENGTH }));
  if (CONTROL.test(name)) return fail('invalid-argument', 'A name may not contain control characters.');
  return ok(name);
}

/** Groups: trimmed, empty ones dropped, duplicates merged, in the order given. */
function parseGroups(value: unknown): Result<string[]> {
  if (value === undefined || value === null) return ok([]);
  if (!Array.isArray(value) || value.some((group) => typeof group !== 'string')) return fail('invalid-argument', 'Groups must be a list of names.');
  const groups = [...new Set((value as string[]).map((group) => group.trim()).filter((group) => group.length > 0))];
  if (groups.length > MAX_GROUPS) return fail('invalid-argument', phrase('A contact may be in at most {{max}} groups.', { max: MAX_GROUPS }));
  const bad = groups.find((group) => group.length > MAX_GROUP_NAME_LENGTH || CONTROL.test(group));
  if (bad !== undefined) return fail('invalid-argument', phrase('“{{input}}” is not a usable group name (at most {{max}} characters, no control characters).', { input: bad.slice(0, 40), max: MAX_GROUP_NAME_LENGTH }));
  return ok(groups);
}

export function parseContactRequest(request: unknown): Result<ContactInput> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which account and contact this is for.');
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  const jid = parseContactJid(request.jid, account.value);
  if (!jid.ok) return jid;
  return ok({ account: account.value, jid: jid.value });
}

export function parseAddContact(request: unknown): Result<ContactInput & { name: string; groups: string[] }> {
  const contact = parseContactRequest(request);
  if (!contact.ok) return contact;
  const record = request as Record<string, unknown>;
  const name = parseName(record.name);
  if (!name.ok) return name;
  const groups = parseGroups(record.groups);
  if (!groups.ok) return groups;
  return ok({ ...contact.value, name: name.value, groups: groups.value });
}

export function parseUpdateContact(request: unknown): Result<ContactInput & { name?: string; groups?: string[] }> {
  const contact = parseContactRequest(request);
  if (!contact.ok) return contact;
  const record = request as Record<string, unknown>;
  if (record.name === undefined && record.groups === undefined) return fail('invalid-argument', 'Give a new name or a new list of groups.');
  const name = record.name === undefined ? undefined : parseName(record.name);
  if (name !== undefined && !name.ok) return name;
  const groups = record.groups === undefined ? undefined : parseGroups(record.groups);
  if (groups !== undefined && !groups.ok) return groups;
  return ok({ ...contact.value, ...(name !== undefined ? { name: name.value } : {}), ...(groups !== undefined ? { groups: groups.value } : {}) });
}

export function parseAcceptSubscription(request: unknown): Result<ContactInput & { subscribeBack: boolean }> {
  const contact = parseContactRequest(request);
  if (!contact.ok) return contact;
  const { subscribeBack } = request as Record<string, unknown>;
  if (subscribeBack !== undefined && typeof subscribeBack !== 'boolean') return fail('invalid-argument', 'subscribeBack must be true or false.');
  return ok({ ...contact.value, subscribeBack: subscribeBack ?? true });
}
