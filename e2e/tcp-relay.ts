/**
 * A TCP relay between the client and the real server, so tests can break the network under a live
 * session: cut every connection (as a dropped Wi-Fi does), or freeze them (a dead link that never
 * closes, as after a laptop sleeps). Bytes pass through untouched: TLS runs end to end.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpRelay {
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** Destroys every open connection; new ones are still accepted. */
  cutAll(): void;
  /** Open connections stop passing bytes (and never close); new connections work normally. */
  freezeAll(): void;
  /** New connections go to another port from now on (a server replaced behind the same address). */
  retarget(port: number): void;
  close(): Promise<void>;
}

export async function startTcpRelay(targetHost: string, initialPort: number): Promise<TcpRelay> {
  let targetPort = initialPort;
  const pairs = new Set<{ client: Socket; server: Socket; frozen: boolean }>();
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted += 1;
    const upstream = connect(targetPort, targetHost);
    const pair = { client, server: upstream, frozen: false };
    pairs.add(pair);
    client.on('data', (data) => {
      if (!pair.frozen) upstream.write(data);
    });
    upstream.on('data', (data) => {
      if (!pair.frozen) client.write(data);
    });
    const teardown = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', teardown);
    upstream.on('close', teardown);
    client.on('error', teardown);
    upstream.on('error', teardown);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  function cutAll(): void {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.server.destroy();
    }
    pairs.clear();
  }
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => accepted,
    cutAll,
    freezeAll() {
      for (const pair of pairs) pair.frozen = true;
    },
    retarget(port) {
      targetPort = port;
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
