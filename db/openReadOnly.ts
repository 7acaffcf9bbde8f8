import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseError } from './errors.js';
import { latestSchemaVersion } from './migrations/index.js';
import { openDatabase, schemaVersion, type Db } from './openDatabase.js';

/**
 * Opens a library for reading only, where its folder may not be writable (a read-only mount, a backup disk).
 *
 * A WAL database needs its `-shm` index beside it: SQLite creates it when the folder is writable, and reads an
 * existing one when it is not. With neither (a cleanly closed library on a read-only disk) SQLite cannot open it
 * at all. SQLite's own answer, the `immutable=1` URI parameter, is not available: better-sqlite3 is built with
 * SQLITE_USE_URI=0 and passes no SQLITE_OPEN_URI flag, so a `file:` name is taken as a plain file name. Switching
 * the library out of WAL when it closes would make every reader and the writer contend again. So, only in that
 * case, the database (and any -wal, whose committed transactions SQLite then recovers) is copied into a private
 * temporary folder and read from there; `cleanup` removes it. The copy is a snapshot, which is all a read-only
 * library can be anyway.
 */
export function openReadOnlyDatabase(file: string): { db: Db; cleanup: () => void } {
  const opened = openSnapshotIfNeeded(file);
  // Reading never migrates, and the queries need the current schema: an older library must be upgraded first.
  if (schemaVersion(opened.db) < latestSchemaVersion) {
    opened.db.close();
    opened.cleanup();
    throw new DatabaseError(
      'db-unreadable',
      `The library at ${file} was written by an older Phototag and must be upgraded before it can be read, which needs it writable: make it writable, then run any phototag command on it once.`,
    );
  }
  return opened;
}

function openSnapshotIfNeeded(file: string): { db: Db; cleanup: () => void } {
  try {
    return { db: openDatabase(file, { readonly: true }), cleanup: () => undefined };
  } catch (error) {
    if (!(error instanceof DatabaseError) || (error.cause as { code?: unknown } | undefined)?.code !== 'SQLITE_CANTOPEN' || !fs.existsSync(file)) throw error;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phototag-readonly-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const copy = path.join(dir, path.basename(file));
    for (const suffix of ['', '-wal']) {
      if (!fs.existsSync(file + suffix)) continue;
      fs.copyFileSync(file + suffix, copy + suffix);
      fs.chmodSync(copy + suffix, 0o600);
    }
    return { db: openDatabase(copy, { readonly: true }), cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
