// A scripted XMPP peer for tests: another user on the test server, driven by the test, built on @xmpp/client.
// It signs in over the server's loopback WebSocket (no TLS trust to set up) with PLAIN (xmpp.js's SCRAM-SHA-1
// is slow), answers nothing beyond xmpp.js's built-in ping, and records what it receives. It is passive: it
// does not accept subscription requests or reply to messages unless the test tells it to.

// The reference keeps the @xmpp/client types with this file when a program outside tsconfig.e2e.json imports it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./xmpp-client.d.ts" />

import { randomUUID } from 'node:crypto';
import { client, xml } from '@xmpp/client';
import type { Element, XmppClient } from '@xmpp/client';
import type { TestServerInfo } from './server/test-server-info.ts';

export type { Element as XmlElement } from '@xmpp/client';

export interface PeerMessage {
  /** Full JID of the sender as the server stamped it. */
  from: string;
  to: string;
  body: string;
  id?: string;
  type?: string;
  /** The whole stanza, for assertions on anything else. */
  stanza: Element;
}

export interface PeerPresence {
  from: string;
  to: string;
  /** Absent for "available". */
  type?: string;
  show?: string;
  status?: string;
  priority?: number;
  stanza: Element;
}

export interface IqReply {
  type: 'result' | 'error';
  /** The reply serialized by xmpp.js (attributes in double quotes, whatever the server sent). */
  xml: string;
  stanza: Element;
}

export interface RosterItem {
  jid: string;
  name?: string;
  subscription: string;
  ask?: string;
  groups: string[];
}

export interface PresenceOptions {
  show?: 'away' | 'dnd' | 'xa' | 'chat';
  status?: string;
  type?: 'unavailable' | 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';
  /** Directed presence (or the contact a subscription request is for); default: broadcast. */
  to?: string;
  priority?: number;
}

export interface Peer {
  /** Full JID (with resource). */
  jid: string;
  bareJid: string;
  /** Every incoming <message> with a <body>, oldest first. */
  received: PeerMessage[];
  /** Every incoming <presence>, oldest first. */
  presences: PeerPresence[];
  /** Every incoming stanza (message, presence, iq), oldest first. */
  stanzas: Element[];
  /** Errors xmpp.js reported on the connection (stream errors, a dropped socket...), oldest first. */
  errors: Error[];
  sendPresence(presence?: PresenceOptions): Promise<void>;
  /** Sends a message (type "chat" unless told otherwise) and resolves with its id. */
  sendMessage(to: string, body: string, options?: { id?: string; type?: 'chat' | 'normal' | 'groupchat' }): Promise<string>;
  /** Resolves with the first received message, past or future, that matches; rejects after timeoutMs (10 s). */
  waitForMessage(predicate?: (message: PeerMessage) => boolean, timeoutMs?: number): Promise<PeerMessage>;
  /** Like waitForMessage, for presence (including the server's reflection of the peer's own). */
  waitForPresence(predicate?: (presence: PeerPresence) => boolean, timeoutMs?: number): Promise<PeerPresence>;
  /** Like waitForMessage, for any incoming stanza. */
  waitForStanza(predicate: (stanza: Element) => boolean, timeoutMs?: number): Promise<Element>;
  /** Sends one stanza given as XML text (counted by stream management like any other). */
  sendRaw(xmlString: string): Promise<void>;
  /**
   * Sends an <iq> given as XML text (an id is added if missing) and resolves with the reply, whether a result
   * or an error (tests often assert errors); rejects only on timeout.
   */
  iq(xmlString: string, timeoutMs?: number): Promise<IqReply>;
  rosterGet(): Promise<RosterItem[]>;
  /** Closes the stream and the socket; pending waits reject. Idempotent. */
  stop(): Promise<void>;
}

export interface StartPeerOptions {
  /** Default: `peer-` and a random suffix. */
  resource?: string;
  /** Send <presence/> once online (default true), so the peer shows as available and receives chats. */
  initialPresence?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export async function startPeer(server: Pick<TestServerInfo, 'websocketUrl' | 'domain'>,
  account: { jid: string; password: string }, options: StartPeerOptions = {}): Promise<Peer> {
  const [username, domain] = account.jid.split('@');
  if (!username || domain !== server.domain) throw new Error(`${account.jid} is not an account on ${server.domain}`);

  const xmpp: XmppClient = client({
    service: server.websocketUrl,
    domain: server.domain,
    resource: options.resource ?? `peer-${randomUUID().slice(0, 8)}`,
    credentials: async (authenticate, mechanisms) => {
      if (!mechanisms.includes('PLAIN')) throw new Error(`server does not offer PLAIN (offers ${mechanisms.join(', ')})`);
      await authenticate({ username, password: account.password }, 'PLAIN');
    },
  });
  // Tests want to see a dropped connection, not have it papered over.
  xmpp.reconnect.stop();
  // No stream management: xmpp.js 0.14 miscounts handled stanzas (iq results taken by iqCaller are not counted;
  // stanzas that arrive around <enabled/> can be counted after the reset), and Prosody closes the stream when
  // a client acks more than it was sent. A test peer has no use for resumption, so hide the feature.
  xmpp.prependListener('element', (element) => {
    if (element.is('features', 'http://etherx.jabber.org/streams')) {
      element.children = element.children.filter((child) => typeof child === 'string' || !child.is('sm', 'urn:xmpp:sm:3'));
    }
  });

  const received: PeerMessage[] = [];
  const presences: PeerPresence[] = [];
  const stanzas: Element[] = [];
  const waiters = new Set<Waiter>();
  const errors: Error[] = [];
  xmpp.on('error', (error) => { errors.push(error); });
  xmpp.on('stanza', (stanza) => {
    stanzas.push(stanza);
    const message = toMessage(stanza);
    if (message) received.push(message);
    const presence = toPresence(stanza);
    if (presence) presences.push(presence);
    for (const waiter of waiters) waiter.offer(stanza, message, presence);
  });

  try {
    await xmpp.start();
  } catch (error) {
    await xmpp.stop().catch(() => undefined);
    throw new Error(`peer ${account.jid} could not sign in via ${server.websocketUrl}: ${describe(error)}`, { cause: error });
  }
  const fullJid = xmpp.jid?.toString() ?? account.jid;

  // Resolves with the first match among what has already arrived, else with the first match to arrive.
  const wait = <T>(
    find: (stanza: Element, message: PeerMessage | undefined, presence: PeerPresence | undefined) => T | undefined,
    backlog: () => T | undefined, what: 'message' | 'presence' | 'stanza' | 'iq reply', timeoutMs: number): Promise<T> => {
    const found = backlog();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        offer: (stanza, message, presence) => {
          const hit = find(stanza, message, presence);
          if (hit === undefined) return;
          finish();
          resolve(hit);
        },
        cancel: (reason) => {
          finish();
          reject(reason);
        },
      };
      const timer = setTimeout(() => {
        const seen = what === 'presence'
          ? presences.map(({ from, type, show, status }) => ({ from, type, show, status }))
          : received.map(({ from, body, id, type }) => ({ from, body, id, type }));
        waiter.cancel(new Error(`${fullJid}: no matching ${what} within ${timeoutMs} ms; received ${what === 'presence'
          ? 'presences' : 'messages'}: ${JSON.stringify(seen)}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(waiter);
      };
      waiters.add(waiter);
    });
  };

  let stopping: Promise<void> | undefined;

  const peer: Peer = {
    jid: fullJid,
    bareJid: account.jid,
    received,
    presences,
    stanzas,
    errors,

    async sendPresence(presence = {}) {
      await xmpp.send(xml('presence', { type: presence.type, to: presence.to },
        presence.show ? xml('show', {}, presence.show) : null,
        presence.status !== undefined ? xml('status', {}, presence.status) : null,
        presence.priority !== undefined ? xml('priority', {}, String(presence.priority)) : null));
    },

    async sendMessage(to, body, messageOptions = {}) {
      const id = messageOptions.id ?? randomUUID();
      await xmpp.send(xml('message', { to, id, type: messageOptions.type ?? 'chat' }, xml('body', {}, body)));
      return id;
    },

    waitForMessage(predicate = () => true, timeoutMs = DEFAULT_TIMEOUT_MS) {
      return wait(
        (_stanza, message) => (message && predicate(message) ? message : undefined),
        () => received.find(predicate),
        'message', timeoutMs);
    },

    waitForPresence(predicate = () => true, timeoutMs = DEFAULT_TIMEOUT_MS) {
      return wait(
        (_stanza, _message, presence) => (presence && predicate(presence) ? presence : undefined),
        () => presences.find(predicate),
        'presence', timeoutMs);
    },

    waitForStanza(predicate, timeoutMs = DEFAULT_TIMEOUT_MS) {
      return wait((stanza) => (predicate(stanza) ? stanza : undefined), () => stanzas.find(predicate),
        'stanza', timeoutMs);
    },

    async sendRaw(xmlString) {
      await xmpp.send(parseXml(xmlString));
    },

    async iq(xmlString, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const stanza = parseXml(xmlString);
      const type = stanza.attrs['type'];
      if (stanza.name !== 'iq' || (type !== 'get' && type !== 'set')) throw new Error(`not an iq get/set: ${xmlString}`);
      const id = stanza.attrs['id'] ??= randomUUID();
      // Not xmpp.js's iqCaller: it turns error replies into rejections, and tests want to look at them.
      const reply = wait((incoming) => (incoming.is('iq') && incoming.attrs['id'] === id
        && (incoming.attrs['type'] === 'result' || incoming.attrs['type'] === 'error') ? incoming : undefined),
      () => undefined, 'iq reply', timeoutMs);
      try {
        await xmpp.send(stanza);
      } catch (error) {
        reply.catch(() => undefined); // its timeout would otherwise reject unobserved
        throw error;
      }
      const replyStanza = await reply;
      return {
        type: replyStanza.attrs['type'] === 'result' ? 'result' : 'error',
        xml: replyStanza.toString(),
        stanza: replyStanza,
      };
    },

    async rosterGet() {
      const result = await xmpp.iqCaller.request(xml('iq', { type: 'get', id: randomUUID() },
        xml('query', { xmlns: 'jabber:iq:roster' })));
      const query = result.getChild('query', 'jabber:iq:roster');
      return (query?.getChildren('item') ?? []).map((item): RosterItem => ({
        jid: item.attrs['jid'] ?? '',
        ...(item.attrs['name'] !== undefined ? { name: item.attrs['name'] } : {}),
        subscription: item.attrs['subscription'] ?? 'none',
        ...(item.attrs['ask'] !== undefined ? { ask: item.attrs['ask'] } : {}),
        groups: item.getChildren('group').map((group) => group.text()),
      }));
    },

    stop() {
      stopping ??= (async () => {
        for (const waiter of waiters) waiter.cancel(new Error(`${fullJid}: peer stopped`));
        await xmpp.stop().catch(() => undefined);
      })();
      return stopping;
    },
  };

  if (options.initialPresence ?? true) await peer.sendPresence();
  return peer;
}

interface Waiter {
  offer(stanza: Element, message: PeerMessage | undefined, presence: PeerPresence | undefined): void;
  cancel(reason: Error): void;
}

function toMessage(stanza: Element): PeerMessage | undefined {
  if (!stanza.is('message')) return undefined;
  const body = stanza.getChildText('body');
  if (body === null) return undefined;
  const { from = '', to = '', id, type } = stanza.attrs;
  return { from, to, body, ...(id !== undefined ? { id } : {}), ...(type !== undefined ? { type } : {}), stanza };
}

function toPresence(stanza: Element): PeerPresence | undefined {
  if (!stanza.is('presence')) return undefined;
  const { from = '', to = '', type } = stanza.attrs;
  const show = stanza.getChildText('show');
  const status = stanza.getChildText('status');
  const priority = stanza.getChildText('priority');
  return {
    from,
    to,
    ...(type !== undefined ? { type } : {}),
    ...(show !== null ? { show } : {}),
    ...(status !== null ? { status } : {}),
    ...(priority !== null ? { priority: Number(priority) } : {}),
    stanza,
  };
}

/** Parses one element from XML text with @xmpp/xml's own parser (the one the client uses for the stream). */
function parseXml(text: string): Element {
  const parser = new xml.Parser();
  let root: Element | undefined;
  let failure: Error | undefined;
  parser.on('start', (element) => { root = element; });
  // The parser is built for streams: it reports the outermost element's children separately.
  parser.on('element', (element) => { root?.append(element); });
  parser.on('error', (error) => { failure = error; });
  parser.write(text);
  parser.end();
  if (failure) throw new Error(`invalid XML: ${failure.message}: ${text}`);
  if (!root) throw new Error(`no element in: ${text}`);
  return root;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const condition = (error as Error & { condition?: unknown }).condition;
    return typeof condition === 'string' ? `${condition} (${error.message})` : error.message;
  }
  return String(error);
}
