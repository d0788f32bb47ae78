/**
 * A tiny hostile XMPP "server" for what no real server will do (offer no STARTTLS, never answer).
 * It records every byte the client sends, so a test can prove no credentials left the machine.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FakeServer {
  readonly port: number;
  /** Everything received from clients, concatenated. */
  received(): string;
  close(): Promise<void>;
}

export type FakeBehaviour = 'no-starttls' | 'silent';

const STREAM_HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='example.test' id='fake' version='1.0'>";
const PLAIN_FEATURES =
  "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

export async function startFakeServer(behaviour: FakeBehaviour): Promise<FakeServer> {
  let received = '';
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let greeted = false;
    socket.on('data', (data) => {
      received += data.toString('utf8');
      if (behaviour === 'no-starttls' && !greeted && received.includes('<stream:stream')) {
        greeted = true;
        socket.write(STREAM_HEADER + PLAIN_FEATURES);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => received,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
