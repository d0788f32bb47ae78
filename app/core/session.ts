/**
 * The composition root of one account's session: opens the stream, then wires the feature modules
 * (IQ answers, roster, presence, messages) onto it. No globals: two accounts are two sessions.
 */
import type { Client } from '@xmpp/client-core';
import type { Element } from '@xmpp/xml';
import type { AppError, ChatMessage, Contact, Jid, OwnPresenceShow, Presence } from '../shared/contract.ts';
import { formatBare } from '../shared/jid.ts';
import { openStream, type ConnectOptions } from './connection.ts';
import { ContactBook } from './contact-book.ts';
import { discoInfoHandler, pingHandler } from './disco.ts';
import { streamError, toAppError } from './errors.ts';
import { IqRouter } from './iq.ts';
import { createMessaging } from './messages.ts';
import { NS } from './parsers/namespaces.ts';
import { parseStreamError } from './parsers/stanza-error.ts';
import { createPresence } from './presence.ts';
import { createRoster } from './roster.ts';

/** A session is configured exactly like the stream it opens. */
export type SessionConfig = ConnectOptions;

export interface SessionEvents {
  roster(contacts: readonly Contact[]): void;
  contact(contact: Contact): void;
  contactRemoved(jid: Jid): void;
  ownPresence(presence: Presence): void;
  message(message: ChatMessage): void;
  /** The stream ended without our asking: the reason, for the user. */
  ended(error: AppError): void;
}

export interface Session {
  readonly jid: Jid;
  contacts(): Contact[];
  ownPresence(): Presence;
  setPresence(show: OwnPresenceShow, status: string): Promise<void>;
  sendMessage(to: Jid, body: string): Promise<ChatMessage>;
  /** Sends unavailable presence and closes the stream cleanly. */
  stop(): Promise<void>;
}

export async function startSession(config: SessionConfig, events: SessionEvents): Promise<Session> {
  const { entity, jid } = await openStream(config);
  const ownBareJid = formatBare(config.account);
  const send = (element: Element): Promise<void> => entity.send(element);

  const iq = new IqRouter(send, ownBareJid);
  iq.handle('get', NS.discoInfo, 'query', discoInfoHandler);
  iq.handle('get', NS.ping, 'ping', pingHandler);
  const book = new ContactBook();
  const roster = createRoster({
    iq,
    book,
    ownBareJid,
    events: { roster: events.roster, contact: events.contact, removed: events.contactRemoved },
  });
  const presence = createPresence({ send, book, events: { contact: events.contact, own: events.ownPresence } });
  const messaging = createMessaging({ send, ownJid: jid, ownBareJid, received: events.message });

  let stopping = false;
  let endError: AppError | null = null;
  const onStanza = (stanza: Element): void => {
    try {
      if (stanza.name === 'iq') void iq.receive(stanza).catch(() => {});
      else if (stanza.name === 'presence') presence.receive(stanza);
      else if (stanza.name === 'message') messaging.receive(stanza);
    } catch {
      // A stanza we cannot process must not take the session down; it is dropped.
    }
  };
  const onNonza = (element: Element): void => {
    if (element.is('error', NS.streams)) {
      const { condition, text } = parseStreamError(element);
      endError = streamError(condition, text).appError;
    }
  };
  const onError = (error: unknown): void => {
    endError ??= toAppError(error, config.host ?? config.account.domain);
  };
  const onDisconnect = (): void => {
    detach();
    iq.dispose();
    if (stopping) return;
    events.ended(endError ?? { code: 'connection-lost', message: `The connection to ${config.account.domain} was lost.` });
  };
  const detach = (): void => {
    entity.off('stanza', onStanza);
    entity.off('nonza', onNonza);
    entity.off('error', onError);
    entity.off('disconnect', onDisconnect);
  };
  entity.on('stanza', onStanza);
  entity.on('nonza', onNonza);
  entity.on('error', onError);
  entity.on('disconnect', onDisconnect);

  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await closeGracefully(entity);
    detach();
    iq.dispose();
  };

  try {
    // RFC 6121 §2.2: the roster first, then initial presence, so presence lands on known contacts.
    await roster.fetch(config.stepTimeoutMs);
    await presence.setOwn('online', '');
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    jid,
    contacts: () => book.list(),
    ownPresence: () => presence.own(),
    setPresence: (show, status) => presence.setOwn(show, status),
    sendMessage: (to, body) => messaging.send(to, body),
    stop,
  };
}

async function closeGracefully(entity: Client): Promise<void> {
  try {
    if (entity.status === 'online') {
      await entity.write("<presence type='unavailable'/>");
    }
    await entity.stop();
  } catch {
    (entity.socket as unknown as { destroy?: () => void } | null)?.destroy?.();
  }
}
