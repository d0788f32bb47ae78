/**
 * JID parsing and validation (RFC 7622), for what a user types and what servers send.
 * Validation is deliberately practical: it enforces the structure, the length limits and the
 * characters RFC 7622 forbids in each part, and normalizes case where the RFC folds it.
 */
import type { Jid } from './contract.ts';

export interface ParsedJid {
  readonly local: string;
  readonly domain: string;
  readonly resource: string;
}

export type JidParseResult =
  | { readonly ok: true; readonly jid: ParsedJid }
  | { readonly ok: false; readonly reason: string };

const MAX_PART_BYTES = 1023;
// RFC 7622 §3.3.1: these may not appear in a localpart.
const FORBIDDEN_IN_LOCAL = /["&'/:<>@\s]/u;
// Control characters are invalid in every part.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

function validateDomain(domain: string): string | null {
  if (domain.length === 0) return 'the server part (after @) is missing';
  if (utf8Length(domain) > MAX_PART_BYTES) return 'the server part is too long';
  if (domain.startsWith('[') && domain.endsWith(']')) return null; // IPv6 literal
  const labels = (domain.endsWith('.') ? domain.slice(0, -1) : domain).split('.');
  for (const label of labels) {
    if (label.length === 0) return 'the server part has an empty label';
    if (label.length > 63 || !DOMAIN_LABEL.test(label)) return 'the server part is not a valid server name';
  }
  return null;
}

/** Parses `[local@]domain[/resource]`. Local part and domain are lower-cased. */
export function parseJid(input: string): JidParseResult {
  const text = input.trim();
  if (text.length === 0) return { ok: false, reason: 'the Jabber ID is empty' };
  if (CONTROL.test(text)) return { ok: false, reason: 'the Jabber ID contains control characters' };

  const slash = text.indexOf('/');
  const resource = slash >= 0 ? text.slice(slash + 1) : '';
  const bare = slash >= 0 ? text.slice(0, slash) : text;
  if (slash >= 0 && resource.length === 0) return { ok: false, reason: 'the resource after "/" is empty' };
  if (utf8Length(resource) > MAX_PART_BYTES) return { ok: false, reason: 'the resource is too long' };

  const at = bare.indexOf('@');
  const local = at >= 0 ? bare.slice(0, at) : '';
  const domain = (at >= 0 ? bare.slice(at + 1) : bare).toLowerCase().replace(/\.$/u, '');
  if (at >= 0 && local.length === 0) return { ok: false, reason: 'the name before "@" is empty' };
  if (local.length > 0) {
    if (utf8Length(local) > MAX_PART_BYTES) return { ok: false, reason: 'the name before "@" is too long' };
    if (FORBIDDEN_IN_LOCAL.test(local)) return { ok: false, reason: `the name before "@" may not contain spaces or any of " & ' / : < > @` };
  }
  const domainProblem = validateDomain(domain);
  if (domainProblem !== null) return { ok: false, reason: domainProblem };

  return { ok: true, jid: { local: local.normalize('NFKC').toLowerCase(), domain, resource: resource.normalize('NFC') } };
}

export function formatBare(jid: ParsedJid): Jid {
  return jid.local.length > 0 ? `${jid.local}@${jid.domain}` : jid.domain;
}

export function formatFull(jid: ParsedJid): Jid {
  const bare = formatBare(jid);
  return jid.resource.length > 0 ? `${bare}/${jid.resource}` : bare;
}

/** The bare form of a JID string, or null when it is not a valid JID. */
export function toBareJid(input: string): Jid | null {
  const parsed = parseJid(input);
  return parsed.ok ? formatBare(parsed.jid) : null;
}

/** An account JID must name a user on a server: `local@domain`, no resource required. */
export function parseAccountJid(input: string): JidParseResult {
  const parsed = parseJid(input);
  if (!parsed.ok) return parsed;
  if (parsed.jid.local.length === 0) return { ok: false, reason: 'it needs a user name and a server, like alice@example.com' };
  return parsed;
}
