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
    socket.on('error', (error: Error) => this.emit('error', error));
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
