/**
 * Numbered schema migrations, applied in one transaction when a database is opened.
 * `PRAGMA user_version` holds the schema version (0 for a new file); `schema_migrations` logs when
 * each migration ran. A database newer than the code is refused untouched.
 */
import type { DatabaseSync } from 'node:sqlite';

export interface Migration {
  /** 1, 2, 3… without gaps; never renumber or edit one that has shipped: add a new one. */
  readonly version: number;
  readonly name: string;
  readonly up: (db: DatabaseSync) => void;
}

export class SchemaTooNewError extends Error {
  readonly code = 'schema-too-new';
  readonly found: number;
  readonly supported: number;
  constructor(found: number, supported: number) {
    super(
      `The message database was written by a newer version of Jabber Desk (schema ${found}; this version understands up to ${supported}). ` +
        'Update Jabber Desk to open it; the file was left unchanged.',
    );
    this.name = 'SchemaTooNewError';
    this.found = found;
    this.supported = supported;
  }
}

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get();
  return Number(row?.['user_version'] ?? 0);
}

function checkList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migration ${migration.name} has version ${migration.version}, expected ${index + 1}.`);
  });
}

/** Brings the database up to the last migration; returns the versions before and after. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[]): { readonly from: number; readonly to: number } {
  checkList(migrations);
  const target = migrations.length;
  const found = schemaVersion(db);
  if (found > target) throw new SchemaTooNewError(found, target);
  if (found === target) return { from: found, to: found };

  // IMMEDIATE: a second process opening the same file waits (busy timeout) instead of migrating twice.
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = schemaVersion(db); // re-read under the write lock
    if (current > target) throw new SchemaTooNewError(current, target);
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    ) STRICT`);
    const log = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations.slice(current)) {
      migration.up(db);
      log.run(migration.version, migration.name, Date.now());
    }
    db.exec(`PRAGMA user_version = ${target}`);
    db.exec('COMMIT');
    return { from: current, to: target };
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
