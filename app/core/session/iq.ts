/**
 * IQ handling for a bound session: answers get/set requests (RFC 6120 §8.2.3: every one gets exactly
 * one reply, `service-unavailable` when nobody handles it, §8.4) and matches replies to our requests,
 * accepting a reply only from the entity we asked (no spoofed results). What our server says on behalf
 * of our account (a reply to a request without `to` or to our bare JID, a roster or blocklist push)
 * carries no `from` or our bare JID exactly (RFC 6120 §8.1.2.1, RFC 6121 §2.1.6): never one of our
 * own full JIDs (another device of ours is a client, not the server), never anyone else.
 */
import { phrase } from '../../shared/phrase.ts';
import { randomUUID } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import { toBareJid } from '../../shared/jid.ts';
import { coreError } from '../errors.ts';
import { NS } from '../xml/namespaces.ts';
import { parseStanzaError } from '../xml/stanza-error.ts';

/** Returns the payload of a result (or undefined for an empty result), or an `<error/>` element. */
export type IqHandler = (request: { readonly iq: Element; readonly payload: Element; readonly from: string }) => Element | undefined | null;

type Pending = { resolve: (iq: Element) => void; reject: (error: unknown) => void; timer: NodeJS.Timeout; to: string | null };

export function stanzaError(type: 'cancel' | 'modify' | 'auth' | 'wait', condition: string): Element {
  return xml('error', { type }, xml(condition, { xmlns: NS.stanzas }));
}

/** Whether `from` ('' when absent) is our server speaking for our account: no `from`, or our bare JID exactly. */
export function isFromOwnAccount(from: string, ownBareJid: string): boolean {
  return from === '' || from === ownBareJid;
}

export class IqRouter {
  readonly #handlers = new Map<string, IqHandler>();
  readonly #pending = new Map<string, Pending>();
  readonly #send: (element: Element) => Promise<void>;
  readonly #ownBareJid: string;
  readonly #ownDomain: string;

  constructor(send: (element: Element) => Promise<void>, ownBareJid: string) {
    this.#send = send;
    this.#ownBareJid = ownBareJid;
    this.#ownDomain = ownBareJid.slice(ownBareJid.indexOf('@') + 1);
  }

  /** Registers the handler for requests whose single child is `<name xmlns=ns/>`. */
  handle(type: 'get' | 'set', ns: string, name: string, handler: IqHandler): void {
    this.#handlers.set(`${type} ${ns} ${name}`, handler);
  }

  /** Sends a request and resolves with the reply stanza; rejects on an error reply or timeout. */
  request(type: 'get' | 'set', payload: Element, to: string | null, timeoutMs: number): Promise<Element> {
    const id = randomUUID();
    const iq = xml('iq', { type, id, to: to ?? undefined }, payload);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(coreError('timeout', 'The server did not answer a request in time.'));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer, to });
      this.#send(iq).catch((error: unknown) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(error);
      });
    });
  }

  /**
   * Whether a reply comes from the entity we asked. Our server answers a request without `to` or to our
   * bare JID as our account (no `from`, or our bare JID); one to our domain as the domain. A contact's
   * bare JID may be answered by one of its resources, but our own bare JID is never answered by another
   * device of ours.
   */
  #isFromExpected(from: string | undefined, to: string | null): boolean {
    if (to === null || to === this.#ownBareJid) return isFromOwnAccount(from ?? '', this.#ownBareJid);
    if (to === this.#ownDomain) return from === this.#ownDomain;
    return from === to || (from !== undefined && to === toBareJid(from) && !to.includes('/'));
  }

  /** Handles an incoming `<iq/>`. */
  async receive(iq: Element): Promise<void> {
    const { type, id, from } = iq.attrs;
    if (type === 'result' || type === 'error') {
      const pending = id === undefined ? undefined : this.#pending.get(id);
      if (pending === undefined || id === undefined || !this.#isFromExpected(from, pending.to)) return;
      this.#pending.delete(id);
      clearTimeout(pending.timer);
      if (type === 'result') pending.resolve(iq);
      else {
        const error = parseStanzaError(iq);
        pending.reject(coreError('stream-error', error?.text ? phrase('The request failed: {{condition}} ({{text}}).', { condition: error.condition, text: error.text }) : phrase('The request failed: {{condition}}.', { condition: error?.condition ?? 'error' }), { condition: error?.condition ?? 'error' }));
      }
      return;
    }
    if ((type !== 'get' && type !== 'set') || id === undefined) return; // Malformed: nothing to answer.
    const children = iq.getChildElements();
    const payload = children[0];
    let reply: Element | undefined | null;
    if (children.length !== 1 || payload === undefined) {
      reply = stanzaError('modify', 'bad-request');
    } else {
      const handler = this.#handlers.get(`${type} ${payload.getNS() ?? ''} ${payload.name}`);
      try {
        reply = handler === undefined ? stanzaError('cancel', 'service-unavailable') : handler({ iq, payload, from: from ?? '' });
      } catch {
        reply = stanzaError('wait', 'internal-server-error');
      }
    }
    const isError = reply?.is('error') === true;
    const response = xml('iq', { type: isError ? 'error' : 'result', id, to: from }, reply ?? undefined);
    await this.#send(response);
  }

  /** Fails every request in flight (the stream ended). */
  dispose(): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(coreError('not-connected', 'The connection ended before the server answered.'));
    }
    this.#pending.clear();
  }
}
