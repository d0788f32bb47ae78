/**
 * XEP-0198 stream management bookkeeping: what we have handled (h), what the server has not yet
 * acknowledged, and resumption state. Pure: the session feeds it and does the I/O.
 * Counters wrap at 2^32 as the XEP requires.
 */
import type { Element } from '@xmpp/xml';

export const NS_SM = 'urn:xmpp:sm:3';
const WRAP = 2 ** 32;

export interface SmSession {
  /** The stream id to resume; null when the server did not allow resumption. */
  readonly resumeId: string | null;
  /** Seconds the server keeps the session for resumption (its `max`), when it said. */
  readonly maxSeconds: number | null;
}

export class StreamManagementState {
  #session: SmSession | null = null;
  /** Stanzas received from the server since enabling (mod 2^32). */
  #inbound = 0;
  /** The server's last acknowledged count of our stanzas (mod 2^32). */
  #outboundAcked = 0;
  #unacked: Element[] = [];

  get enabled(): boolean {
    return this.#session !== null;
  }

  get resumeId(): string | null {
    return this.#session?.resumeId ?? null;
  }

  get inbound(): number {
    return this.#inbound;
  }

  /** `<enabled/>` arrived: counting starts from zero on both sides. Unacked stanzas of a dead stream stay queued. */
  enable(session: SmSession): void {
    this.#session = session;
    this.#inbound = 0;
    this.#outboundAcked = 0;
  }

  /** The server received `count` of our stanzas on the old stream; returns the ones to send again. */
  resumed(serverH: number): Element[] {
    this.acknowledge(serverH);
    const resend = this.#unacked;
    this.#unacked = [];
    return resend;
  }

  /** The stream could not be resumed: the old session is gone; returns what the server may never have received. */
  abandon(): Element[] {
    this.#session = null;
    const lost = this.#unacked;
    this.#unacked = [];
    this.#inbound = 0;
    this.#outboundAcked = 0;
    return lost;
  }

  received(): void {
    if (this.#session !== null) this.#inbound = (this.#inbound + 1) % WRAP;
  }

  sent(stanza: Element): void {
    if (this.#session !== null) this.#unacked.push(stanza);
  }

  /**
   * `<a h='…'/>`: drops the acknowledged stanzas. Returns the dropped stanzas, or null when the server
   * acknowledges more than we sent (a protocol violation the caller must treat as a broken stream).
   */
  acknowledge(serverH: number): Element[] | null {
    const newlyAcked = (serverH - this.#outboundAcked + WRAP) % WRAP;
    if (newlyAcked > this.#unacked.length) return null;
    this.#outboundAcked = serverH % WRAP;
    return this.#unacked.splice(0, newlyAcked);
  }

  get unackedCount(): number {
    return this.#unacked.length;
  }
}

/** Parses the `h` attribute; null when missing or not a 32-bit unsigned integer. */
export function parseH(element: Element): number | null {
  const text = element.attrs.h ?? '';
  if (!/^\d{1,10}$/u.test(text)) return null;
  const value = Number(text);
  return value < WRAP ? value : null;
}
