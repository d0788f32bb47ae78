/**
 * The message store behind one small interface: history with paging and full-text search, archive
 * catch-up positions, corrections, retractions, delivery state, the outbox and account settings.
 * Nothing here says how it is stored (the implementation is `sqlite-store.ts`); every value that
 * comes out is plain, structured-clone-safe data.
 */
import { DELIVERY_STATES, type ChatMessage, type DeliveryState, type Jid } from '../shared/contract.ts';

/** The delivery state of one of our own messages: it only ever moves forward, in the contract's order. */
export type { DeliveryState };
export { DELIVERY_STATES };

/**
 * A message as stored. `id` is the stanza's `id` attribute. Dedup identities (XEP-0359):
 * `stanzaId` is the id an archive assigned, `originId` the id the sending client assigned.
 */
export interface StoredMessage extends ChatMessage {
  /**
   * The XEP-0359 `<stanza-id>` of the archive given by `stanzaIdBy`. The caller passes only stanza-ids
   * whose `by` is an archive it trusts (our own account for one-to-one chats): anyone can put a
   * stanza-id in a message they send, so a stanza-id `by` anybody else must be dropped before this.
   */
  readonly stanzaId?: string;
  /** The archive that assigned `stanzaId`. Omit it for our own account's archive (one-to-one chats). */
  readonly stanzaIdBy?: Jid;
  /** The XEP-0359 `<origin-id>` the sending client assigned (unique per sender). */
  readonly originId?: string;
  /**
   * Own (`out`) messages only: defaults to `sent` when added (a copy from a carbon or the archive has
   * passed the server) and to `pending` through `enqueueOutgoing`. Ignored for incoming messages.
   */
  readonly state?: DeliveryState;
  /** Output only (set by `applyCorrection`): the body was corrected; earlier bodies are in `versions`. */
  readonly edited?: boolean;
  /** Output only (set by `applyRetraction`): the sender retracted the message; `body` is empty. */
  readonly retracted?: boolean;
}

/** An opaque position in a conversation (a message's place in timestamp order). */
export type Cursor = string;

/** A message read back from the store, with its position for paging and jumping to it. */
export interface MessageRecord extends StoredMessage {
  readonly cursor: Cursor;
}

export interface PageRequest {
  /** Messages strictly older than this position. */
  readonly before?: Cursor;
  /** Messages strictly newer than this position (ignored when `before` is given). */
  readonly after?: Cursor;
  /** At most this many messages (1…1000, default 50). */
  readonly limit?: number;
}

export interface Page {
  /** Oldest first. */
  readonly messages: readonly MessageRecord[];
  /** Pass as `before` for the next older page; null when nothing older is stored. */
  readonly older: Cursor | null;
  /** Pass as `after` for the next newer page; null when nothing newer is stored. */
  readonly newer: Cursor | null;
}

export type AddResult = 'added' | 'duplicate';
export type CorrectionResult = 'applied' | 'duplicate' | 'not-found' | 'retracted';
export type RetractionResult = 'applied' | 'duplicate' | 'not-found';
/** `stale`: the reactor already sent a newer set; `duplicate`: that set is already the stored one. */
export type ReactionResult = 'applied' | 'duplicate' | 'stale' | 'not-found';

/** A piece of a search snippet; `match` pieces are the words that matched (render them highlighted, as text). */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

export interface SearchHit {
  readonly conversation: Jid;
  readonly id: string;
  readonly direction: ChatMessage['direction'];
  readonly from: Jid;
  readonly timestamp: number;
  /** Open the conversation here with `around(conversation, cursor)`. */
  readonly cursor: Cursor;
  readonly snippet: readonly SnippetPart[];
}

export interface SearchOptions {
  /** Only this conversation. */
  readonly conversation?: Jid;
  /** At most this many hits (1…500, default 50). */
  readonly limit?: number;
  /** `recent` (default): the most recently stored matches first; `relevance`: best (bm25) first. */
  readonly order?: 'recent' | 'relevance';
}

export interface ConversationSummary {
  readonly jid: Jid;
  readonly last: MessageRecord | null;
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The archive position of the account's own archive, as opposed to a conversation's (a room's). */
export const ACCOUNT_ARCHIVE = 'account';

export interface MessageStore {
  /** Stores the message unless it is already stored (then records any new ids on the stored copy). */
  add(message: StoredMessage): AddResult;
  /** `add` for many messages in one transaction: all are stored or none. */
  addMany(messages: readonly StoredMessage[]): AddResult[];

  /** A page of a conversation, oldest first; without `before`/`after`, the latest messages. */
  page(conversation: Jid, request?: PageRequest): Page;
  /** The latest `limit` messages of a conversation (default 50). */
  latest(conversation: Jid, limit?: number): Page;
  /** The messages around a position (e.g. a search hit): about half older, the rest from it on. */
  around(conversation: Jid, cursor: Cursor, limit?: number): Page;
  /** Every conversation with its latest message, the most recently active first. */
  conversations(): readonly ConversationSummary[];
  /** Earlier bodies of a corrected message (its `cursor`), the original first; empty when never corrected. */
  versions(message: Cursor): readonly string[];

  /** The stanza-id our own archive gave the oldest message of the conversation that has one. */
  oldestStanzaId(conversation: Jid): string | undefined;
  /** The last archive (MAM) id seen for a conversation's archive, or for `ACCOUNT_ARCHIVE`. */
  lastArchiveId(archive: Jid | typeof ACCOUNT_ARCHIVE): string | undefined;
  setLastArchiveId(archive: Jid | typeof ACCOUNT_ARCHIVE, id: string): void;

  /**
   * XEP-0308: replaces the body of the message `replaceId` (its id or origin-id, or the id of an
   * earlier correction of it) that `senderBare` sent in `conversation`; the old body goes to `versions`.
   * Another sender's message is never touched (`not-found`).
   */
  applyCorrection(conversation: Jid, senderBare: Jid, replaceId: string, newBody: string, correctionId: string): CorrectionResult;
  /**
   * XEP-0424: retracts the message `targetId` (origin-id, id or stanza-id) that `senderBare` sent in
   * `conversation`: its body and earlier versions are erased, a tombstone stays (so a later copy
   * from the archive does not bring it back). Another sender's message is never touched.
   */
  applyRetraction(conversation: Jid, senderBare: Jid, targetId: string, moderation?: ChatMessage['moderated']): RetractionResult;

  /**
   * Moves one of our messages in `conversation` (by id, origin-id or stanza-id) to `state`, never
   * backwards; true when it changed. The conversation guards against a receipt from someone else.
   */
  markState(conversation: Jid, id: string, state: DeliveryState): boolean;

  /** The message of `senderBare` in `conversation` that `ref` names (id, origin-id, stanza-id or a correction's id). */
  findMessage(conversation: Jid, senderBare: Jid, ref: string): MessageRecord | undefined;
  /** The message of anyone in `conversation` that `ref` names (id, origin-id, stanza-id or a correction's id): what replies and reactions name. */
  findAnyMessage(conversation: Jid, ref: string): MessageRecord | undefined;
  /**
   * XEP-0444: `reactor`'s whole set of reactions to the message `targetRef` of `conversation` becomes
   * `emojis` (empty: none), unless the reactor sent a newer set already (`sentAt` is when this one was sent).
   */
  applyReactions(conversation: Jid, targetRef: string, reactor: Jid, emojis: readonly string[], sentAt: number, reactionId: string | null): ReactionResult;
  /**
   * `markState` that also moves, with `upTo`, every earlier own message of the conversation that
   * left us (XEP-0333: a displayed marker covers what came before); returns the messages that changed.
   */
  advanceState(conversation: Jid, id: string, state: DeliveryState, upTo: boolean): readonly MessageRecord[];

  /** Stores an outgoing message as `pending` (the outbox); `duplicate` when it is already stored. */
  enqueueOutgoing(message: StoredMessage): AddResult;
  /** Own messages still `pending`, in the order they were enqueued. */
  pendingOutgoing(): readonly MessageRecord[];
  /** The server accepted our message `id`: pending → sent (no-op otherwise); true when it changed. */
  markSent(id: string): boolean;

  /** Incoming messages not read yet in `conversation` (stamped after its read position, not retracted). */
  unreadCount(conversation: Jid): number;
  /** Every conversation with unread messages, and how many. */
  unreadCounts(): readonly { readonly jid: Jid; readonly unread: number }[];
  /**
   * The conversation was read up to `until` (ms; default: its newest message): incoming messages stamped
   * later stay unread. The position never moves back. Returns what is left unread.
   */
  markRead(conversation: Jid, until?: number): number;

  /** Hits for the words the user typed; never throws on odd input (no words → no hits). */
  search(query: string, options?: SearchOptions): readonly SearchHit[];

  getSetting(key: string): JsonValue | undefined;
  /** `undefined` deletes the setting. */
  setSetting(key: string, value: JsonValue | undefined): void;

  /**
   * Writes that follow share one transaction until `commitBatch`: a burst of messages costs one commit
   * instead of one per message. Reads on this store see the batch at once. Nothing is durable before
   * the commit.
   */
  beginBatch(): void;
  commitBatch(): void;

  /** Forgets the history (messages, versions, archive positions, read positions); keeps the outbox and settings. */
  clear(): void;
  close(): void;
}
