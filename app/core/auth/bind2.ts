/**
 * Bind 2 (XEP-0386): resource binding inside the SASL2 `<authenticate/>`, with features the new session
 * should start with (here: XEP-0198 stream management) requested in the same round trip. The server
 * chooses the resource (typically `<tag>` plus an identifier derived from the SASL2 user-agent id) and
 * returns it as the `<authorization-identifier/>` of `<success/>`.
 */
import { xml, type Element } from '@xmpp/xml';
import { NS_SM, parseH, type SmSession } from '../session/stream-management.ts';

export const NS_BIND2 = 'urn:xmpp:bind:0';

/** Shown in our resources (`Jabber Desk~…` on Prosody) and thus to contacts: the software, nothing personal. */
export const BIND2_TAG = 'Jabber Desk';

export interface Bind2Offer {
  /** The `var`s of the features the server can enable inline with the bind (e.g. `urn:xmpp:sm:3`). */
  readonly inlineFeatures: readonly string[];
}

/** Bind 2 from a SASL2 `<inline/>`, or null when the server does not offer it. */
export function parseBind2Offer(inline: Element | undefined): Bind2Offer | null {
  const bind = inline?.getChild('bind', NS_BIND2);
  if (bind === undefined) return null;
  const features =
    bind
      .getChild('inline')
      ?.getChildren('feature')
      .map((feature) => feature.attrs.var?.trim() ?? '')
      .filter((name) => name.length > 0) ?? [];
  return { inlineFeatures: features };
}

export interface Bind2Request {
  readonly tag?: string;
  /** Ask for stream management (with resumption) on the new session; only when the offer lists it. */
  readonly enableSm?: boolean;
}

/** The `<bind xmlns='urn:xmpp:bind:0'/>` to put in `<authenticate/>`. */
export function bind2Request({ tag = BIND2_TAG, enableSm = false }: Bind2Request = {}): Element {
  return xml('bind', { xmlns: NS_BIND2 }, xml('tag', {}, tag), enableSm ? xml('enable', { xmlns: NS_SM, resume: 'true' }) : undefined);
}

/** What stream management said inside `<bound/>`. */
export type InlineSmResult = { readonly enabled: SmSession } | { readonly failed: true } | null;

export interface Bind2Result {
  /** The server bound a resource (`<bound/>`); false when it answered `<failed/>`. */
  readonly bound: boolean;
  /** The error condition of a `<failed/>`, if any. */
  readonly failureCondition: string | null;
  /** The answer to an inline `<enable xmlns='urn:xmpp:sm:3'/>`, or null when there is none. */
  readonly sm: InlineSmResult;
}

/** Parses an XEP-0198 `<enabled/>` (inline or not) into what the session keeps. */
export function parseSmEnabled(element: Element): SmSession {
  const resumable = element.attrs.resume === 'true' || element.attrs.resume === '1';
  const max = Number.parseInt(element.attrs.max ?? '', 10);
  return { resumeId: resumable ? (element.attrs.id ?? null) : null, maxSeconds: Number.isFinite(max) ? max : null };
}

/** The Bind 2 result in a SASL2 `<success/>`: `<bound/>` or `<failed/>`; null when neither is there. */
export function parseBind2Result(success: Element): Bind2Result | null {
  const bound = success.getChild('bound', NS_BIND2);
  if (bound !== undefined) {
    const enabled = bound.getChild('enabled', NS_SM);
    const failed = bound.getChild('failed', NS_SM);
    const sm: InlineSmResult = enabled !== undefined ? { enabled: parseSmEnabled(enabled) } : failed !== undefined ? { failed: true } : null;
    return { bound: true, failureCondition: null, sm };
  }
  const failed = success.getChild('failed', NS_BIND2);
  if (failed === undefined) return null;
  const condition = failed.getChild('error')?.getChildElements().find((child) => child.name !== 'text')?.name ?? null;
  return { bound: false, failureCondition: condition, sm: null };
}

/**
 * An inline XEP-0198 resumption result in `<success/>`: resumed, with the server's h (null when it is not a
 * valid count, a protocol error), `failed`, or null when there is none.
 */
export function parseInlineResumption(success: Element): { readonly resumedH: number | null } | { readonly failed: true } | null {
  const resumed = success.getChild('resumed', NS_SM);
  if (resumed !== undefined) return { resumedH: parseH(resumed) };
  return success.getChild('failed', NS_SM) !== undefined ? { failed: true } : null;
}
