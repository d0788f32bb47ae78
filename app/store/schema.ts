/**
 * The store's schema, as numbered migrations (see migrate.ts). Add new ones at the end; never edit
 * one that has shipped.
 */
import type { Migration } from './migrate.ts';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'messages, versions, archive positions, settings',
    up(db) {
      db.exec(`
        -- Every JID the store refers to by number (conversations and senders), interned once.
        CREATE TABLE jids (
          id INTEGER PRIMARY KEY,
          jid TEXT NOT NULL UNIQUE
        ) STRICT;

        CREATE TABLE messages (
          seq INTEGER PRIMARY KEY,                       -- insertion order; also the full-text rowid
          conversation_id INTEGER NOT NULL REFERENCES jids (id),
          sender_id INTEGER NOT NULL REFERENCES jids (id), -- bare JID of the sender
          direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
          msg_id TEXT NOT NULL,                          -- the stanza's id attribute
          origin_id TEXT,                                -- XEP-0359 origin-id
          stanza_id TEXT,                                -- XEP-0359 stanza-id of the archive stanza_id_by
          stanza_id_by TEXT,                             -- '' = our own account's archive
          from_jid TEXT NOT NULL,
          to_jid TEXT NOT NULL,
          body TEXT NOT NULL,                            -- '' once retracted
          timestamp INTEGER NOT NULL,                    -- ms since the epoch
          state INTEGER CHECK (state BETWEEN 0 AND 3),   -- own messages: 0 pending, 1 sent, 2 delivered, 3 read
          edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
          retracted_at INTEGER,
          CHECK ((stanza_id IS NULL) = (stanza_id_by IS NULL))
        ) STRICT;

        -- Paging: a conversation in (timestamp, seq) order.
        CREATE INDEX messages_by_conversation ON messages (conversation_id, timestamp, seq);
        -- Dedup (XEP-0359): a stanza-id is unique per archive, an origin-id per sender.
        CREATE UNIQUE INDEX messages_by_stanza_id ON messages (stanza_id, stanza_id_by) WHERE stanza_id IS NOT NULL;
        -- Dedup by id attribute, receipts, corrections, retractions; also finds an origin-id equal to
        -- the id (what most clients send), so the origin-id index below holds only the others: every
        -- index on random ids costs one page write per message, the main cost of storing a message.
        CREATE INDEX messages_by_msg_id ON messages (conversation_id, msg_id);
        CREATE UNIQUE INDEX messages_by_origin_id ON messages (origin_id, sender_id) WHERE origin_id IS NOT NULL AND origin_id <> msg_id;
        -- The outbox.
        CREATE INDEX messages_pending ON messages (seq) WHERE state = 0;

        -- Earlier bodies of corrected messages (XEP-0308). version 0 is the original.
        CREATE TABLE message_versions (
          message_seq INTEGER NOT NULL REFERENCES messages (seq) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          body TEXT NOT NULL,
          replaced_at INTEGER NOT NULL,
          correction_id TEXT NOT NULL,                   -- the id of the correction that replaced this body
          PRIMARY KEY (message_seq, version)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX message_versions_by_correction ON message_versions (correction_id);

        -- MAM catch-up: the last archive id seen, per archive ('' = the account's own archive).
        CREATE TABLE archive_positions (
          archive TEXT PRIMARY KEY,
          last_id TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL                            -- JSON
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    name: 'full-text search',
    up(db) {
      db.exec(`
        -- External content: the text lives once, in messages; the index holds only tokens.
        -- unicode61 remove_diacritics 2: "resume" finds "résumé".
        CREATE VIRTUAL TABLE messages_fts USING fts5 (
          body,
          content = 'messages',
          content_rowid = 'seq',
          tokenize = 'unicode61 remove_diacritics 2'
        );

        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.body <> '' BEGIN
          INSERT INTO messages_fts (rowid, body) VALUES (new.seq, new.body);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.body <> '' BEGIN
          INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.seq, old.body);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages WHEN old.body IS NOT new.body BEGIN
          INSERT INTO messages_fts (messages_fts, rowid, body) SELECT 'delete', old.seq, old.body WHERE old.body <> '';
          INSERT INTO messages_fts (rowid, body) SELECT new.seq, new.body WHERE new.body <> '';
        END;

        -- Index what migration 1 stored.
        INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
      `);
    },
  },
  {
    version: 3,
    name: 'unread counts',
    up(db) {
      db.exec(`
        -- Per conversation: incoming messages stamped after read_until are unread; unread counts them
        -- (kept by the triggers below, so a burst costs one small update per message, not a count).
        CREATE TABLE conversation_reads (
          conversation_id INTEGER PRIMARY KEY REFERENCES jids (id),
          read_until INTEGER NOT NULL,                   -- ms since the epoch
          unread INTEGER NOT NULL DEFAULT 0 CHECK (unread >= 0)
        ) STRICT;
        -- Messages stamped before the history was created (the archive's past, brought by a first
        -- catch-up on a new device) are history, not news.
        CREATE TABLE unread_baseline (
          only INTEGER PRIMARY KEY CHECK (only = 1),
          since INTEGER NOT NULL
        ) STRICT;

        CREATE TRIGGER unread_on_insert AFTER INSERT ON messages
        WHEN new.direction = 'in' AND new.body <> '' AND new.retracted_at IS NULL BEGIN
          INSERT INTO conversation_reads (conversation_id, read_until)
            SELECT new.conversation_id, since FROM unread_baseline WHERE true
            ON CONFLICT (conversation_id) DO NOTHING;
          UPDATE conversation_reads SET unread = unread + 1
            WHERE conversation_id = new.conversation_id AND new.timestamp > read_until;
        END;
        CREATE TRIGGER unread_on_retract AFTER UPDATE OF retracted_at ON messages
        WHEN old.retracted_at IS NULL AND new.retracted_at IS NOT NULL AND new.direction = 'in' BEGIN
          UPDATE conversation_reads SET unread = unread - 1
            WHERE conversation_id = new.conversation_id AND new.timestamp > read_until AND unread > 0;
        END;
      `);
      // What is stored already was there before unread counts were kept: none of it counts.
      db.prepare('INSERT INTO unread_baseline (only, since) VALUES (1, ?)').run(Date.now());
    },
  },
  {
    version: 4,
    name: 'replies and reactions',
    up(db) {
      db.exec(`
        -- XEP-0461: what a reply names (JSON: { id, to?, quotedBody? }); NULL: not a reply.
        ALTER TABLE messages ADD COLUMN reply_to TEXT;

        -- XEP-0444: each reactor's whole set of reactions to a message, replaced by their next one.
        CREATE TABLE message_reactions (
          message_seq INTEGER NOT NULL REFERENCES messages (seq) ON DELETE CASCADE,
          reactor_id INTEGER NOT NULL REFERENCES jids (id),  -- bare JID (a room's occupant JID in group chat)
          emojis TEXT NOT NULL,                               -- JSON array, in the reactor's order; '[]': none
          updated_at INTEGER NOT NULL,                        -- ms: when that set was sent (an older one never replaces it)
          reaction_id TEXT,                                   -- the id of the message that sent the set
          PRIMARY KEY (message_seq, reactor_id)
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
  {
    version: 5,
    name: 'files of messages',
    up(db) {
      db.exec(`
        -- The file a message carries (XEP-0066 URL and XEP-0446 metadata), as JSON: { url, name, size?, mediaType?, hashes }.
        ALTER TABLE messages ADD COLUMN file TEXT;
      `);
    },
  },
  {
    version: 6,
    name: 'moderated room messages and mentions by reference',
    up(db) {
      db.exec(`
        -- A room message a moderator removed (XEP-0425), as JSON: { by?, reason? }.
        ALTER TABLE messages ADD COLUMN moderation TEXT;
        -- 1: a room message that mentions us by a XEP-0372 reference.
        ALTER TABLE messages ADD COLUMN mentions_me INTEGER;
      `);
    },
  },
];
