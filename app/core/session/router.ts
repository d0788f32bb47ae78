/**
 * Where each incoming stanza goes. Features declare what they handle instead of the session calling
 * them in a hand-written order: a claim names a stanza kind, optionally its types and a child element
 * (name, namespace, pubsub node), and who may send it. A message or presence goes to the most specific
 * claim whose shape matches (a child with a node beats a child, a child beats kind-only; equal ones in
 * the order registered); a claim may decline (its handler returns false) and the next one gets it.
 * Observers see every stanza of their shape that was not dropped, after its claim, each on its own
 * (presence goes to several). IQs go to the IQ router, which matches replies by id and expected sender
 * and requests by payload namespace.
 */
import type { Element } from '@xmpp/xml';
import type { Jid } from '../../shared/contract.ts';
import { formatBare, parseJid } from '../../shared/jid.ts';

/**
 * Who may send a stanza of a claim's shape, by its `from` ('' when absent):
 * - `anyone`: the handler decides.
 * - `own-server`: our server speaking for our account: no `from`, or our bare JID (RFC 6120 §8.1.2.1).
 * - `own-bare-jid`: our bare JID and nothing else (XEP-0280 §11: carbons come from it).
 * - `own-account`: no `from`, our bare JID, or any full JID of ours (another of our devices).
 */
export type SenderRule = 'anyone' | 'own-server' | 'own-bare-jid' | 'own-account';

export interface StanzaShape {
  readonly kind: 'message' | 'presence';
  /** Only these `type`s; a message without one is `normal`, a presence without one `available` (RFC 6121). */
  readonly types?: readonly string[];
  /**
   * Only stanzas with this child element. `node`: a child of that element has this `node` attribute
   * (a pubsub `<event>`'s `<items node>` or `<purge node>`).
   */
  readonly child?: { readonly name: string; readonly ns: string; readonly node?: string };
  readonly from: SenderRule;
}

export interface StanzaClaim extends StanzaShape {
  /**
   * Takes the stanza; `false` declines it, and the next most specific claim gets it. A stanza whose
   * shape matches a claim but whose sender breaks its rule is a forgery of that shape: it is dropped,
   * and no less specific claim (such as the plain-chat one) sees it.
   */
  readonly handle: (stanza: Element) => boolean | void;
}

export interface StanzaObserver extends StanzaShape {
  /** Sees the stanza after its claim; one observer failing does not keep it from the others. */
  readonly observe: (stanza: Element) => void;
}

/** What a feature module hands the router: the stanzas it takes and those it only looks at. */
export interface StanzaRoutes {
  readonly claims?: readonly StanzaClaim[];
  readonly observers?: readonly StanzaObserver[];
}

/** Where a stanza went, for tests and diagnostics. */
export type RouteOutcome = 'iq' | 'blocked' | 'forged' | 'claimed' | 'unclaimed' | 'failed';

export interface StanzaRouterOptions {
  readonly ownBareJid: Jid;
  /** IQs go here (the IQ router: replies by id and expected sender, requests by namespace). */
  readonly iq: (stanza: Element) => void;
  /** A message or presence from a blocked JID (XEP-0191) is dropped before any feature sees it. */
  readonly isBlocked: (from: string) => boolean;
  /** A handler threw; the stanza is dropped, the session goes on. Default: nothing. */
  readonly onError?: (error: unknown, stanza: Element) => void;
}

function specificity(shape: StanzaShape): number {
  return (shape.child === undefined ? 0 : 4) + (shape.child?.node === undefined ? 0 : 2) + (shape.types === undefined ? 0 : 1);
}

export function senderAllowed(rule: SenderRule, from: string, ownBareJid: Jid): boolean {
  if (rule === 'anyone') return true;
  if (from === '') return rule !== 'own-bare-jid';
  const parsed = parseJid(from);
  if (!parsed.ok || formatBare(parsed.jid) !== ownBareJid) return false;
  return rule === 'own-account' || parsed.jid.resource === '';
}

function typeOf(stanza: Element): string {
  return stanza.attrs.type ?? (stanza.name === 'message' ? 'normal' : 'available');
}

function shapeMatches(shape: StanzaShape, stanza: Element, type: string): boolean {
  if (shape.kind !== stanza.name) return false;
  if (shape.types !== undefined && !shape.types.includes(type)) return false;
  const wanted = shape.child;
  if (wanted === undefined) return true;
  const child = stanza.getChild(wanted.name, wanted.ns);
  if (child === undefined) return false;
  return wanted.node === undefined || child.getChildElements().some((element) => element.attrs.node === wanted.node);
}

export class StanzaRouter {
  /** Most specific first; equal ones in the order registered. */
  readonly #claims: StanzaClaim[] = [];
  readonly #observers: StanzaObserver[] = [];
  readonly #options: StanzaRouterOptions;

  constructor(options: StanzaRouterOptions) {
    this.#options = options;
  }

  /** Registers a feature's claims and observers. */
  add(routes: StanzaRoutes): void {
    for (const claim of routes.claims ?? []) {
      const rank = specificity(claim);
      const at = this.#claims.findIndex((existing) => specificity(existing) < rank);
      this.#claims.splice(at === -1 ? this.#claims.length : at, 0, claim);
    }
    this.#observers.push(...(routes.observers ?? []));
  }

  /** Hands one stanza from the server to whoever handles it; never throws. */
  route(stanza: Element): RouteOutcome {
    const { ownBareJid } = this.#options;
    try {
      if (stanza.name === 'iq') {
        this.#options.iq(stanza);
        return 'iq';
      }
      const from = stanza.attrs.from ?? '';
      // Blocked (XEP-0191): the server should not deliver it at all; whatever still comes is dropped here.
      if (this.#options.isBlocked(from)) return 'blocked';
      const type = typeOf(stanza);
      let outcome: RouteOutcome = 'unclaimed';
      for (const claim of this.#claims) {
        if (!shapeMatches(claim, stanza, type)) continue;
        if (!senderAllowed(claim.from, from, ownBareJid)) return 'forged';
        if (claim.handle(stanza) !== false) {
          outcome = 'claimed';
          break;
        }
      }
      for (const observer of this.#observers) {
        if (!shapeMatches(observer, stanza, type) || !senderAllowed(observer.from, from, ownBareJid)) continue;
        try {
          observer.observe(stanza);
        } catch (error) {
          this.#options.onError?.(error, stanza);
        }
      }
      return outcome;
    } catch (error) {
      // A stanza we cannot process must not take the session down; it is dropped. Observers do not see a
      // stanza its claim failed on: a position or a cache must not move past what was not processed.
      this.#options.onError?.(error, stanza);
      return 'failed';
    }
  }
}
