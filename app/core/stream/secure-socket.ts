/** Adapts a verified Node TLS socket to the socket interface xmpp.js connections use. */
import { EventEmitter } from 'node:events';
import type { TLSSocket } from 'node:tls';
import type { XmppSocket } from '@xmpp/client-core';

export class SecureSocket extends EventEmitter implements XmppSocket {
  readonly secure = true;
  readonly #socket: TLSSocket;

  constructor(socket: TLSSocket) {
    super();
    this.#socket = socket;
    socket.on('data', (data: Buffer) => this.emit('data', data));
    socket.on('close', (hadError: boolean) => this.emit('close', hadError));
    // xmpp.js stops listening when the stream is closed; a reset that arrives after that (ejabberd on TLS 1.3
    // often sends one) has nobody to tell, and emitting it would throw as an uncaught exception.
    socket.on('error', (error: Error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  get tlsSocket(): TLSSocket {
    return this.#socket;
  }

  write(data: string, callback: (error?: Error | null) => void): void {
    this.#socket.write(data, callback);
  }

  end(): void {
    this.#socket.end();
  }

  destroy(): void {
    this.#socket.destroy();
  }
}
