/**
 * Fault injection for the "nothing lost, nothing doubled" proof: the app's core (a real service with its
 * SQLite history, signed in through DNS and a breakable TCP relay to a private Prosody) and a scripted peer
 * exchange messages both ways while a seeded schedule of faults hits the link:
 *  - reset:          every connection through the relay gets a TCP RST;
 *  - half-open:      the relay stops forwarding both ways without closing anything (no FIN, no data);
 *  - slow:           for a while every byte goes through in tiny pieces with pauses (partial reads, late acks);
 *  - server-kill:    Prosody is killed (SIGKILL) and started again on the same data directory;
 *  - server-restart: Prosody stops cleanly (SIGTERM) and starts again on the same data directory;
 *  - dns:            the DNS server goes away while the link is cut, and comes back a while later.
 * Then it counts, by message id and body: what the peer received, what our UI was told, what our history
 * holds. Used by the integration test (short) and by `npm run bench:faults` (long).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChatMessage, ConnectionState } from '../app/shared/contract.ts';
import { createMemoryAccountStore } from '../app/store/account-store.ts';
import { openProfileHistory } from '../app/store/history-files.ts';
import { createMemorySecretStore } from '../app/store/secret-store.ts';
import { dnsServerResolver, type Resolver } from '../app/core/stream/resolve.ts';
import { createJabberService } from '../app/core/service.ts';
import type { JabberService } from '../app/core/service-types.ts';
import { startDnsServer, type DnsRecords, type DnsServer } from './dns-server.ts';
import { startPeer, type Peer, type XmlElement } from './peer.ts';
import { startProsody, type TestServer } from './server/prosody.ts';
import { startTcpRelay, type TcpRelay } from './tcp-relay.ts';
import { seededRandom } from './seeded-random.ts';

export const FAULT_KINDS = ['reset', 'half-open', 'slow', 'server-kill', 'server-restart', 'dns'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** `count` faults: every kind once per round, each round in a seeded order (so any count ≥ 6 has each kind). */
export function faultSchedule(count: number, seed: number, kinds: readonly FaultKind[] = FAULT_KINDS): FaultKind[] {
  const random = seededRandom(seed);
  const schedule: FaultKind[] = [];
  while (schedule.length < count) {
    const round = [...kinds];
    for (let i = round.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [round[i], round[j]] = [round[j] as FaultKind, round[i] as FaultKind];
    }
    schedule.push(...round.slice(0, count - schedule.length));
  }
  return schedule;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The rig: server, relay, DNS

/** The private server, the relay in front of it, and a DNS server whose records point at the relay. */
export interface FaultRig {
  readonly server: TestServer;
  readonly relay: TcpRelay;
  /** What the app resolves with: SRV and addresses from the rig's DNS server only (never the system's). */
  readonly resolver: Resolver;
  /** The DNS server goes away (queries are refused) until `dnsUp`. */
  dnsDown(): Promise<void>;
  dnsUp(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultRig(): Promise<FaultRig> {
  const server = await startProsody({ keepDir: process.env.FAULT_KEEP_DIR === '1' });
  if (process.env.FAULT_KEEP_DIR === '1') console.log(`server dir: ${server.dir}`);
  const relay = await startTcpRelay(server.host, server.c2sPort);
  // The server is found as a provider would publish it: an SRV record naming a host that resolves to the relay.
  const records: DnsRecords = {
    srv: [{ service: `_xmpp-client._tcp.${server.domain}`, target: `xmpp.${server.domain}`, port: relay.port, priority: 0, weight: 0 }],
    a: { [`xmpp.${server.domain}`]: '127.0.0.1' },
  };
  let dns: DnsServer | null = await startDnsServer(records);
  const port = Number(dns.address.split(':')[1]);
  return {
    server,
    relay,
    resolver: dnsServerResolver([dns.address]),
    async dnsDown() {
      await dns?.stop();
      dns = null;
    },
    async dnsUp() {
      dns ??= await startDnsServer(records, { port });
    },
    async stop() {
      await relay.close().catch(() => {});
      await dns?.stop().catch(() => {});
      await server.stop();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The peer: survives server restarts, sends reliably, counts what it received

/**
 * bob, on the server's WebSocket (not through the relay): signs in again after each server restart. It sends
 * like a careful client without stream management: each message carries an origin-id equal to its id, is
 * confirmed by a ping answered after it (the server handled it), and is sent again, with the same id, after a
 * reconnection when it was not confirmed.
 */
export class FaultPeer {
  readonly #server: TestServer;
  readonly #account: { jid: string; password: string };
  readonly #instances: Peer[] = [];
  #current: Peer | null = null;
  /** Messages not yet known to be on the server, by id, and the connection each last went out on. */
  readonly #unconfirmed = new Map<string, { body: string; to: string; on: Peer | null }>();
  /** How many sends went out, first sends and repeats. */
  sends = 0;

  constructor(server: TestServer, account: { jid: string; password: string }) {
    this.#server = server;
    this.#account = account;
  }

  /** Signs in (again), retrying while the server is away, then sends what was not confirmed. */
  async connect(timeoutMs = 30_000): Promise<void> {
    const previous = this.#current;
    this.#current = null;
    if (previous !== null) await within(previous.stop(), 5_000, 'stopping the peer').catch(() => {});
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const peer = await startPeer(this.#server, this.#account, { resource: `faults-${this.#instances.length}` });
        this.#instances.push(peer);
        this.#current = peer;
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
    for (const [id, message] of this.#unconfirmed) this.#write(id, message);
  }

  send(to: string, id: string, body: string): void {
    const message = { body, to, on: null };
    this.#unconfirmed.set(id, message);
    this.#write(id, message);
  }

  #write(id: string, message: { body: string; to: string; on: Peer | null }): void {
    const peer = this.#current;
    if (peer === null) return;
    message.on = peer;
    this.sends += 1;
    const xmlText = `<message to='${message.to}' id='${id}' type='chat'><body>${message.body}</body><origin-id xmlns='urn:xmpp:sid:0' id='${id}'/></message>`;
    void peer.sendRaw(xmlText).catch(() => {}); // unconfirmed: sent again after the next connect
  }

  /** A ping round trip: every message written before it on the same connection reached the server. */
  async confirm(): Promise<boolean> {
    const peer = this.#current;
    if (peer === null) return false;
    const covered = [...this.#unconfirmed].filter(([, message]) => message.on === peer).map(([id]) => id);
    try {
      const reply = await peer.iq(`<iq type='get' to='${this.#server.domain}'><ping xmlns='urn:xmpp:ping'/></iq>`, 5_000);
      if (reply.type !== 'result') return false;
    } catch {
      return false;
    }
    for (const id of covered) this.#unconfirmed.delete(id);
    return true;
  }

  unconfirmed(): number {
    return this.#unconfirmed.size;
  }

  /** Chat messages received from `from` on every connection so far, in arrival order (repeats included). */
  received(from: string): { id: string; body: string }[] {
    return this.#instances.flatMap((peer) =>
      peer.received
        .filter((m) => m.from.split('/')[0] === from && m.type !== 'error')
        .map((m) => ({ id: m.stanza.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs['id'] ?? m.id ?? '', body: m.body })));
  }

  /** Messages with `peer` in bob's archive on the server (XEP-0313), for what a live delivery lost in a crash. */
  async archived(peer: string): Promise<{ id: string; body: string }[]> {
    const current = this.#current;
    if (current === null) throw new Error('the peer is not connected');
    const found: { id: string; body: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const queryId = randomUUID();
      const rsm = `<set xmlns='http://jabber.org/protocol/rsm'><max>250</max>${after !== null ? `<after>${after}</after>` : ''}</set>`;
      const form = `<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field><field var='with'><value>${peer}</value></field></x>`;
      const reply = await current.iq(`<iq type='set'><query xmlns='urn:xmpp:mam:2' queryid='${queryId}'>${form}${rsm}</query></iq>`, 30_000);
      if (reply.type !== 'result') throw new Error(`archive query failed: ${reply.xml}`);
      const results = current.stanzas.filter((s) => s.is('message') && s.getChild('result', 'urn:xmpp:mam:2')?.attrs['queryid'] === queryId);
      for (const result of results) {
        const message = result.getChild('result', 'urn:xmpp:mam:2')?.getChild('forwarded', 'urn:xmpp:forward:0')?.getChild('message') as XmlElement | undefined;
        const body = message?.getChildText('body');
        if (message === undefined || body === null || body === undefined) continue;
        found.push({ id: message.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs['id'] ?? message.attrs['id'] ?? '', body });
      }
      const fin = reply.stanza.getChild('fin', 'urn:xmpp:mam:2');
      const last = fin?.getChild('set', 'http://jabber.org/protocol/rsm')?.getChildText('last') ?? null;
      if (fin?.attrs['complete'] === 'true' || results.length === 0 || last === null) return found;
      after = last;
    }
  }

  async stop(): Promise<void> {
    const peer = this.#current;
    this.#current = null;
    if (peer !== null) await within(peer.stop(), 5_000, 'stopping the peer').catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------
// The app's side: a service with its SQLite history, watched through its events

/** Our account's connection, as the UI sees it through onConnectionState. */
class ConnectionWatch {
  #state: ConnectionState = { status: 'disconnected' };
  /** Each change, with the time it happened. */
  readonly changes: { at: number; state: ConnectionState }[] = [];

  update(state: ConnectionState): void {
    this.#state = state;
    this.changes.push({ at: performance.now(), state });
  }

  connected(): boolean {
    return this.#state.status === 'connected';
  }

  /** Whether the connection left `connected` at some point after `since`. */
  wentOfflineSince(since: number): boolean {
    return this.changes.some((change) => change.at >= since && change.state.status !== 'connected');
  }

  /** Resolves with the time it is connected again, having left `connected` after `since` when `mustDrop`. */
  async backOnline(since: number, mustDrop: boolean, timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const dropped = this.wentOfflineSince(since);
      if (this.connected() && (dropped || !mustDrop)) {
        const last = this.changes.at(-1);
        return dropped && last !== undefined ? last.at : performance.now();
      }
      if (performance.now() > deadline) {
        throw new Error(`not back online within ${timeoutMs} ms; last states: ${JSON.stringify(this.changes.slice(-4).map((c) => c.state))}`);
      }
      await sleep(10);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// One run

export interface FaultRunOptions {
  /** Messages each way. */
  readonly messages: number;
  /** Faults injected while they flow (each kind at least once from 6 on). */
  readonly faults: number;
  readonly seed?: number;
  /** Which kinds of fault to draw from (default all). */
  readonly kinds?: readonly FaultKind[];
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

export interface FaultOutcome {
  readonly kind: FaultKind;
  /** The account left "connected" (a slow link may not make it). */
  readonly wentOffline: boolean;
  /** From the fault's end (the link, server or DNS working again) to "connected"; 0 if it never dropped. */
  readonly backOnlineMs: number;
}

/** One direction's count: by id (what a client deduplicates by) and by body (what a user would see twice). */
export interface DirectionCount {
  readonly sent: number;
  /** Distinct messages that arrived. */
  readonly received: number;
  readonly lost: number;
  /** A message that arrived as two (another id, or a second stored copy / UI event). */
  readonly duplicated: number;
  /** Arrivals of an id already received (a sender's retransmission the receiver recognised): not duplicates. */
  readonly redelivered: number;
  /** A few of the lost ones (bodies), to find where they went. */
  readonly lostSamples: readonly string[];
}

export interface FaultRunReport {
  readonly faults: readonly FaultOutcome[];
  /** App → peer, as the peer received them (live, or from its archive when a crash cut a delivery). */
  readonly appToPeer: DirectionCount & { readonly fromArchiveOnly: number };
  /** App → peer, as our history holds them: every one stored once, and none still pending. */
  readonly appStored: DirectionCount & { readonly stillPending: number };
  /** Peer → app, as our UI was told (onMessage). */
  readonly peerToAppEvents: DirectionCount;
  /** Peer → app, as our history holds them. */
  readonly peerToAppStored: DirectionCount;
  /** Messages the peer sent again (not confirmed before a restart). */
  readonly peerResends: number;
  readonly durationMs: number;
}

/** Counts by id and body: `arrivals` in order, repeats included. */
function count(sentBodies: ReadonlySet<string>, arrivals: readonly { id: string; body: string }[], idsAreDistinctCopies: boolean): DirectionCount {
  const idsByBody = new Map<string, Map<string, number>>();
  for (const { id, body } of arrivals) {
    if (!sentBodies.has(body)) continue;
    const ids = idsByBody.get(body) ?? new Map<string, number>();
    ids.set(id, (ids.get(id) ?? 0) + 1);
    idsByBody.set(body, ids);
  }
  let duplicated = 0;
  let redelivered = 0;
  for (const ids of idsByBody.values()) {
    duplicated += ids.size - 1;
    for (const times of ids.values()) {
      if (idsAreDistinctCopies) duplicated += times - 1;
      else redelivered += times - 1;
    }
  }
  const lostSamples = [...sentBodies].filter((body) => !idsByBody.has(body)).slice(0, 20);
  return { sent: sentBodies.size, received: idsByBody.size, lost: sentBodies.size - idsByBody.size, duplicated, redelivered, lostSamples };
}

/**
 * Runs `messages` each way with `faults` faults between them, waits until everything arrived (or a
 * deadline passed), and counts. Throws if the account does not come back online after a fault.
 */
export async function runFaultScenario(options: FaultRunOptions): Promise<FaultRunReport> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 1;
  const random = seededRandom(seed ^ 0x5eed);
  const schedule = faultSchedule(options.faults, seed, options.kinds);
  const started = performance.now();
  const rig = await startFaultRig();
  const profile = await mkdtemp(path.join(tmpdir(), 'jabber-faults-'));
  const { alice, bob } = rig.server.accounts;
  const run = randomUUID().slice(0, 6);
  const peer = new FaultPeer(rig.server, bob);
  let service: JabberService | null = null;
  try {
    service = createJabberService(
      // Short timers, so a dead link is noticed in about two seconds and the backoff stays short.
      { trustedCertificates: [rig.server.caCertPem], connectTimeoutMs: 5_000, keepaliveMs: 1_000, livenessTimeoutMs: 1_500, backoff: { baseMs: 100, maxMs: 500 } },
      { accountStore: createMemoryAccountStore(), secretStore: createMemorySecretStore(), openHistory: (account) => openProfileHistory(profile, account), resolver: rig.resolver },
    );
    const watch = new ConnectionWatch();
    const incomingEvents: { id: string; body: string }[] = [];
    const outgoingStates = new Map<string, ChatMessage['state']>();
    service.subscribe((envelope) => {
      if (envelope.event === 'onConnectionState') watch.update((envelope.payload as { connection: ConnectionState }).connection);
      if (envelope.event === 'onMessage') {
        const { message } = envelope.payload as { message: ChatMessage };
        if (message.direction === 'in' && message.conversation === bob.jid) incomingEvents.push({ id: message.id, body: message.body });
        if (message.direction === 'out') outgoingStates.set(message.id, message.state);
      }
    });
    // No host or port: the server is found through DNS, so a DNS failure matters.
    const added = await service.addAccount({ jid: alice.jid, password: alice.password });
    if (!added.ok) throw new Error(`sign-in failed: ${added.error.message}`);
    await peer.connect();

    const appBodies = new Set<string>();
    const peerBodies = new Set<string>();
    const refused: string[] = [];
    let nextApp = 0;
    let nextPeer = 0;
    const app = service;
    const sendFromApp = async (): Promise<void> => {
      const body = `a-${run}-${nextApp++}`;
      appBodies.add(body);
      const sent = await app.sendMessage({ account: alice.jid, to: bob.jid, body });
      if (!sent.ok) refused.push(`${body}: ${sent.error.code}`);
    };
    const sendFromPeer = (): void => {
      const n = nextPeer++;
      const body = `p-${run}-${n}`;
      peerBodies.add(body);
      peer.send(alice.jid, `p-${run}-${n}`, body);
    };
    /** `count` messages each way, in small batches with pauses: traffic that is flowing when a fault strikes. */
    const flow = async (messageCount: number): Promise<void> => {
      const sends: Promise<void>[] = [];
      for (let sent = 0; sent < messageCount; sent += 10) {
        const batch = Math.min(10, messageCount - sent);
        for (let i = 0; i < batch; i += 1) {
          sends.push(sendFromApp());
          sendFromPeer();
        }
        void peer.confirm();
        await sleep(5);
      }
      await Promise.all(sends);
    };

    const perSegment = Math.floor(options.messages / (schedule.length + 1));
    const outcomes: FaultOutcome[] = [];
    for (const [index, kind] of schedule.entries()) {
      const segment = flow(perSegment);
      // The fault strikes somewhere in the segment's traffic.
      await sleep(Math.floor(random() * perSegment * 0.5));
      // A late drop from the last fault (seen on a loaded machine) is waited out, so the fault strikes a live link.
      await watch.backOnline(performance.now(), false, 60_000);
      const faultAt = performance.now();
      // Already reconnecting (a late drop from the last fault): the fault may miss the link that comes up next.
      const wasConnected = watch.connected();
      const healedAt = await inject(kind, rig, peer, random);
      const mustDrop = kind !== 'slow' && wasConnected;
      const onlineAt = await watch.backOnline(faultAt, mustDrop, 60_000);
      const wentOffline = watch.wentOfflineSince(faultAt);
      const outcome: FaultOutcome = { kind, wentOffline, backOnlineMs: wentOffline ? Math.max(0, onlineAt - healedAt) : 0 };
      outcomes.push(outcome);
      await segment;
      log(`fault ${index + 1}/${schedule.length} ${kind}: ${wentOffline ? `back online ${Math.round(outcome.backOnlineMs)} ms after it ended` : 'stayed online'}`);
    }
    await flow(options.messages - perSegment * schedule.length);
    if (refused.length > 0) log(`refused by the service: ${refused.slice(0, 5).join(', ')}${refused.length > 5 ? ' …' : ''}`);

    // Everything in flight arrives: the peer has every app message, our UI every peer message, ours are all sent.
    const settled = (): boolean =>
      count(appBodies, peer.received(alice.jid), false).lost === 0 &&
      count(peerBodies, incomingEvents, true).lost === 0 &&
      [...outgoingStates.values()].filter((state) => state === 'pending').length === 0;
    const deadline = performance.now() + 30_000;
    while (!settled() && performance.now() < deadline) {
      if (peer.unconfirmed() > 0 && !(await peer.confirm())) await peer.connect().catch(() => {});
      await sleep(100);
    }
    // Late duplicates get a moment to show up.
    await sleep(500);

    const live = peer.received(alice.jid);
    const liveIds = new Set(live.map((m) => m.id));
    const missingLive = count(appBodies, live, false).lost;
    // A crash can cut a delivery the server had already archived: a client catches up from its archive.
    const fromArchive = missingLive > 0 ? (await peer.archived(alice.jid)).filter((m) => !liveIds.has(m.id)) : [];
    const appToPeer = { ...count(appBodies, [...live, ...fromArchive.filter((m, i, all) => all.findIndex((o) => o.id === m.id) === i)], false), fromArchiveOnly: fromArchive.length };
    const peerToAppEvents = count(peerBodies, incomingEvents, true);

    await service.dispose();
    service = null;
    const history = openProfileHistory(profile, alice.jid);
    let stored: readonly ChatMessage[];
    try {
      stored = history.conversation(bob.jid);
    } finally {
      history.close();
    }
    const outStored = stored.filter((m) => m.direction === 'out');
    const appStored = { ...count(appBodies, outStored, true), stillPending: outStored.filter((m) => m.state === 'pending').length };
    const peerToAppStored = count(peerBodies, stored.filter((m) => m.direction === 'in'), true);
    return { faults: outcomes, appToPeer, appStored, peerToAppEvents, peerToAppStored, peerResends: peer.sends - peerBodies.size, durationMs: performance.now() - started };
  } finally {
    await service?.dispose().catch(() => {});
    await peer.stop();
    await rig.stop();
    await rm(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Breaks something, mends it; resolves with the time it was mended (the link, server or DNS usable again). */
async function inject(kind: FaultKind, rig: FaultRig, peer: FaultPeer, random: () => number): Promise<number> {
  switch (kind) {
    case 'reset':
      rig.relay.resetAll();
      return performance.now();
    case 'half-open':
      // New connections work at once: what takes time is noticing that the old one is dead.
      rig.relay.freezeAll();
      return performance.now();
    case 'slow':
      rig.relay.throttle({ maxChunkBytes: 1 + Math.floor(random() * 64), delayMs: 1 + Math.floor(random() * 3) });
      await sleep(500 + Math.floor(random() * 1000));
      rig.relay.throttle(null);
      return performance.now();
    case 'server-kill':
    case 'server-restart': {
      await rig.server.restart(kind === 'server-kill' ? 'kill' : 'clean');
      const back = performance.now();
      await peer.connect();
      return back;
    }
    case 'dns': {
      await rig.dnsDown();
      // The link goes too, so the next attempt needs DNS, and fails until it is back.
      rig.relay.resetAll();
      await sleep(300 + Math.floor(random() * 700));
      await rig.dnsUp();
      return performance.now();
    }
  }
}
