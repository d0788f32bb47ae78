/**
 * xmpp: URIs and IRIs (RFC 5122, query actions of XEP-0147): turns what a link, the command line or
 * the system's protocol handler gave us into plain data the UI can show for confirmation. Nothing
 * here acts: opening a chat, adding a contact or joining a room is always the user's choice.
 *
 *   xmpp:juliet@example.com?message;subject=Hi;body=Wherefore%20art%20thou
 *   xmpp://romeo@example.net/juliet@example.com?roster;name=Juliet;group=Friends
 *   xmpp:room@conference.example.org?join;password=secret
 *
 * Percent-encoded UTF-8 is decoded in every part (RFC 3986 §2.1; `+` stays a plus), characters
 * outside ASCII are taken as they are (an IRI, RFC 3987), and A-labels in the domain (`xn--…`) are
 * turned into U-labels, as a JID carries them (RFC 7622 §3.2). The address is then checked as a JID.
 */
import type { Jid } from './contract.ts';
import { formatBare, formatFull, parseJid } from './jid.ts';
import { asPhrase, inEnglish, phrase, type Phrase } from './phrase.ts';

export type XmppUriAction =
  /** No query: open a conversation with the address (RFC 5122 leaves the action to the application). */
  | { readonly type: 'open' }
  | { readonly type: 'message'; readonly body: string; readonly subject: string; readonly thread: string }
  | { readonly type: 'roster'; readonly name: string; readonly groups: readonly string[] }
  | { readonly type: 'subscribe' }
  | { readonly type: 'unsubscribe' }
  | { readonly type: 'remove' }
  | { readonly type: 'join'; readonly password: string }
  /** A registered action we do not offer (e.g. `command`, `disco`, `vcard`): named, never carried out. */
  | { readonly type: 'unsupported'; readonly name: string };

export type XmppUriActionType = XmppUriAction['type'];

export interface XmppUri {
  /** The address the URI is about, normalized (resource kept when one was given). */
  readonly jid: Jid;
  /** Its bare form: the conversation, contact or room. */
  readonly bare: Jid;
  /** The account to act with (the authority of `xmpp://account@host/…`); absent: the user chooses. */
  readonly account?: Jid;
  readonly action: XmppUriAction;
}

export type XmppUriParseResult =
  | { readonly ok: true; readonly uri: XmppUri }
  /** `reason` in English; `reasonPhrase` for the interface's language. */
  | { readonly ok: false; readonly reason: string; readonly reasonPhrase: Phrase };

/** Longer than any sensible link; a longer one is refused rather than decoded. */
export const MAX_XMPP_URI_LENGTH = 8192;

const NOT_PUNYCODE = phrase('not Punycode');

class UriError extends Error {
  readonly words: Phrase;
  constructor(words: Phrase) {
    super(inEnglish(words));
    this.words = words;
  }
}

function failure(reason: Phrase): XmppUriParseResult {
  return { ok: false, reason: inEnglish(reason), reasonPhrase: reason };
}

/** Decodes %XX sequences as UTF-8; a broken sequence is an error (control characters are the JID check's business). */
function percentDecode(text: string, what: Phrase): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    throw new UriError(phrase('{{what}} has a broken percent-encoding ("%" must be followed by two hex digits of UTF-8)', { what }));
  }
  return decoded;
}

// ---- Punycode (RFC 3492), decoding only ---------------------------------------------------------

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_CODE_POINT = 0x10ffff;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26; // 0-9
  if (code >= 0x41 && code <= 0x5a) return code - 0x41; // A-Z
  if (code >= 0x61 && code <= 0x7a) return code - 0x61; // a-z
  return -1;
}

/** Decodes one Punycode label (without its `xn--` prefix); throws on input that is not Punycode. */
export function decodePunycode(input: string): string {
  const delimiter = input.lastIndexOf('-');
  const output: number[] = [];
  for (let i = 0; i < Math.max(delimiter, 0); i += 1) {
    const code = input.charCodeAt(i);
    if (code >= 0x80) throw new UriError(NOT_PUNYCODE);
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let index = delimiter > 0 ? delimiter + 1 : 0; index < input.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (index >= input.length) throw new UriError(NOT_PUNYCODE);
      const digit = digitValue(input.charCodeAt(index));
      index += 1;
      if (digit < 0) throw new UriError(NOT_PUNYCODE);
      i += digit * w;
      if (i > MAX_CODE_POINT * (output.length + 1)) throw new UriError(NOT_PUNYCODE);
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
    }
    const points = output.length + 1;
    bias = adapt(i - oldI, points, oldI === 0);
    n += Math.floor(i / points);
    i %= points;
    if (n > MAX_CODE_POINT || (n >= 0xd800 && n <= 0xdfff)) throw new UriError(NOT_PUNYCODE);
    output.splice(i, 0, n);
    i += 1;
  }
  return String.fromCodePoint(...output);
}

/** A domain with its A-labels (`xn--…`) as U-labels, lower-cased. */
export function domainToUnicode(domain: string): string {
  return domain
    .split('.')
    .map((label) => {
      const lower = label.toLowerCase();
      if (!lower.startsWith('xn--')) return lower;
      try {
        return decodePunycode(lower.slice(4)).toLowerCase();
      } catch {
        throw new UriError(phrase('the server name label "{{label}}" is not valid Punycode', { label }));
      }
    })
    .join('.');
}

// ---- the URI ------------------------------------------------------------------------------------

/** `[node@]host[/resource]`, raw (still percent-encoded), into a checked JID. */
function parseAddress(raw: string, what: Phrase): { readonly full: Jid; readonly bare: Jid } {
  if (raw.length === 0) throw new UriError(phrase('{{what}} is missing', { what }));
  // The first "/" starts the resource, which may itself hold "/" and "@"; "@" before it ends the node.
  const slash = raw.indexOf('/');
  const bareRaw = slash >= 0 ? raw.slice(0, slash) : raw;
  const resourceRaw = slash >= 0 ? raw.slice(slash + 1) : null;
  const at = bareRaw.indexOf('@');
  const nodeRaw = at >= 0 ? bareRaw.slice(0, at) : null;
  const hostRaw = at >= 0 ? bareRaw.slice(at + 1) : bareRaw;
  const node = nodeRaw === null ? null : percentDecode(nodeRaw, what);
  const host = percentDecode(hostRaw, what);
  if (host.includes('@') || host.includes('/')) throw new UriError(phrase('{{what}} "{{address}}" is not a valid Jabber ID', { what, address: percentDecode(raw, what) }));
  const domain = domainToUnicode(host);
  const resource = resourceRaw === null ? null : percentDecode(resourceRaw, what);
  const text = `${node === null ? '' : `${node}@`}${domain}${resource === null ? '' : `/${resource}`}`;
  const parsed = parseJid(text);
  if (!parsed.ok || text !== text.trim()) {
    throw new UriError(phrase('{{what}} "{{address}}" is not a valid Jabber ID: {{reason}}', { what, address: text, reason: parsed.ok ? phrase('it has spaces around it') : asPhrase(parsed.reason) }));
  }
  return { full: formatFull(parsed.jid), bare: formatBare(parsed.jid) };
}

/** `key=value` pairs after the action; a key without "=" has an empty value. Keys are case-sensitive (RFC 5122 §2.2). */
function parsePairs(raw: readonly string[]): readonly (readonly [string, string])[] {
  return raw
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const equals = pair.indexOf('=');
      const key = percentDecode(equals >= 0 ? pair.slice(0, equals) : pair, phrase('a query parameter'));
      const value = equals >= 0 ? percentDecode(pair.slice(equals + 1), phrase('the "{{key}}" parameter', { key })) : '';
      return [key, value] as const;
    });
}

function actionFrom(name: string, pairs: readonly (readonly [string, string])[]): XmppUriAction {
  const first = (key: string): string => pairs.find(([k]) => k === key)?.[1] ?? '';
  switch (name) {
    case '':
      return { type: 'open' };
    case 'message':
      return { type: 'message', body: first('body'), subject: first('subject'), thread: first('thread') };
    case 'roster':
      return {
        type: 'roster',
        name: first('name'),
        groups: [...new Set(pairs.filter(([key, value]) => key === 'group' && value.trim() !== '').map(([, value]) => value.trim()))],
      };
    case 'subscribe':
    case 'unsubscribe':
    case 'remove':
      return { type: name };
    case 'join':
      return { type: 'join', password: first('password') };
    default:
      return { type: 'unsupported', name };
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/u;

/** Parses an xmpp: URI or IRI. Never throws; a reason says what is wrong, in words. */
export function parseXmppUri(input: string): XmppUriParseResult {
  if (typeof input !== 'string') return failure(phrase('the link is not text'));
  const text = input.trim();
  if (text.length > MAX_XMPP_URI_LENGTH) return failure(phrase('the link is longer than {{max}} characters', { max: MAX_XMPP_URI_LENGTH }));
  if (!/^xmpp:/iu.test(text)) return failure(phrase('it is not an xmpp: link'));
  if (CONTROL_OR_SPACE.test(text)) return failure(phrase('the link contains spaces or control characters'));
  try {
    // The fragment identifies something inside the resource (RFC 5122 §2.4): not ours to act on.
    const hash = text.indexOf('#');
    const withoutFragment = hash >= 0 ? text.slice(0, hash) : text;
    const question = withoutFragment.indexOf('?');
    const hier = withoutFragment.slice('xmpp:'.length, question >= 0 ? question : undefined);
    const query = question >= 0 ? withoutFragment.slice(question + 1) : null;

    let account: Jid | undefined;
    let path = hier;
    if (hier.startsWith('//')) {
      // xmpp://account@host[/target]: the account to act with.
      const rest = hier.slice(2);
      const slash = rest.indexOf('/');
      const authority = slash >= 0 ? rest.slice(0, slash) : rest;
      if (!authority.includes('@')) throw new UriError(phrase('the account in the link (after "xmpp://") needs a user name and a server'));
      account = parseAddress(authority, phrase('the account in the link')).bare;
      path = slash >= 0 ? rest.slice(slash + 1) : '';
    }
    const address = parseAddress(path, phrase('the address in the link'));

    let action: XmppUriAction = { type: 'open' };
    if (query !== null) {
      const [nameRaw = '', ...pairs] = query.split(';');
      action = actionFrom(percentDecode(nameRaw, phrase('the action')), parsePairs(pairs));
    }
    return { ok: true, uri: { jid: address.full, bare: address.bare, ...(account === undefined ? {} : { account }), action } };
  } catch (error) {
    if (error instanceof UriError) return failure(error.words);
    throw error;
  }
}

const UNRESERVED = /[A-Za-z0-9\-._~!$&'()*+,=]/u;

function encodePart(text: string, keep: RegExp): string {
  let out = '';
  for (const char of text) out += keep.test(char) ? char : encodeURIComponent(char);
  return out;
}

/** Builds `xmpp:jid[?action;key=value…]`, percent-encoding what needs it (the inverse of parseXmppUri for what we make). */
export function formatXmppUri(jid: Jid, action?: string, pairs: readonly (readonly [string, string])[] = []): string {
  const at = jid.indexOf('@');
  const slash = jid.indexOf('/', Math.max(at, 0));
  const node = at >= 0 && (slash < 0 || at < slash) ? jid.slice(0, at) : '';
  const domainAndResource = node === '' ? jid : jid.slice(at + 1);
  const cut = domainAndResource.indexOf('/');
  const domain = cut >= 0 ? domainAndResource.slice(0, cut) : domainAndResource;
  const resource = cut >= 0 ? domainAndResource.slice(cut + 1) : null;
  const safeKey = /[A-Za-z0-9\-._~]/u;
  let uri = `xmpp:${node === '' ? '' : `${encodePart(node, UNRESERVED)}@`}${encodePart(domain, /[A-Za-z0-9\-._~\p{L}\p{N}]/u)}`;
  if (resource !== null) uri += `/${encodePart(resource, /[A-Za-z0-9\-._~!$&'()*+,=@/]/u)}`;
  if (action !== undefined) {
    uri += `?${encodePart(action, safeKey)}`;
    for (const [key, value] of pairs) uri += `;${encodePart(key, safeKey)}=${encodePart(value, safeKey)}`;
  }
  return uri;
}

/** What the confirmation asks, in words (the dialog's heading). */
export function describeXmppUri(uri: XmppUri): string {
  switch (uri.action.type) {
    case 'open':
    case 'message':
      return `Send message to ${uri.bare}?`;
    case 'roster':
    case 'subscribe':
      return `Add contact ${uri.bare}?`;
    case 'unsubscribe':
      return `Stop sharing your presence with ${uri.bare}?`;
    case 'remove':
      return `Remove contact ${uri.bare}?`;
    case 'join':
      return `Join room ${uri.bare}?`;
    case 'unsupported':
      return `Open ${uri.bare}?`;
  }
}
