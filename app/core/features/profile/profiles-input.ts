/**
 * Checks the input of the avatar and profile commands (from a renderer we do not trust): the clean
 * values, or the error the user sees.
 */
import { phrase, type Phrase } from '../../../shared/phrase.ts';
import type { AccountId, Jid, Profile, Result } from '../../../shared/contract.ts';
import { formatBare, parseJid } from '../../../shared/jid.ts';
import { fail, ok } from '../../../shared/result.ts';
import { isRecord, parseAccountId } from '../../accounts/accounts-input.ts';
import { decodeAvatarBase64, MAX_AVATAR_BYTES } from './avatar-image.ts';

export const MAX_PROFILE_FIELD_LENGTH = 256;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/u;

const PROFILE_FIELDS = ['fullName', 'nickname', 'organisation', 'title', 'email', 'phone'] as const satisfies readonly (keyof Profile)[];
/** A field's words, as in "The nickname must be text". */
const FIELD_WORDS: Record<keyof Profile, Phrase> = {
  fullName: phrase('name'),
  nickname: phrase('nickname'),
  organisation: phrase('organisation'),
  title: phrase('title'),
  email: phrase('e-mail address'),
  phone: phrase('phone number'),
};

export function parseProfileRequest(request: unknown): Result<{ account: AccountId; jid: Jid }> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which account and contact this is for.');
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  const parsed = typeof request.jid === 'string' ? parseJid(request.jid) : null;
  if (parsed === null || !parsed.ok) return fail('invalid-jid', 'Say whose profile to show (a Jabber ID).');
  return ok({ account: account.value, jid: formatBare(parsed.jid) });
}

export function parseSetProfile(request: unknown): Result<{ account: AccountId; profile: Profile }> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which account this is for.');
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  if (!isRecord(request.profile)) return fail('invalid-argument', 'Give the profile to save.');
  const given = request.profile;
  const profile: Record<string, string> = {};
  for (const name of PROFILE_FIELDS) {
    const value = given[name] ?? '';
    if (typeof value !== 'string') return fail('invalid-argument', phrase('The {{field}} must be text.', { field: FIELD_WORDS[name] }));
    const text = value.trim();
    if (text.length > MAX_PROFILE_FIELD_LENGTH || CONTROL.test(text)) {
      return fail('invalid-argument', phrase('The {{field}} may have at most {{max}} characters, on one line.', { field: FIELD_WORDS[name], max: MAX_PROFILE_FIELD_LENGTH }));
    }
    profile[name] = text;
  }
  return ok({ account: account.value, profile: profile as unknown as Profile });
}

export function parseSetAvatar(request: unknown): Result<{ account: AccountId; type: 'image/png' | 'image/jpeg'; bytes: Buffer }> {
  if (!isRecord(request)) return fail('invalid-argument', 'Say which account this is for.');
  const account = parseAccountId(request.account);
  if (!account.ok) return account;
  if (request.type !== 'image/png' && request.type !== 'image/jpeg') return fail('invalid-argument', 'An avatar is published as PNG or JPEG.');
  const bytes = typeof request.base64 === 'string' ? decodeAvatarBase64(request.base64) : null;
  if (bytes === null) return fail('invalid-argument', phrase('The image is missing or larger than {{max}} KiB.', { max: MAX_AVATAR_BYTES / 1024 }));
  return ok({ account: account.value, type: request.type, bytes });
}
