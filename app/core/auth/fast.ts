/**
 * FAST (XEP-0484, Fast Authentication Streamlining Tokens): after one sign-in with the password, the server
 * hands out a token; later sign-ins prove knowledge of the token in a single round trip with a hashed-token
 * SASL mechanism (draft-schmaus-kitten-sasl-ht), without the password.
 *
 * HT-SHA-256-*: the client sends `authcid NUL HMAC-SHA-256(token, "Initiator" || cb-data)`; the server
 * answers (SASL2 `<additional-data/>`) with `HMAC-SHA-256(token, "Responder" || cb-data)`, which proves it
 * knows the token too. The suffix names the channel binding that makes up cb-data: EXPR = tls-exporter,
 * UNIQ = tls-unique, ENDP = tls-server-end-point, NONE = none (empty cb-data).
 *
 * A token is a secret like a password: the caller stores it in the keychain, never in plain text.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import type { ChannelBinding, ChannelBindingType } from './channel-binding.ts';

export const NS_FAST = 'urn:xmpp:fast:0';

/** A token the server issued (XEP-0484 `<token/>`), bound to one mechanism. */
export interface FastToken {
  readonly mechanism: string;
  readonly token: string;
  /** When the server stops accepting it (ISO 8601, as the server sent it). */
  readonly expiry: string;
}

/** What the caller gives `openStream` to use and renew FAST tokens. */
export interface FastOptions {
  /** The stored token for this account (and this `userAgentId`), or null to get one. */
  readonly token: FastToken | null;
  /** A new or rotated token: store it (like a password), replacing the old one. */
  onToken(token: FastToken): void;
  /** The server refused the stored token (expired or revoked): forget it. A new one follows if the password works. */
  onTokenRejected?(): void;
}

/** The HT-SHA-256 mechanisms, strongest binding first, with the binding each one hashes in. */
export const FAST_MECHANISMS: ReadonlyArray<{ readonly name: string; readonly binding: ChannelBindingType | null }> = [
  { name: 'HT-SHA-256-EXPR', binding: 'tls-exporter' },
  { name: 'HT-SHA-256-UNIQ', binding: 'tls-unique' },
  { name: 'HT-SHA-256-ENDP', binding: 'tls-server-end-point' },
  { name: 'HT-SHA-256-NONE', binding: null },
];

export function isFastMechanism(name: string): boolean {
  return FAST_MECHANISMS.some((mechanism) => mechanism.name === name);
}

/**
 * The channel-binding data `mechanism` needs on this connection: an empty buffer for -NONE, the binding's data
 * for the others, or null when this connection cannot provide it (e.g. -EXPR on TLS 1.2) or the name is unknown.
 */
export function fastChannelBindingData(mechanism: string, available: readonly ChannelBinding[]): Buffer | null {
  const known = FAST_MECHANISMS.find((candidate) => candidate.name === mechanism);
  if (known === undefined) return null;
  if (known.binding === null) return Buffer.alloc(0);
  return available.find((binding) => binding.type === known.binding)?.data ?? null;
}

/**
 * The mechanism to ask a new token for: the strongest FAST mechanism the server offers whose binding this
 * connection can compute (XEP-0484: channel-binding mechanisms MUST be preferred). Null when none fits.
 */
export function chooseFastMechanism(offered: readonly string[], available: readonly ChannelBinding[]): string | null {
  for (const { name } of FAST_MECHANISMS) {
    if (offered.includes(name) && fastChannelBindingData(name, available) !== null) return name;
  }
  return null;
}

/** HMAC-SHA-256(token, label || cb-data). */
function hashedToken(token: string, label: 'Initiator' | 'Responder', channelBindingData: Buffer): Buffer {
  return createHmac('sha256', Buffer.from(token, 'utf8')).update(Buffer.concat([Buffer.from(label, 'utf8'), channelBindingData])).digest();
}

/** The initial response of HT-SHA-256-*: `username NUL HMAC-SHA-256(token, "Initiator" || cb-data)` (raw bytes). */
export function fastInitialResponse(username: string, token: string, channelBindingData: Buffer): Buffer {
  return Buffer.concat([Buffer.from(username, 'utf8'), Buffer.from([0]), hashedToken(token, 'Initiator', channelBindingData)]);
}

/** The server's proof: `HMAC-SHA-256(token, "Responder" || cb-data)`. */
export function fastExpectedResponder(token: string, channelBindingData: Buffer): Buffer {
  return hashedToken(token, 'Responder', channelBindingData);
}

/** True when the server's `<additional-data/>` proves it knows the token (constant-time comparison). */
export function verifyFastResponder(additionalData: Buffer, token: string, channelBindingData: Buffer): boolean {
  const expected = fastExpectedResponder(token, channelBindingData);
  return additionalData.length === expected.length && timingSafeEqual(additionalData, expected);
}

/** The FAST mechanisms of a SASL2 `<inline/>` (`<fast xmlns='urn:xmpp:fast:0'><mechanism/>…</fast>`), or null without FAST. */
export function parseFastOffer(inline: Element | undefined): string[] | null {
  const fast = inline?.getChild('fast', NS_FAST);
  if (fast === undefined) return null;
  return fast
    .getChildren('mechanism')
    .map((mechanism) => mechanism.text().trim())
    .filter((name) => name.length > 0);
}

/** `<request-token/>` for an `<authenticate/>`: asks for a token for `mechanism` once we are signed in. */
export function fastTokenRequest(mechanism: string): Element {
  return xml('request-token', { xmlns: NS_FAST, mechanism });
}

/** `<fast/>` for an `<authenticate/>`: says the mechanism's secret is a FAST token. */
export function fastMarker(options: { readonly invalidate?: boolean; readonly count?: number } = {}): Element {
  return xml('fast', {
    xmlns: NS_FAST,
    ...(options.invalidate === true ? { invalidate: 'true' } : {}),
    ...(options.count !== undefined ? { count: String(options.count) } : {}),
  });
}

/** A `<token/>` from a SASL2 `<success/>`, or null when there is none or it is incomplete. */
export function parseFastToken(success: Element, mechanism: string): FastToken | null {
  const element = success.getChild('token', NS_FAST);
  const token = element?.attrs.token?.trim() ?? '';
  const expiry = element?.attrs.expiry?.trim() ?? '';
  if (token.length === 0 || expiry.length === 0) return null;
  return { mechanism, token, expiry };
}

/** True when the token's expiry has passed (an unparsable expiry counts as still valid: the server decides). */
export function isFastTokenExpired(token: FastToken, now: Date = new Date()): boolean {
  const expiry = Date.parse(token.expiry);
  return Number.isFinite(expiry) && expiry <= now.getTime();
}
