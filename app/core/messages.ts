/** One-to-one `chat` messages (RFC 6121 §5): receive with their ids, send with ours. */
import { randomUUID } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import type { ChatMessage, Jid } from '../shared/contract.ts';
import { NS } from './parsers/namespaces.ts';
import { parseMessage } from './parsers/message.ts';

export const MAX_OUTGOING_BODY_LENGTH = 65_536;

export interface Messaging {
  receive(stanza: Element): void;
  send(to: Jid, body: string): Promise<ChatMessage>;
}

export function createMessaging(deps: {
  send: (element: Element) => Promise<void>;
  /** Our full JID; it changes when a new stream binds another resource. */
  ownJid: () => Jid;
  ownBareJid: Jid;
  received: (message: ChatMessage) => void;
  now?: () => number;
}): Messaging {
  const { send, ownJid, ownBareJid, received } = deps;
  const now = deps.now ?? Date.now;
  return {
    receive(stanza) {
      const message = parseMessage(stanza);
      // Group chat, headlines and errors are not one-to-one conversations; messages from our own
      // account (carbons) are handled by their own feature, never taken at face value here.
      if (message === null || message.body === null || message.body.length === 0) return;
      if (message.type !== 'chat' && message.type !== 'normal') return;
      if (message.bareFrom === ownBareJid) return;
      received({
        id: message.originId ?? message.id ?? randomUUID(),
        conversation: message.bareFrom,
        direction: 'in',
        from: message.from,
        to: ownJid(),
        body: message.body,
        timestamp: now(),
      });
    },
    async send(to, body) {
      const id = randomUUID();
      await send(
        xml('message', { type: 'chat', to, id }, xml('body', {}, body), xml('origin-id', { xmlns: NS.stanzaId, id })),
      );
      return { id, conversation: to, direction: 'out', from: ownJid(), to, body, timestamp: now() };
    },
  };
}
