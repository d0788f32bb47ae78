/**
 * A TCP relay between the client and the real server, so tests can break the network under a live
 * session: cut every connection (as a dropped Wi-Fi does), reset them (a TCP RST, as a NAT box that
 * forgot them sends), freeze them (a dead link that never closes, as after a laptop sleeps), or pass
 * bytes in tiny, delayed pieces (a slow, lossy path: every read on the other side is partial).
 * Bytes pass through untouched: TLS runs end to end.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** Slow, partial writes: at most `maxChunkBytes` at a time, `delayMs` apart. */
export interface Throttle {
  readonly maxChunkBytes: number;
  readonly delayMs: number;
}

export interface TcpRelay {
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** Connections open now. */
  open(): number;
  /** Destroys every open connection; new ones are still accepted. */
  cutAll(): void;
  /** Resets every open connection (RST, no FIN) on both sides; new ones are still accepted. */
  resetAll(): void;
  /** Open connections stop passing bytes (and never close); new connections work normally. */
  freezeAll(): void;
  /** From now on (open and new connections) bytes go through in small pieces with pauses; null ends it. */
  throttle(throttle: Throttle | null): void;
  /** New connections go to another port from now on (a server replaced behind the same address). */
  retarget(port: number): void;
  close(): Promise<void>;
}

interface Pair {
  readonly client: Socket;
  readonly server: Socket;
  frozen: boolean;
}

export async function startTcpRelay(targetHost: string, initialPort: number): Promise<TcpRelay> {
  let targetPort = initialPort;
  let throttling: Throttle | null = null;
  const pairs = new Set<Pair>();
  let accepted = 0;

  /** One direction: in order, whole chunks while not throttled, pieces with pauses while throttled. */
  function pipe(pair: Pair, from: Socket, to: Socket): void {
    const queue: Buffer[] = [];
    let pumping = false;
    const pump = (): void => {
      if (pair.frozen || to.destroyed) {
        queue.length = 0;
        pumping = false;
        return;
      }
      const head = queue[0];
      if (head === undefined) {
        pumping = false;
        return;
      }
      const slow = throttling;
      if (slow === null) {
        to.write(Buffer.concat(queue.splice(0)));
        pumping = false;
        return;
      }
      const size = Math.max(1, Math.min(head.length, 1 + Math.floor(Math.random() * slow.maxChunkBytes)));
      to.write(head.subarray(0, size));
      if (size === head.length) queue.shift();
      else queue[0] = head.subarray(size);
      setTimeout(pump, slow.delayMs);
    };
    from.on('data', (data: Buffer) => {
      if (pair.frozen) return;
      if (!pumping && throttling === null && queue.length === 0) {
        to.write(data);
        return;
      }
      queue.push(data);
      if (!pumping) {
        pumping = true;
        pump();
      }
    });
  }

  const server: Server = createServer((client) => {
    accepted += 1;
    const upstream = connect(targetPort, targetHost);
    const pair: Pair = { client, server: upstream, frozen: false };
    pairs.add(pair);
    pipe(pair, client, upstream);
    pipe(pair, upstream, client);
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
    open: () => pairs.size,
    cutAll,
    resetAll() {
      for (const pair of pairs) {
        // A socket still connecting cannot send a reset; it is simply destroyed.
        for (const socket of [pair.client, pair.server]) {
          if (socket.connecting || socket.destroyed) socket.destroy();
          else socket.resetAndDestroy();
        }
      }
      pairs.clear();
    },
    freezeAll() {
      for (const pair of pairs) pair.frozen = true;
    },
    throttle(next) {
      throttling = next;
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
