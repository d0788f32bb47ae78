/**
 * The message store on SQLite (`node:sqlite`, built into Node 24 and so into Electron 45: no native
 * module). One database file per profile, WAL, migrations at open (schema.ts), FTS5 search.
 *
 * Dedup (XEP-0359), in this order; the first rule that finds a stored message wins:
 *  a. same archive stanza-id (`stanzaIdBy` + `stanzaId`): unique per archive;
 *  b. same sender (bare JID) + origin-id: unique per sender (an origin-id equal to the stored copy's
 *     id, the usual case, is looked up through the id index in the same conversation);
 *  c. same conversation + sender + `id` attribute, when nothing contradicts it: the stored copy has
 *     no other stanza-id (same archive) or origin-id than the new one, its body (or an earlier
 *     version of it) is the same, or it was retracted, and the timestamps are within a day of each other.
 *     (The `id` alone is not unique: old clients reuse counters like "1", "2" across sessions.)
 * A copy found this way is not stored again; the ids it brings that the stored copy lacks (the
 * stanza-id of the archive copy of a message first seen live) are recorded on the stored copy, and
 * an own message's delivery state moves forward to what the copy says (default `sent`).
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { FileHash, Jid, MessageFile, MessageReaction, ReplyReference } from '../shared/contract.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { toFtsQuery } from './fts-query.ts';
import { migrate } from './migrate.ts';
import {
  ACCOUNT_ARCHIVE,
  DELIVERY_STATES,
  type AddResult,
  type ConversationSummary,
  type CorrectionResult,
  type Cursor,
  type DeliveryState,
  type JsonValue,
  type MessageRecord,
  type MessageStore,
  type Page,
  type PageRequest,
  type ReactionResult,
  type RetractionResult,
  type SearchHit,
  type SearchOptions,
  type SnippetPart,
  type StoredMessage,
} from './message-store.ts';
import { MIGRATIONS } from './schema.ts';

export interface SqliteStoreOptions {
  /** How long to wait for another connection's write lock before failing. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** The clock for `replaced_at`/`retracted_at`/`updated_at` (tests). */
  readonly now?: () => number;
  /** Checkpoint the WAL on a worker thread (checkpointer.ts) instead of inside commits. Default true. */
  readonly backgroundCheckpoints?: boolean;
}

type Row = Record<string, unknown>;

const DEFAULT_PAGE = 50;
const MAX_PAGE = 1000;
const DEFAULT_HITS = 50;
const MAX_HITS = 500;
/** Rule c: copies of one message carry timestamps this close (clock skew, offline delivery). */
const SAME_ID_WINDOW_MS = 24 * 60 * 60 * 1000;
const SNIPPET_OPEN = '\u0002';
const SNIPPET_CLOSE = '\u0003';
const SNIPPET_TOKENS = 16;

const rankOf = (state: DeliveryState): number => DELIVERY_STATES.indexOf(state);
const bareOf = (jid: Jid): Jid => {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
};
const archiveKey = (archive: Jid | typeof ACCOUNT_ARCHIVE): string => (archive === ACCOUNT_ARCHIVE ? '' : archive);
const clampLimit = (limit: number | undefined, fallback: number, max: number): number =>
  limit === undefined || !Number.isFinite(limit) ? fallback : Math.min(max, Math.max(1, Math.trunc(limit)));

const encodeCursor = (timestamp: number, seq: number): Cursor => `${timestamp}:${seq}`;
function decodeCursor(cursor: Cursor): { readonly timestamp: number; readonly seq: number } {
  const match = /^(-?\d{1,16}):(\d{1,16})$/.exec(String(cursor));
  if (match === null) throw new RangeError(`Not a message cursor: ${String(cursor)}`);
  return { timestamp: Number(match[1]), seq: Number(match[2]) };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));
const num = (value: unknown): number => Number(value ?? 0);

/** Splits snippet() output, where matches sit between SNIPPET_OPEN and SNIPPET_CLOSE, into parts. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf(SNIPPET_OPEN);
    if (open === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf(SNIPPET_CLOSE, open + 1);
    const end = close === -1 ? rest.length : close;
    if (end > open + 1) parts.push({ text: rest.slice(open + 1, end), match: true });
    rest = rest.slice(end + 1);
  }
  return parts;
}

const MESSAGE_COLUMNS =
  'm.seq, m.direction, m.msg_id, m.origin_id, m.stanza_id, m.stanza_id_by, m.from_jid, m.to_jid, m.body, m.timestamp, m.state, m.edited, m.retracted_at, m.file, m.moderation, m.mentions_me' +
  // Replies and reactions (migration 4): the reactions as one JSON array of [reactor, [emoji…]] in the order they came.
  `, m.reply_to, (SELECT json_group_array(json_array(rj.jid, json(r.emojis))) FROM (
       SELECT reactor_id, emojis FROM message_reactions WHERE message_seq = m.seq AND emojis <> '[]' ORDER BY updated_at, reactor_id
     ) r JOIN jids rj ON rj.id = r.reactor_id) AS reactions`;

/** A stored file column back into the contract's shape; anything else (a damaged row) is no file. */
function readFile(value: unknown): MessageFile | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = JSON.parse(value) as Partial<MessageFile>;
    if (typeof parsed.url !== 'string' || typeof parsed.name !== 'string' || !Array.isArray(parsed.hashes)) return null;
    return {
      url: parsed.url,
      name: parsed.name,
      ...(typeof parsed.size === 'number' ? { size: parsed.size } : {}),
      ...(typeof parsed.mediaType === 'string' ? { mediaType: parsed.mediaType } : {}),
      hashes: parsed.hashes.filter((hash): hash is FileHash => typeof hash?.algo === 'string' && typeof hash.value === 'string'),
    };
  } catch {
    return null;
  }
}

function toRecord(row: Row, conversation: Jid): MessageRecord {
  const timestamp = num(row['timestamp']);
  const record: {
    -readonly [K in keyof MessageRecord]: MessageRecord[K];
  } = {
    id: text(row['msg_id']),
    conversation,
    direction: row['direction'] === 'out' ? 'out' : 'in',
    from: text(row['from_jid']),
    to: text(row['to_jid']),
    body: text(row['body']),
    timestamp,
    cursor: encodeCursor(timestamp, num(row['seq'])),
  };
  if (row['stanza_id'] !== null && row['stanza_id'] !== undefined) {
    record.stanzaId = text(row['stanza_id']);
    if (row['stanza_id_by'] !== '') record.stanzaIdBy = text(row['stanza_id_by']);
  }
  if (row['origin_id'] !== null && row['origin_id'] !== undefined) record.originId = text(row['origin_id']);
  if (row['state'] !== null && row['state'] !== undefined) record.state = DELIVERY_STATES[num(row['state'])] ?? 'sent';
  if (num(row['edited']) === 1) record.edited = true;
  if (row['retracted_at'] !== null && row['retracted_at'] !== undefined) record.retracted = true;
  const replyTo = parseReplyColumn(row['reply_to']);
  if (replyTo !== undefined) record.replyTo = replyTo;
  const reactions = parseReactionsColumn(row['reactions']);
  if (reactions.length > 0) record.reactions = reactions;
  const file = readFile(row['file']);
  if (file !== null) record.file = file;
  if (row['moderation'] !== null && row['moderation'] !== undefined) record.moderated = readModeration(row['moderation']);
  if (num(row['mentions_me']) === 1) record.mentionsMe = true;
  return record;
}

/** A stored moderation column (XEP-0425: who and why) back into the contract's shape. */
function readModeration(value: unknown): NonNullable<MessageRecord['moderated']> {
  try {
    const parsed = JSON.parse(String(value)) as { by?: unknown; reason?: unknown };
    return { ...(typeof parsed.by === 'string' ? { by: parsed.by } : {}), ...(typeof parsed.reason === 'string' ? { reason: parsed.reason } : {}) };
  } catch {
    return {};
  }
}

function parseReplyColumn(value: unknown): ReplyReference | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed = JSON.parse(value) as { id?: unknown; to?: unknown; quotedBody?: unknown; messageId?: unknown };
    if (typeof parsed.id !== 'string') return undefined;
    return {
      id: parsed.id,
      ...(typeof parsed.to === 'string' ? { to: parsed.to } : {}),
      ...(typeof parsed.quotedBody === 'string' ? { quotedBody: parsed.quotedBody } : {}),
      ...(typeof parsed.messageId === 'string' ? { messageId: parsed.messageId } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Per emoji, who reacted with it: the emoji in the order they first came, each reactor once. */
function parseReactionsColumn(value: unknown): MessageReaction[] {
  if (typeof value !== 'string' || value === '[]') return [];
  let sets: unknown;
  try {
    sets = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(sets)) return [];
  const byEmoji = new Map<string, Jid[]>();
  for (const set of sets) {
    if (!Array.isArray(set) || typeof set[0] !== 'string' || !Array.isArray(set[1])) continue;
    for (const emoji of set[1]) {
      if (typeof emoji !== 'string') continue;
      const from = byEmoji.get(emoji) ?? [];
      if (!from.includes(set[0])) from.push(set[0]);
      byEmoji.set(emoji, from);
    }
  }
  return [...byEmoji].map(([emoji, from]) => ({ emoji, from }));
}

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): MessageStore {
  const now = options.now ?? Date.now;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = new DatabaseSync(path, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true });
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    db.exec('PRAGMA temp_store = MEMORY');
    db.exec('PRAGMA cache_size = -32768'); // KiB: the random-id indexes of a large history stay in memory
    migrate(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  const inMemory = path === ':memory:' || path === '';
  let checkpointer: Checkpointer | null = null;
  if (options.backgroundCheckpoints !== false && !inMemory) {
    // SQLite's automatic checkpoint stays as a fallback, at 40 MiB of WAL instead of 4 MiB.
    db.exec('PRAGMA wal_autocheckpoint = 10000');
    checkpointer = startCheckpointer(path, { busyTimeoutMs });
  }
  return createStore(db, now, checkpointer);
}

function createStore(db: DatabaseSync, now: () => number, checkpointer: Checkpointer | null): MessageStore {
  const cache = new Map<string, StatementSync>();
  /** Statements are prepared once, on first use. */
  const sql = (source: string): StatementSync => {
    let statement = cache.get(source);
    if (statement === undefined) {
      statement = db.prepare(source);
      cache.set(source, statement);
    }
    return statement;
  };
  let closed = false;

  // ---- transactions and JID interning ----

  const jidIds = new Map<Jid, number>();
  function transaction<T>(work: () => T): T {
    if (db.isTransaction) return work();
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      checkpointer?.nudge();
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      jidIds.clear(); // ids interned inside the rolled-back transaction no longer exist
      throw error;
    }
  }
  function lookupJid(jid: Jid): number | undefined {
    const cached = jidIds.get(jid);
    if (cached !== undefined) return cached;
    const row = sql('SELECT id FROM jids WHERE jid = ?').get(jid);
    if (row === undefined) return undefined;
    const id = num(row['id']);
    jidIds.set(jid, id);
    return id;
  }
  function internJid(jid: Jid): number {
    const known = lookupJid(jid);
    if (known !== undefined) return known;
    const id = num(sql('INSERT INTO jids (jid) VALUES (?) RETURNING id').get(jid)?.['id']);
    jidIds.set(jid, id);
    return id;
  }

  // ---- adding, with dedup ----

  function sameBodyOrRetracted(row: Row, body: string): boolean {
    if (row['retracted_at'] !== null) return true;
    if (row['body'] === body) return true;
    return num(row['edited']) === 1 && sql('SELECT 1 FROM message_versions WHERE message_seq = ? AND body = ?').get(num(row['seq']), body) !== undefined;
  }

  function findStored(message: StoredMessage, conversationId: number, senderId: number, stanzaBy: string | null): Row | undefined {
    if (message.stanzaId !== undefined && stanzaBy !== null) {
      const row = sql('SELECT seq, direction, state, stanza_id, origin_id FROM messages WHERE stanza_id = ? AND stanza_id_by = ?').get(message.stanzaId, stanzaBy);
      if (row !== undefined) return row;
    }
    if (message.originId !== undefined) {
      // Two places, see schema.ts: an origin-id equal to the stored copy's id is found through the id index.
      const row =
        sql(
          `SELECT seq, direction, state, stanza_id, origin_id FROM messages INDEXED BY messages_by_msg_id
           WHERE conversation_id = ? AND msg_id = ? AND origin_id = msg_id AND sender_id = ?`,
        ).get(conversationId, message.originId, senderId) ??
        sql('SELECT seq, direction, state, stanza_id, origin_id FROM messages WHERE origin_id = ? AND sender_id = ? AND origin_id <> msg_id').get(message.originId, senderId);
      if (row !== undefined) return row;
    }
    const candidates = sql(
      `SELECT seq, direction, state, stanza_id, stanza_id_by, origin_id, body, edited, retracted_at FROM messages INDEXED BY messages_by_msg_id
       WHERE conversation_id = ? AND msg_id = ? AND sender_id = ? AND timestamp BETWEEN ? AND ?
       ORDER BY abs(timestamp - ?), seq`,
    ).all(conversationId, message.id, senderId, message.timestamp - SAME_ID_WINDOW_MS, message.timestamp + SAME_ID_WINDOW_MS, message.timestamp);
    return candidates.find(
      (row) =>
        !(row['stanza_id'] !== null && message.stanzaId !== undefined && row['stanza_id_by'] === stanzaBy) &&
        !(row['origin_id'] !== null && message.originId !== undefined) &&
        sameBodyOrRetracted(row, message.body),
    );
  }

  function addOne(message: StoredMessage, defaultState: DeliveryState): AddResult {
    const conversationId = internJid(message.conversation);
    const senderId = internJid(bareOf(message.from));
    const timestamp = Math.trunc(message.timestamp);
    const stanzaBy = message.stanzaId === undefined ? null : (message.stanzaIdBy ?? '');
    const own = message.direction === 'out';
    const state = own ? rankOf(message.state ?? defaultState) : null;
    const stored = findStored({ ...message, timestamp }, conversationId, senderId, stanzaBy);
    if (stored === undefined) {
      const inserted = sql(
        `INSERT INTO messages (conversation_id, sender_id, direction, msg_id, origin_id, stanza_id, stanza_id_by, from_jid, to_jid, body, timestamp, state, file)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        conversationId,
        senderId,
        own ? 'out' : 'in',
        message.id,
        message.originId ?? null,
        message.stanzaId ?? null,
        stanzaBy,
        message.from,
        message.to,
        message.body,
        timestamp,
        state,
        message.file === undefined ? null : JSON.stringify(message.file),
      );
      if (message.replyTo !== undefined) sql('UPDATE messages SET reply_to = ? WHERE seq = ?').run(JSON.stringify(message.replyTo), inserted.lastInsertRowid);
      if (message.mentionsMe === true) sql('UPDATE messages SET mentions_me = 1 WHERE seq = ?').run(inserted.lastInsertRowid);
      return 'added';
    }
    // Merge: record what the new copy knows and the stored one does not.
    const seq = num(stored['seq']);
    if (stored['stanza_id'] === null && message.stanzaId !== undefined) {
      sql('UPDATE messages SET stanza_id = ?, stanza_id_by = ? WHERE seq = ?').run(message.stanzaId, stanzaBy, seq);
    }
    if (stored['origin_id'] === null && message.originId !== undefined) {
      sql('UPDATE messages SET origin_id = ? WHERE seq = ?').run(message.originId, seq);
    }
    if (stored['direction'] === 'out' && state !== null) {
      sql('UPDATE messages SET state = ? WHERE seq = ? AND state < ?').run(state, seq, state);
    }
    return 'duplicate';
  }

  // ---- reading ----

  function rowsToPage(conversationId: number, conversation: Jid, rowsOldestFirst: readonly Row[]): Page {
    const messages = rowsOldestFirst.map((row) => toRecord(row, conversation));
    const first = rowsOldestFirst[0];
    const last = rowsOldestFirst[rowsOldestFirst.length - 1];
    const olderExists = (row: Row): boolean =>
      sql('SELECT 1 FROM messages WHERE conversation_id = ? AND (timestamp, seq) < (?, ?) LIMIT 1').get(conversationId, num(row['timestamp']), num(row['seq'])) !== undefined;
    const newerExists = (row: Row): boolean =>
      sql('SELECT 1 FROM messages WHERE conversation_id = ? AND (timestamp, seq) > (?, ?) LIMIT 1').get(conversationId, num(row['timestamp']), num(row['seq'])) !== undefined;
    return {
      messages,
      older: first !== undefined && olderExists(first) ? (messages[0]?.cursor ?? null) : null,
      newer: last !== undefined && newerExists(last) ? (messages[messages.length - 1]?.cursor ?? null) : null,
    };
  }

  const EMPTY_PAGE: Page = { messages: [], older: null, newer: null };

  function page(conversation: Jid, request: PageRequest = {}): Page {
    const limit = clampLimit(request.limit, DEFAULT_PAGE, MAX_PAGE);
    const conversationId = lookupJid(conversation);
    if (conversationId === undefined) return EMPTY_PAGE;
    if (request.before !== undefined) {
      const { timestamp, seq } = decodeCursor(request.before);
      const rows = sql(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = ? AND (m.timestamp, m.seq) < (?, ?) ORDER BY m.timestamp DESC, m.seq DESC LIMIT ?`,
      ).all(conversationId, timestamp, seq, limit);
      return rowsToPage(conversationId, conversation, rows.reverse());
    }
    if (request.after !== undefined) {
      const { timestamp, seq } = decodeCursor(request.after);
      const rows = sql(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = ? AND (m.timestamp, m.seq) > (?, ?) ORDER BY m.timestamp, m.seq LIMIT ?`,
      ).all(conversationId, timestamp, seq, limit);
      return rowsToPage(conversationId, conversation, rows);
    }
    const rows = sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = ? ORDER BY m.timestamp DESC, m.seq DESC LIMIT ?`).all(
      conversationId,
      limit,
    );
    return rowsToPage(conversationId, conversation, rows.reverse());
  }

  function around(conversation: Jid, cursor: Cursor, limitRequested?: number): Page {
    const limit = clampLimit(limitRequested, DEFAULT_PAGE, MAX_PAGE);
    const conversationId = lookupJid(conversation);
    if (conversationId === undefined) return EMPTY_PAGE;
    const { timestamp, seq } = decodeCursor(cursor);
    const older = sql(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = ? AND (m.timestamp, m.seq) < (?, ?) ORDER BY m.timestamp DESC, m.seq DESC LIMIT ?`,
    ).all(conversationId, timestamp, seq, Math.floor(limit / 2));
    const newer = sql(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = ? AND (m.timestamp, m.seq) >= (?, ?) ORDER BY m.timestamp, m.seq LIMIT ?`,
    ).all(conversationId, timestamp, seq, limit - older.length);
    return rowsToPage(conversationId, conversation, [...older.reverse(), ...newer]);
  }

  /** A message of `senderBare` in `conversation` that `ref` names (id, origin-id, stanza-id or a correction's id); the latest if several. */
  function findOwned(conversation: Jid, senderBare: Jid, ref: string): Row | undefined {
    const conversationId = lookupJid(conversation);
    const senderId = lookupJid(bareOf(senderBare));
    if (conversationId === undefined || senderId === undefined) return undefined;
    return sql(
      `SELECT seq, body, retracted_at FROM messages
       WHERE seq IN (
         SELECT seq FROM messages WHERE conversation_id = $c AND msg_id = $ref
         UNION ALL SELECT seq FROM messages WHERE origin_id = $ref AND sender_id = $s AND origin_id <> msg_id
         UNION ALL SELECT seq FROM messages WHERE stanza_id = $ref
         UNION ALL SELECT message_seq FROM message_versions WHERE correction_id = $ref
       ) AND +conversation_id = $c AND +sender_id = $s
       ORDER BY timestamp DESC, seq DESC LIMIT 1`,
    ).get({ c: conversationId, s: senderId, ref });
  }

  /** A message of anyone in `conversation` that `ref` names; the latest if several. */
  function findAny(conversation: Jid, ref: string): number | undefined {
    const conversationId = lookupJid(conversation);
    if (conversationId === undefined) return undefined;
    const row = sql(
      `SELECT seq FROM messages
       WHERE seq IN (
         SELECT seq FROM messages WHERE conversation_id = $c AND msg_id = $ref
         UNION ALL SELECT seq FROM messages WHERE origin_id = $ref AND origin_id <> msg_id
         UNION ALL SELECT seq FROM messages WHERE stanza_id = $ref
         UNION ALL SELECT message_seq FROM message_versions WHERE correction_id = $ref
       ) AND +conversation_id = $c
       ORDER BY timestamp DESC, seq DESC LIMIT 1`,
    ).get({ c: conversationId, ref });
    return row === undefined ? undefined : num(row['seq']);
  }

  function assertOpen(): void {
    if (closed) throw new Error('The message store is closed.');
  }

  return {
    add(message) {
      assertOpen();
      return transaction(() => addOne(message, 'sent'));
    },

    addMany(messages) {
      assertOpen();
      if (messages.length === 0) return [];
      return transaction(() => messages.map((message) => addOne(message, 'sent')));
    },

    page(conversation, request) {
      assertOpen();
      return page(conversation, request);
    },

    latest(conversation, limit) {
      assertOpen();
      return page(conversation, { limit: limit ?? DEFAULT_PAGE });
    },

    around(conversation, cursor, limit) {
      assertOpen();
      return around(conversation, cursor, limit);
    },

    conversations() {
      assertOpen();
      const rows = sql(
        `SELECT j.jid AS conversation, ${MESSAGE_COLUMNS}
         FROM jids j JOIN messages m ON m.seq = (
           SELECT seq FROM messages WHERE conversation_id = j.id ORDER BY timestamp DESC, seq DESC LIMIT 1
         )
         ORDER BY m.timestamp DESC, m.seq DESC`,
      ).all();
      return rows.map((row): ConversationSummary => ({ jid: text(row['conversation']), last: toRecord(row, text(row['conversation'])) }));
    },

    versions(cursor) {
      assertOpen();
      const { seq } = decodeCursor(cursor);
      return sql('SELECT body FROM message_versions WHERE message_seq = ? ORDER BY version').all(seq).map((row) => text(row['body']));
    },

    oldestStanzaId(conversation) {
      assertOpen();
      const conversationId = lookupJid(conversation);
      if (conversationId === undefined) return undefined;
      const row = sql(
        "SELECT stanza_id FROM messages WHERE conversation_id = ? AND stanza_id IS NOT NULL AND stanza_id_by = '' ORDER BY timestamp, seq LIMIT 1",
      ).get(conversationId);
      return row === undefined ? undefined : text(row['stanza_id']);
    },

    lastArchiveId(archive) {
      assertOpen();
      const row = sql('SELECT last_id FROM archive_positions WHERE archive = ?').get(archiveKey(archive));
      return row === undefined ? undefined : text(row['last_id']);
    },

    setLastArchiveId(archive, id) {
      assertOpen();
      transaction(() =>
        sql(
          `INSERT INTO archive_positions (archive, last_id, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (archive) DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at`,
        ).run(archiveKey(archive), id, now()),
      );
    },

    applyCorrection(conversation, senderBare, replaceId, newBody, correctionId): CorrectionResult {
      assertOpen();
      return transaction(() => {
        const target = findOwned(conversation, senderBare, replaceId);
        if (target === undefined) return 'not-found';
        if (target['retracted_at'] !== null) return 'retracted';
        const seq = num(target['seq']);
        if (sql('SELECT 1 FROM message_versions WHERE message_seq = ? AND correction_id = ?').get(seq, correctionId) !== undefined) return 'duplicate';
        sql(
          `INSERT INTO message_versions (message_seq, version, body, replaced_at, correction_id)
           VALUES (?1, (SELECT coalesce(max(version) + 1, 0) FROM message_versions WHERE message_seq = ?1), ?2, ?3, ?4)`,
        ).run(seq, text(target['body']), now(), correctionId);
        sql('UPDATE messages SET body = ?, edited = 1 WHERE seq = ?').run(newBody, seq);
        return 'applied';
      });
    },

    applyRetraction(conversation, senderBare, targetId, moderation): RetractionResult {
      assertOpen();
      return transaction(() => {
        const target = findOwned(conversation, senderBare, targetId);
        if (target === undefined) return 'not-found';
        if (target['retracted_at'] !== null) return 'duplicate';
        const seq = num(target['seq']);
        // The sender asked for the text to go: erase it and its earlier versions (the full-text
        // index follows through the trigger); keep a tombstone so later copies stay retracted.
        sql('DELETE FROM message_versions WHERE message_seq = ?').run(seq);
        sql("UPDATE messages SET body = '', file = NULL, retracted_at = ?, moderation = ? WHERE seq = ?").run(now(), moderation === undefined ? null : JSON.stringify(moderation), seq);
        return 'applied';
      });
    },

    markState(conversation, id, state) {
      assertOpen();
      const conversationId = lookupJid(conversation);
      if (conversationId === undefined) return false;
      const changes = transaction(
        () =>
          sql(
            `UPDATE messages SET state = $state
             WHERE state < $state AND direction = 'out' AND seq IN (
               SELECT seq FROM messages WHERE conversation_id = $c AND msg_id = $id
               UNION ALL SELECT seq FROM messages WHERE origin_id = $id AND +conversation_id = $c AND origin_id <> msg_id
               UNION ALL SELECT seq FROM messages WHERE stanza_id = $id AND +conversation_id = $c
             )`,
          ).run({ state: rankOf(state), c: conversationId, id }).changes,
      );
      return Number(changes) > 0;
    },

    findMessage(conversation, senderBare, ref) {
      assertOpen();
      const target = findOwned(conversation, senderBare, ref);
      if (target === undefined) return undefined;
      const row = sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.seq = ?`).get(num(target['seq']));
      return row === undefined ? undefined : toRecord(row, conversation);
    },

    findAnyMessage(conversation, ref) {
      assertOpen();
      const seq = findAny(conversation, ref);
      if (seq === undefined) return undefined;
      const row = sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.seq = ?`).get(seq);
      return row === undefined ? undefined : toRecord(row, conversation);
    },

    applyReactions(conversation, targetRef, reactor, emojis, sentAt, reactionId): ReactionResult {
      assertOpen();
      return transaction(() => {
        const seq = findAny(conversation, targetRef);
        if (seq === undefined) return 'not-found';
        const reactorId = internJid(reactor);
        const stored = sql('SELECT emojis, updated_at, reaction_id FROM message_reactions WHERE message_seq = ? AND reactor_id = ?').get(seq, reactorId);
        const value = JSON.stringify(emojis);
        if (stored !== undefined) {
          // The same reaction message again (a carbon, the archive): nothing new.
          if (reactionId !== null && stored['reaction_id'] === reactionId) return 'duplicate';
          if (num(stored['updated_at']) > sentAt) return 'stale';
          if (stored['emojis'] === value) return 'duplicate';
        }
        sql(
          `INSERT INTO message_reactions (message_seq, reactor_id, emojis, updated_at, reaction_id) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (message_seq, reactor_id) DO UPDATE SET emojis = excluded.emojis, updated_at = excluded.updated_at, reaction_id = excluded.reaction_id`,
        ).run(seq, reactorId, value, Math.trunc(sentAt), reactionId);
        return 'applied';
      });
    },

    advanceState(conversation, id, state, upTo) {
      assertOpen();
      const conversationId = lookupJid(conversation);
      if (conversationId === undefined) return [];
      return transaction(() => {
        const target = sql(
          `SELECT seq, timestamp FROM messages
           WHERE direction = 'out' AND seq IN (
             SELECT seq FROM messages WHERE conversation_id = $c AND msg_id = $id
             UNION ALL SELECT seq FROM messages WHERE origin_id = $id AND +conversation_id = $c AND origin_id <> msg_id
             UNION ALL SELECT seq FROM messages WHERE stanza_id = $id AND +conversation_id = $c
           ) ORDER BY timestamp DESC, seq DESC LIMIT 1`,
        ).get({ c: conversationId, id });
        if (target === undefined) return [];
        const rank = rankOf(state);
        const targetSeq = num(target['seq']);
        // With `upTo`, earlier messages that left us (not still pending) were seen too.
        const seqs = upTo
          ? sql(
              `SELECT seq FROM messages WHERE conversation_id = $c AND direction = 'out' AND state < $rank
               AND (seq = $seq OR (state >= 1 AND (timestamp < $t OR (timestamp = $t AND seq < $seq))))
               ORDER BY timestamp, seq`,
            )
              .all({ c: conversationId, rank, seq: targetSeq, t: num(target['timestamp']) })
              .map((row) => num(row['seq']))
          : sql('SELECT seq FROM messages WHERE seq = ? AND state < ?').all(targetSeq, rank).map((row) => num(row['seq']));
        const update = sql('UPDATE messages SET state = ? WHERE seq = ?');
        const read = sql(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.seq = ?`);
        return seqs.map((seq) => {
          update.run(rank, seq);
          return toRecord(read.get(seq) as Row, conversation);
        });
      });
    },

    enqueueOutgoing(message) {
      assertOpen();
      if (message.direction !== 'out') throw new TypeError('Only outgoing messages go to the outbox.');
      return transaction(() => addOne({ ...message, state: 'pending' }, 'pending'));
    },

    pendingOutgoing() {
      assertOpen();
      return sql(`SELECT j.jid AS conversation, ${MESSAGE_COLUMNS} FROM messages m JOIN jids j ON j.id = m.conversation_id WHERE m.state = 0 ORDER BY m.seq`)
        .all()
        .map((row) => toRecord(row, text(row['conversation'])));
    },

    markSent(id) {
      assertOpen();
      const changes = transaction(
        () => sql("UPDATE messages SET state = 1 WHERE state = 0 AND direction = 'out' AND (msg_id = $id OR origin_id = $id)").run({ id }).changes,
      );
      return Number(changes) > 0;
    },

    unreadCount(conversation) {
      assertOpen();
      const conversationId = lookupJid(conversation);
      if (conversationId === undefined) return 0;
      return num(sql('SELECT unread FROM conversation_reads WHERE conversation_id = ?').get(conversationId)?.['unread']);
    },

    unreadCounts() {
      assertOpen();
      return sql('SELECT j.jid, r.unread FROM conversation_reads r JOIN jids j ON j.id = r.conversation_id WHERE r.unread > 0')
        .all()
        .map((row) => ({ jid: text(row['jid']), unread: num(row['unread']) }));
    },

    markRead(conversation, until) {
      assertOpen();
      const conversationId = lookupJid(conversation);
      if (conversationId === undefined) return 0;
      return transaction(() => {
        const position =
          until ?? num(sql('SELECT max(timestamp) AS newest FROM messages WHERE conversation_id = ?').get(conversationId)?.['newest']);
        // Counted again from the messages: after this, the triggers keep the count.
        const row = sql(
          `INSERT INTO conversation_reads (conversation_id, read_until, unread)
           VALUES ($c, max($until, (SELECT since FROM unread_baseline)), 0)
           ON CONFLICT (conversation_id) DO UPDATE SET read_until = max(read_until, excluded.read_until)
           RETURNING read_until`,
        ).get({ c: conversationId, until: position });
        const readUntil = num(row?.['read_until']);
        const unread = num(
          sql(
            `SELECT count(*) AS unread FROM messages
             WHERE conversation_id = ? AND timestamp > ? AND direction = 'in' AND retracted_at IS NULL AND body <> ''`,
          ).get(conversationId, readUntil)?.['unread'],
        );
        sql('UPDATE conversation_reads SET unread = ? WHERE conversation_id = ?').run(unread, conversationId);
        return unread;
      });
    },

    search(query, searchOptions: SearchOptions = {}): readonly SearchHit[] {
      assertOpen();
      const expression = typeof query === 'string' ? toFtsQuery(query) : null;
      if (expression === null) return [];
      const limit = clampLimit(searchOptions.limit, DEFAULT_HITS, MAX_HITS);
      const order = searchOptions.order === 'relevance' ? 'rank' : 'messages_fts.rowid DESC';
      let conversationFilter = '';
      const params: Record<string, string | number> = { q: expression, limit };
      if (searchOptions.conversation !== undefined) {
        const conversationId = lookupJid(searchOptions.conversation);
        if (conversationId === undefined) return [];
        conversationFilter = 'AND m.conversation_id = $c';
        params['c'] = conversationId;
      }
      const rows = sql(
        `SELECT m.seq, m.msg_id, m.direction, m.from_jid, m.timestamp, j.jid AS conversation,
                snippet(messages_fts, 0, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS snippet
         FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid JOIN jids j ON j.id = m.conversation_id
         WHERE messages_fts MATCH $q ${conversationFilter}
         ORDER BY ${order} LIMIT $limit`,
      ).all(params);
      return rows.map(
        (row): SearchHit => ({
          conversation: text(row['conversation']),
          id: text(row['msg_id']),
          direction: row['direction'] === 'out' ? 'out' : 'in',
          from: text(row['from_jid']),
          timestamp: num(row['timestamp']),
          cursor: encodeCursor(num(row['timestamp']), num(row['seq'])),
          snippet: snippetParts(text(row['snippet'])),
        }),
      );
    },

    getSetting(key) {
      assertOpen();
      const row = sql('SELECT value FROM settings WHERE key = ?').get(key);
      return row === undefined ? undefined : (JSON.parse(text(row['value'])) as JsonValue);
    },

    setSetting(key, value) {
      assertOpen();
      transaction(() => {
        if (value === undefined) sql('DELETE FROM settings WHERE key = ?').run(key);
        else sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
      });
    },

    beginBatch() {
      assertOpen();
      if (!db.isTransaction) db.exec('BEGIN IMMEDIATE');
    },

    commitBatch() {
      if (closed || !db.isTransaction) return;
      db.exec('COMMIT');
      checkpointer?.nudge();
    },

    clear() {
      assertOpen();
      transaction(() => {
        sql('DELETE FROM messages WHERE state IS NOT 0').run();
        sql('DELETE FROM archive_positions').run();
        sql('DELETE FROM conversation_reads').run();
      });
    },

    close() {
      if (closed) return;
      if (db.isTransaction) db.exec('COMMIT');
      closed = true;
      checkpointer?.close();
      try {
        db.exec('PRAGMA optimize');
      } finally {
        db.close();
      }
    },
  };
}
