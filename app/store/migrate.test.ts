import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion, SchemaTooNewError, type Migration } from './migrate.ts';
import { MIGRATIONS } from './schema.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { BOB, tempDir } from './message-test-support.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const tables = (db: DatabaseSync): string[] =>
  db
    .prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((row) => String(row['name']));

describe('migrations', () => {
  it('creates the whole schema in a fresh database and logs each migration', () => {
    openSqliteStore(dir.file()).close();
    const db = new DatabaseSync(dir.file());
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all().map((row) => row['version'])).toEqual(MIGRATIONS.map((m) => m.version));
    expect(tables(db)).toEqual(expect.arrayContaining(['messages', 'message_versions', 'messages_fts', 'settings', 'archive_positions', 'messages_fts_insert']));
    expect(db.prepare('PRAGMA journal_mode').get()?.['journal_mode']).toBe('wal');
    db.close();
  });

  it('opening again changes nothing', () => {
    openSqliteStore(dir.file()).close();
    openSqliteStore(dir.file()).close();
    const db = new DatabaseSync(dir.file());
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()?.['n']).toBe(MIGRATIONS.length);
    db.close();
  });

  it('upgrades a version-1 database: the messages it holds become searchable', () => {
    const old = new DatabaseSync(dir.file());
    expect(migrate(old, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
    old.exec(`INSERT INTO jids (id, jid) VALUES (1, '${BOB}');
      INSERT INTO messages (conversation_id, sender_id, direction, msg_id, from_jid, to_jid, body, timestamp)
      VALUES (1, 1, 'in', 'm1', '${BOB}/phone', 'alice@example.test', 'Le résumé de la réunion', 1000)`);
    expect(tables(old)).not.toContain('messages_fts');
    old.close();

    const store = openSqliteStore(dir.file());
    expect(store.search('resume').map((hit) => hit.id)).toEqual(['m1']);
    expect(store.latest(BOB).messages.map((m) => m.body)).toEqual(['Le résumé de la réunion']);
    // What was stored before unread counts were kept is not unread (migration 3).
    expect(store.unreadCounts()).toEqual([]);
    store.close();
    const db = new DatabaseSync(dir.file());
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    openSqliteStore(dir.file()).close();
    const db = new DatabaseSync(dir.file());
    db.exec('PRAGMA user_version = 99');
    db.close();

    let error: unknown;
    try {
      openSqliteStore(dir.file());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as SchemaTooNewError).code).toBe('schema-too-new');
    expect((error as SchemaTooNewError).message).toContain(`newer version of Jabber Desk (schema 99; this version understands up to ${MIGRATIONS.length})`);

    const after = new DatabaseSync(dir.file());
    expect(schemaVersion(after)).toBe(99);
    after.close();
  });

  it('rolls a failing migration back completely', () => {
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up(db) {
          db.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    const db = new DatabaseSync(dir.file());
    migrate(db, MIGRATIONS);
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('half_done');
    expect(db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE name = 'broken'").get()?.['n']).toBe(0);
    db.close();
  });

  it('rejects a migration list with gaps', () => {
    const db = new DatabaseSync(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'two', up: () => undefined }])).toThrow(/expected 1/);
    db.close();
  });
});
