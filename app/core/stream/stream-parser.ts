/**
 * The parser of one XMPP stream, in place of xmpp.js's: the same events (`start`, `element`, `end`, `error`),
 * with what a hostile server must not get past.
 * - Bytes are decoded as UTF-8 across chunk boundaries (a character split between two TCP segments stays
 *   whole), and invalid UTF-8 ends the stream.
 * - The scanner bounds each stanza's size and depth and refuses comments, DTDs and instructions.
 * - A stream that must restart is sealed: after `<proceed/>` (STARTTLS) or SASL `<success/>`, the server
 *   may send nothing more on this stream (RFC 6120 §5.4.3.3, §6.4.6). Anything that follows in the same
 *   segment or later was not sent by the server we are about to authenticate (STARTTLS command injection):
 *   the stream fails with `tls-injection` and nothing of it is built.
 * - Whatever goes wrong is reported once and the parser stops: nothing is thrown into the socket's
 *   data handler (which would take the whole process down).
 */
import { EventEmitter } from 'node:events';
import { Parser } from '@xmpp/xml';
import { asPhrase, phrase, type Words } from '../../shared/phrase.ts';
import { CoreError, coreError } from '../errors.ts';
import { NS } from '../xml/namespaces.ts';
import { DEFAULT_STREAM_LIMITS, StreamScanner, StreamViolation, type StreamLimits, type StreamViolationCondition } from './stream-scanner.ts';

/** The stream error we answer a violation with, or none where answering in the clear would itself be wrong. */
export function violationCondition(error: CoreError): StreamViolationCondition | 'unsupported-encoding' | null {
  const condition = error.appError.condition;
  if (error.appError.code !== 'protocol-violation') return null;
  return condition === 'policy-violation' || condition === 'restricted-xml' || condition === 'not-well-formed' || condition === 'unsupported-encoding'
    ? condition
    : null;
}

export function protocolViolation(condition: StreamViolationCondition | 'unsupported-encoding', detail: Words): CoreError {
  return coreError('protocol-violation', phrase('{{detail}} The connection was closed to protect the app; it will be tried again.', { detail: asPhrase(detail) }), { condition });
}

/** Bytes behind the server's `<proceed/>`, in the clear: not from the server TLS is about to authenticate. */
export function tlsInjection(): CoreError {
  return coreError(
    'tls-injection',
    'Data was slipped into the connection after the server agreed to encrypt it and before it was encrypted. Someone on the network may be tampering with it, so the connection was closed and none of that data was used.',
    { condition: 'tls-injection' },
  );
}

/** Bytes behind SASL `<success/>`, before our new stream header: RFC 6120 §6.4.6 lets the server send nothing there. */
function dataAfterRestart(): CoreError {
  return protocolViolation('policy-violation', 'The server sent data after accepting the sign-in, before the stream restarted.');
}

export class StreamParser extends EventEmitter {
  readonly #scanner: StreamScanner;
  readonly #builder = new Parser();
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  /** Once the stream is sealed: the error anything more on it is. */
  #sealedBy: CoreError | null = null;
  #failed = false;
  /** The stream header (and XML declaration) as it arrives; null once built. */
  #header: string | null = '';

  readonly #onViolation: ((error: CoreError) => void) | null;

  /** Without `onViolation`, a violation is an `error` event, as xmpp.js's parser reports bad XML. */
  constructor(limits: StreamLimits = DEFAULT_STREAM_LIMITS, onViolation: ((error: CoreError) => void) | null = null) {
    super();
    this.#onViolation = onViolation;
    this.#scanner = new StreamScanner(limits);
    this.#builder.on('start', (element) => this.emit('start', element));
    this.#builder.on('end', (element) => this.emit('end', element));
    this.#builder.on('element', (element) => {
      if (element.is('proceed', NS.tls)) this.#sealedBy = tlsInjection();
      else if (element.is('success', NS.sasl)) this.#sealedBy = dataAfterRestart();
      this.emit('element', element);
    });
    this.#builder.on('error', (error) => this.#fail(protocolViolation('not-well-formed', phrase('The server sent malformed XML ({{problem}}).', { problem: error.message }))));
  }

  /** Takes raw bytes from the socket (or text, for tests). Never throws. */
  write(data: Buffer | string): void {
    if (this.#failed) return;
    if (this.#sealedBy !== null) {
      this.#fail(this.#sealedBy);
      return;
    }
    let text: string;
    try {
      text = typeof data === 'string' ? data : this.#decoder.decode(data, { stream: true });
    } catch {
      this.#fail(protocolViolation('unsupported-encoding', 'The server sent text that is not valid UTF-8.'));
      return;
    }
    try {
      this.#scanner.scan(text, (event) => {
        if (this.#failed) return;
        if (event.kind === 'text') {
          if (this.#sealedBy !== null) throw this.#sealedBy;
          const piece = text.slice(event.from, event.to);
          if (this.#header === null) this.#builder.write(piece);
          else this.#header += piece;
        } else if (event.at === 'header' && this.#header !== null) {
          // Built in one piece: ltx misses a `?>` that a chunk boundary splits (the scanner bounded its size).
          const header = this.#header;
          this.#header = null;
          this.#builder.write(header);
          // The sealing element must be the last thing on this stream: not even whitespace may follow it.
        } else if (this.#sealedBy !== null && event.end < text.length) throw this.#sealedBy;
      });
    } catch (error) {
      this.#fail(
        error instanceof CoreError
          ? error
          : error instanceof StreamViolation
            ? protocolViolation(error.condition, error.words)
            : protocolViolation('not-well-formed', phrase('The server sent malformed XML ({{problem}}).', { problem: error instanceof Error ? error.message : String(error) })),
      );
    }
  }

  /** xmpp.js calls this when it closes the stream. */
  end(): void {}

  #fail(error: CoreError): void {
    if (this.#failed) return;
    this.#failed = true;
    if (this.#onViolation !== null) this.#onViolation(error);
    else this.emit('error', error);
  }
}
