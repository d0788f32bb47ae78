/**
 * One-to-one `chat` messages (RFC 6121 §5) and what travels with them: receipts (XEP-0184), chat
 * markers (XEP-0333), chat states (XEP-0085), corrections (XEP-0308), retractions (XEP-0424).
 */
import { randomUUID } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import type { ChatMessage, ChatState, Jid, ReplyReference } from '../../../shared/contract.ts';
import { interpretMessage, type ConversationUpdate, type Interpretation, type MessageSource } from './conversation-events.ts';
import { NS } from '../../xml/namespaces.ts';
import { parseStanzaId } from '../../xml/forwarded.ts';
import { parseMessage, type ParsedMessage } from '../../xml/message.ts';
import { reactionsElement, replyElements } from '../../xml/rich-message.ts';
import { fileElements } from '../../xml/file.ts';
import { RecentMap } from '../../recent-map.ts';
import type { StanzaClaim, StanzaRoutes } from '../../session/router.ts';

export const MAX_OUTGOING_BODY_LENGTH = 65_536;

/**
 * Conversations whose newest markable message we keep for a displayed marker (XEP-0333). Anyone can
 * write to us from as many JIDs as they can make up; nobody has 1,000 conversations unread at once. Past
 * it, the conversation whose markable message came least recently is forgotten: opening it sends no
 * displayed marker (the sender sees "delivered", not "read") until its next message.
 */
export const MAX_UNMARKED_CONVERSATIONS = 1_000;
/**
 * Per conversation we keep one id, the newest (a displayed marker covers everything before it), and only
 * if it is at most this long: a stanza id is the sender's choice, and real clients use UUIDs or shorter
 * (the same limit as the ids our parser takes from markers, receipts and corrections).
 */
export const MAX_MARKABLE_ID_LENGTH = 256;

export interface Messaging extends StanzaRoutes {
  /** The catch-all: every message no more specific claim takes (chat, receipts, markers, states, corrections). */
  readonly claims: readonly StanzaClaim[];
  receive(stanza: Element): void;
  /** A one-to-one message that reached us as a carbon or from the archive (already authenticated). */
  receiveForwarded(message: ParsedMessage, source: Exclude<MessageSource, 'live'>, timestamp: number, archiveId?: string): void;
  /** A new outgoing message (not yet sent): its id is also its origin-id; with `replyTo`, a reply (XEP-0461). */
  compose(to: Jid, body: string, replyTo?: ReplyReference): ChatMessage;
  send(message: ChatMessage): Promise<void>;
  /** Sends a correction of our message `id`; returns the correction's own id. */
  correct(to: Jid, id: string, body: string): Promise<string>;
  retract(to: Jid, id: string): Promise<void>;
  /** XEP-0444: our whole set of reactions to the message `id` (its id, or in a room its stanza-id); returns the reaction message's id. */
  react(to: Jid, id: string, emojis: readonly string[]): Promise<string>;
  /** Sends the state if it changed since the last one sent to `to`. */
  chatState(to: Jid, state: ChatState): Promise<void>;
  /** A displayed marker for the newest markable message of the conversation, if any is unmarked. */
  markDisplayed(conversation: Jid): Promise<void>;
}

export function createMessaging(deps: {
  send: (element: Element) => Promise<void>;
  /** Our full JID; it changes when a new stream binds another resource. */
  ownJid: () => Jid;
  ownBareJid: Jid;
  received: (message: ChatMessage) => void;
  updated: (update: ConversationUpdate) => void;
  /** Whether this bare JID may learn that we are online (gets receipts): a contact who sees our presence. */
  mayKnowWeAreOnline: (bareJid: Jid) => boolean;
  now?: () => number;
}): Messaging {
  const { send, ownJid, ownBareJid, received, updated } = deps;
  const now = deps.now ?? Date.now;
  /** Per conversation: the newest markable incoming message not yet marked displayed; the stalest forgotten past the cap. */
  const unmarked = new RecentMap<Jid, string>(MAX_UNMARKED_CONVERSATIONS);
  /** Per peer: the chat state last sent, so only changes go out. */
  const sentStates = new Map<Jid, ChatState>();

  function apply(interpretation: Interpretation): void {
    for (const update of interpretation.updates) updated(update);
    if (interpretation.message !== null) received(interpretation.message);
    if (interpretation.markable !== null && interpretation.message !== null) {
      // An id too long to keep is not kept: an earlier one still kept may still be marked (it is true of that one).
      if (interpretation.markable.length <= MAX_MARKABLE_ID_LENGTH) unmarked.set(interpretation.message.conversation, interpretation.markable);
    }
    if (interpretation.updates.some((update) => update.kind === 'read-elsewhere')) {
      for (const update of interpretation.updates) if (update.kind === 'read-elsewhere') unmarked.delete(update.conversation);
    }
  }

  function receive(stanza: Element): void {
    const parsed = parseMessage(stanza);
    // Messages from our own account (carbons) are handled by their own feature, never taken at face value here.
    if (parsed === null || parsed.bareFrom === ownBareJid) return;
    // Only the id our own archive stamped is ours to trust (XEP-0359: anyone can add a stanza-id).
    const interpretation = interpretMessage(parsed, ownBareJid, 'live', now(), parseStanzaId(stanza, ownBareJid));
    apply(interpretation);
    const receipt = interpretation.receipt;
    if (receipt !== null && deps.mayKnowWeAreOnline(parsed.bareFrom)) {
      void send(xml('message', { to: receipt.to, id: randomUUID() }, xml('received', { xmlns: NS.receipts, id: receipt.id }))).catch(() => {});
    }
  }

  return {
    claims: [{ kind: 'message', from: 'anyone', handle: receive }],
    receive,
    receiveForwarded(message, source, timestamp, archiveId) {
      apply(interpretMessage(message, ownBareJid, source, timestamp, archiveId ?? null));
    },
    compose(to, body, replyTo) {
      return { id: randomUUID(), conversation: to, direction: 'out', from: ownJid(), to, body, timestamp: now(), state: 'pending', ...(replyTo !== undefined ? { replyTo } : {}) };
    },
    async send(message) {
      sentStates.set(message.to, 'active');
      // A reply carries its quote in the body for clients without XEP-0461, marked as fallback (XEP-0428).
      const reply = message.replyTo === undefined ? null : replyElements(message.replyTo, message.body);
      await send(
        xml(
          'message',
          { type: 'chat', to: message.to, id: message.id },
          xml('body', {}, reply?.body ?? message.body),
          ...(reply?.children ?? []),
          // A file message from the outbox (features/upload) goes out again with its OOB and metadata.
          ...(message.file !== undefined ? fileElements(message.file) : []),
          xml('origin-id', { xmlns: NS.stanzaId, id: message.id }),
          xml('request', { xmlns: NS.receipts }),
          xml('markable', { xmlns: NS.markers }),
          xml('active', { xmlns: NS.chatStates }),
        ),
      );
    },
    async correct(to, id, body) {
      const correctionId = randomUUID();
      sentStates.set(to, 'active');
      await send(
        xml(
          'message',
          { type: 'chat', to, id: correctionId },
          xml('body', {}, body),
          xml('replace', { xmlns: NS.correction, id }),
          xml('origin-id', { xmlns: NS.stanzaId, id: correctionId }),
          xml('active', { xmlns: NS.chatStates }),
        ),
      );
      return correctionId;
    },
    async retract(to, id) {
      const retractionId = randomUUID();
      await send(
        xml(
          'message',
          { type: 'chat', to, id: retractionId },
          xml('retract', { xmlns: NS.retract, id }),
          // The same retraction as XEP-0424 0.3 (a XEP-0422 fastening on the origin-id, which is our id), for peers
          // that know only that form while they migrate (slixmpp 1.8, Poezio); 0.4 clients ignore the fastening.
          xml('apply-to', { xmlns: NS.fasten, id }, xml('retract', { xmlns: NS.retractLegacy })),
          xml('fallback', { xmlns: NS.fallback, for: NS.retract }),
          xml('body', {}, 'This person attempted to retract a previous message, but it is unsupported by your client.'),
          xml('store', { xmlns: NS.hints }),
          xml('origin-id', { xmlns: NS.stanzaId, id: retractionId }),
        ),
      );
    },
    async react(to, id, emojis) {
      const reactionId = randomUUID();
      await send(
        xml('message', { type: 'chat', to, id: reactionId }, reactionsElement(id, emojis), xml('store', { xmlns: NS.hints }), xml('origin-id', { xmlns: NS.stanzaId, id: reactionId })),
      );
      return reactionId;
    },
    async chatState(to, state) {
      if (sentStates.get(to) === state) return;
      sentStates.set(to, state);
      // Standalone notifications are not worth storing (XEP-0334 no-store).
      await send(xml('message', { type: 'chat', to, id: randomUUID() }, xml(state, { xmlns: NS.chatStates }), xml('no-store', { xmlns: NS.hints })));
    },
    async markDisplayed(conversation) {
      const id = unmarked.get(conversation);
      if (id === undefined) return;
      unmarked.delete(conversation);
      // To the bare JID, so our other devices see it too (carbons) and clear their unread count.
      await send(xml('message', { type: 'chat', to: conversation, id: randomUUID() }, xml('displayed', { xmlns: NS.markers, id }), xml('store', { xmlns: NS.hints })));
    },
  };
}
