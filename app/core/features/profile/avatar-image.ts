/**
 * The checks an avatar passes before anything shows it: at most MAX_AVATAR_BYTES, bytes whose
 * SHA-1 is the announced hash, and a type read from the bytes themselves (PNG, JPEG, GIF or WebP
 * only; never SVG or anything a declared type merely claims).
 */
import { createHash } from 'node:crypto';
import type { AvatarImage, AvatarType } from '../../../shared/contract.ts';
import { phrase, type Words } from '../../../shared/phrase.ts';

/** Big enough for a 256×256 photo; anything larger is refused unread. */
export const MAX_AVATAR_BYTES = 256 * 1024;

export const sha1Hex = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

/** The image type the bytes are, by their signature; null for anything else. */
export function sniffImageType(bytes: Uint8Array): AvatarType | null {
  const starts = (...signature: number[]): boolean => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return null;
}

/** Base64 as sent in XML (whitespace allowed) into bytes; null when it is not base64 or decodes too large. */
export function decodeAvatarBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/gu, '');
  // Checked before decoding: a huge payload costs nothing more than its length.
  if (compact.length > Math.ceil((MAX_AVATAR_BYTES * 4) / 3) + 4 || !/^[A-Za-z0-9+/]*={0,2}$/u.test(compact)) return null;
  const bytes = Buffer.from(compact, 'base64');
  return bytes.length > 0 && bytes.length <= MAX_AVATAR_BYTES ? bytes : null;
}

export type AvatarCheck = { readonly ok: true; readonly image: AvatarImage; readonly bytes: Buffer } | { readonly ok: false; readonly reason: Words };

/** Accepts the bytes as an avatar when they are a supported image (and, given a hash, have exactly that SHA-1). */
export function checkAvatar(bytes: Buffer, expectedHash: string | null): AvatarCheck {
  if (bytes.length === 0 || bytes.length > MAX_AVATAR_BYTES) return { ok: false, reason: phrase('An avatar must be at most {{max}} KiB.', { max: MAX_AVATAR_BYTES / 1024 }) };
  const hash = sha1Hex(bytes);
  if (expectedHash !== null && hash !== expectedHash) return { ok: false, reason: 'The avatar does not match its hash.' };
  const type = sniffImageType(bytes);
  if (type === null) return { ok: false, reason: 'An avatar must be a PNG, JPEG, GIF or WebP image.' };
  return { ok: true, bytes, image: { hash, type, dataUrl: `data:${type};base64,${bytes.toString('base64')}` } };
}
