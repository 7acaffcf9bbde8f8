import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseError } from './errors.js';
import { latestSchemaVersion, migrations } from './migrations/index.js';
import type { Migration } from './migrations/types.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  readonly readonly?: boolean;
  /** Only for tests of the migration runner. */
  readonly migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the library database at `file`, applies pending migrations, and refuses a
 * database written by a newer Phototag so an old build never corrupts a newer schema.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const list = options.migrations ?? migrations;
  const latest = options.migrations ? (list[list.length - 1]?.version ?? 0) : latestSchemaVersion;
  if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let db: Db;
  try {
    // Created private before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
    if (!options.readonly) createPrivateFile(file);
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new DatabaseError(
      'db-unreadable',
      `Cannot open the library database at ${file}: ${(error as Error).message}. Check that the file exists and that you may read and write it.`,
      { cause: error },
    );
  }
  try {
    db.pragma('busy_timeout = 10000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new DatabaseError(
        'db-too-new',
        `The library database at ${file} has schema version ${current}, but this Phototag only knows up to ${latest}. ` +
          'It was written by a newer Phototag: update Phototag, or point --data-dir at another library.',
      );
    }
    if (!options.readonly) migrate(db, list, current);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseError) throw error;
    const message = (error as Error).message;
    if (/not a database|malformed/i.test(message)) {
      throw new DatabaseError('db-corrupt', `The library database at ${file} is damaged (${message}). Restore it from a backup or move it aside to start a new library.`, { cause: error });
    }
    throw new DatabaseError('db-unreadable', `Cannot use the library database at ${file}: ${message}`, { cause: error });
  }
}

function createPrivateFile(file: string): void {
  try {
    fs.writeFileSync(file, '', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function migrate(db: Db, list: readonly Migration[], current: number): void {
  for (const migration of list) {
    if (migration.version <= current) continue;
    // Each migration and its version bump commit together, so a crash leaves either the old or the new schema.
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
