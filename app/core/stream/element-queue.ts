/**
 * Reads top-level elements in order during stream negotiation, so nothing that arrives between
 * two awaits is missed. Rejects as soon as the stream fails (stream error, socket error, close).
 */
import { phrase, type Phrase } from '../../shared/phrase.ts';
import type { Client } from '@xmpp/client-core';
import type { Element } from '@xmpp/xml';
import { coreError, streamError, type CoreError } from '../errors.ts';
import { NS } from '../xml/namespaces.ts';
import { parseStreamError } from '../xml/stanza-error.ts';
import { protocolViolation } from './stream-parser.ts';

type Waiter = { resolve: (element: Element) => void; reject: (error: unknown) => void; timer: NodeJS.Timeout };

export class ElementQueue {
  readonly #entity: Client;
  readonly #elements: Element[] = [];
  readonly #waiters: Waiter[] = [];
  #failure: unknown = null;

  readonly #onElement = (element: Element): void => {
    if (element.is('error', NS.streams)) {
      const { condition, text } = parseStreamError(element);
      this.#fail(streamError(condition, text));
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter === undefined) {
      this.#elements.push(element);
      return;
    }
    clearTimeout(waiter.timer);
    waiter.resolve(element);
  };
  readonly #onError = (error: unknown): void => this.#fail(error);
  readonly #onClosed = (): void => this.#fail(coreError('connection-lost', 'The server closed the connection during sign-in.'));

  constructor(entity: Client) {
    this.#entity = entity;
    entity.on('element', this.#onElement);
    entity.on('error', this.#onError);
    entity.on('disconnect', this.#onClosed);
    entity.on('close', this.#onClosed);
  }

  #fail(error: unknown): void {
    this.#failure ??= error;
    for (const waiter of this.#waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(this.#failure);
    }
  }

  /** The next element; fails with `timeout` after `timeoutMs`. */
  next(timeoutMs: number, what: Phrase): Promise<Element> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const queued = this.#elements.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(coreError('timeout', phrase('The server did not send {{what}} in time.', { what })));
        }, timeoutMs),
      };
      this.#waiters.push(waiter);
    });
  }

  /**
   * At a stream restart (after `<proceed/>`, after SASL `<success/>`): fails if the stream has failed or if
   * anything arrived behind the last element read. Nothing from the old stream may reach the new one.
   */
  ensureNothingFollowed(): void {
    if (this.#failure !== null) throw this.#failure;
    if (this.#elements.length > 0) {
      const error = protocolViolation('policy-violation', 'The server sent data where the stream had to restart.');
      this.#fail(error);
      throw error;
    }
  }

  /** Elements that arrived but were not read yet (stanzas right behind the last negotiation step). */
  takeBuffered(): Element[] {
    return this.#elements.splice(0);
  }

  /** Fails any pending read with `error` (e.g. the sign-in was cancelled). */
  abort(error: CoreError): void {
    this.#fail(error);
  }

  dispose(): void {
    this.#entity.off('element', this.#onElement);
    this.#entity.off('error', this.#onError);
    this.#entity.off('disconnect', this.#onClosed);
    this.#entity.off('close', this.#onClosed);
  }
}
