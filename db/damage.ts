import Database from 'better-sqlite3';
import { DatabaseError } from './errors.js';
import type { Db } from './openDatabase.js';

/**
 * Finding damage in a library file and reading what survives of it. A damaged page makes SQLite throw
 * SQLITE_CORRUPT (or SQLITE_NOTADB when the header is gone) from whatever statement happens to touch it, so the
 * checks here never trust one big query: tables are probed and read by key ranges, and a range that fails is
 * split until only the rows on the bad page are left out.
 */

/** True for SQLite's "the file is damaged" errors, as opposed to busy, full, read-only or I/O errors. */
export function isDamageError(error: unknown): boolean {
  if (error instanceof DatabaseError) return error.kind === 'db-corrupt';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) return true;
  return /database disk image is malformed|file is not a database/i.test(error.message);
}

/** Opens a file for reading only, without migrating it or checking its version: for inspecting or salvaging it. */
export function openForInspection(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  return db;
}

/**
 * `PRAGMA quick_check` (or `integrity_check` when `full`): the problems SQLite finds, none when the file is sound.
 * quick_check reads every page but skips matching indexes against their tables, so it is the cheap one.
 */
export function integrityProblems(db: Db, full: boolean): string[] {
  try {
    const rows = db.pragma(`${full ? 'integrity_check' : 'quick_check'}(100)`) as Record<string, string>[];
    const problems = rows.map((row) => String(Object.values(row)[0]));
    return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
  } catch (error) {
    if (isDamageError(error)) return [(error as Error).message];
    throw error;
  }
}

export interface SchemaObject {
  name: string;
  type: 'table' | 'index';
  table: string;
}

/**
 * The tables and indexes the problems point at: named in the messages ("index x", "Tree N" = root page N), or
 * found by reading every table through. When the schema itself cannot be read, that is the answer.
 */
export function damagedObjects(db: Db, problems: readonly string[]): { objects: SchemaObject[]; schemaReadable: boolean } {
  let schema: (SchemaObject & { rootpage: number })[];
  try {
    schema = db
      .prepare<[], SchemaObject & { rootpage: number }>("SELECT name, type, tbl_name AS \"table\", rootpage FROM sqlite_schema WHERE type IN ('table', 'index')")
      .all();
  } catch (error) {
    if (isDamageError(error)) return { objects: [], schemaReadable: false };
    throw error;
  }
  const found = new Map<string, SchemaObject>();
  const text = problems.join('\n');
  for (const object of schema) {
    const rootMentioned = object.rootpage > 0 && new RegExp(`\\bTree ${object.rootpage}\\b`).test(text);
    const indexMentioned = object.type === 'index' && new RegExp(`\\bindex ${object.name}\\b`).test(text);
    if (rootMentioned || indexMentioned) found.set(object.name, { name: object.name, type: object.type, table: object.table });
  }
  for (const object of schema) {
    if (object.rootpage === 0 || found.has(object.name)) continue;
    const readable = object.type === 'table' ? tableReadable(db, object.name) : indexReadable(db, object.table, object.name);
    if (!readable) found.set(object.name, { name: object.name, type: object.type, table: object.table });
  }
  return { objects: [...found.values()], schemaReadable: true };
}

function indexReadable(db: Db, table: string, index: string): boolean {
  try {
    const column = db.prepare<[], { name: string | null }>(`SELECT name FROM pragma_index_info(${literal(index)}) ORDER BY seqno LIMIT 1`).get()?.name;
    if (!column) return true;
    // Reading the indexed column through the index (it covers it) walks every page of the index's b-tree.
    for (const row of db.prepare(`SELECT ${quote(column)} FROM ${quote(table)} INDEXED BY ${quote(index)}`).raw().iterate()) void row;
    return true;
  } catch (error) {
    // Not damage: an index the planner cannot use on its own (partial or on an expression); it is not judged.
    return !isDamageError(error);
  }
}

function tableReadable(db: Db, table: string): boolean {
  try {
    // Every column of every row, straight from the table's own b-tree (NOT INDEXED), so overflow pages are read too.
    for (const row of db.prepare(`SELECT * FROM ${quote(table)} NOT INDEXED`).raw().iterate()) void row;
    return true;
  } catch (error) {
    if (isDamageError(error)) return false;
    throw error;
  }
}

/** How to carry one table over into a fresh library. */
export interface SalvageSpec {
  table: string;
  /** An integer column the table's own b-tree is ordered by (rowid, or the first primary-key column). */
  key: string;
  /** The key names one row (rowid, a one-column primary key) or, as photo_id in photo_tags, a run of rows. */
  rowsPerKey?: 'one' | 'many';
}

export interface SalvageCount {
  table: string;
  copied: number;
  /** Rows known to exist (a key range that could not be read) or rows the fresh file refused. */
  lost: number;
  /** Keys whose rows could not be read (each may or may not have had a row): for photo-keyed tables, photo ids. */
  unreadableKeys: number[];
  /** Keys whose rows were read but refused by the fresh file. */
  refusedKeys: number[];
}

/** Keys above this are not looked for when a table's highest key cannot be read. */
const fallbackMaxKey = 1 << 20;

/**
 * Copies the rows of `spec.table` that can still be read from `source` into the same table of `target` (a fresh
 * library with the current schema): only the columns both have, key range by key range, so one bad page loses
 * only its own rows. Rows the target refuses (a value the damage garbled past a CHECK) are counted as lost.
 */
export function salvageTable(source: Db, target: Db, spec: SalvageSpec): SalvageCount {
  const count: SalvageCount = { table: spec.table, copied: 0, lost: 0, unreadableKeys: [], refusedKeys: [] };
  const sourceColumns = columnsOf(source, spec.table);
  if (sourceColumns === null) {
    count.unreadableKeys.push(Number.NaN);
    return count;
  }
  const columns = (columnsOf(target, spec.table) ?? []).filter((c) => sourceColumns.includes(c));
  if (columns.length === 0) return count;
  const list = columns.map(quote).join(', ');
  // The key is read first, so a refused row can be named by it.
  const read = source.prepare(`SELECT ${quote(spec.key)}, ${list} FROM ${quote(spec.table)} NOT INDEXED WHERE ${quote(spec.key)} BETWEEN ? AND ? ORDER BY ${quote(spec.key)}`).raw();
  const insert = target.prepare(`INSERT OR IGNORE INTO ${quote(spec.table)} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
  const write = target.transaction((rows: unknown[][]) => {
    for (const [key, ...row] of rows) {
      let stored = false;
      try {
        stored = insert.run(...row).changes > 0;
      } catch {
        stored = false;
      }
      if (stored) count.copied++;
      else {
        count.lost++;
        if (typeof key === 'number') count.refusedKeys.push(key);
      }
    }
  });

  const minimum = boundKey(source, spec.table, spec.key, 'min') ?? 0;
  const max = boundKey(source, spec.table, spec.key, 'max') ?? minimum + fallbackMaxKey;
  // A stack of ranges rather than recursion: a damaged interior page can fail thousands of single-key reads.
  const pending: [number, number][] = [[minimum, max]];
  const chunk = 5000;
  while (pending.length > 0) {
    const [lo, hi] = pending.pop() as [number, number];
    if (hi - lo + 1 > chunk) {
      // Walk big ranges in chunks so that a failure only splits a chunk, not the whole table.
      pending.push([lo + chunk, hi]);
      pending.push([lo, lo + chunk - 1]);
      continue;
    }
    const rows: unknown[][] = [];
    let failed = false;
    try {
      for (const row of read.iterate(lo, hi)) rows.push(row as unknown[]);
    } catch (error) {
      if (!isDamageError(error)) throw error;
      failed = true;
    }
    // What was read before the bad page is sound: keep it.
    write(rows);
    if (!failed) continue;
    const lastKey = rows.length > 0 ? (rows[rows.length - 1] as unknown[])[0] : undefined;
    if (typeof lastKey === 'number' && lastKey >= lo && lastKey < hi) {
      // The rows of the last key read may go on onto the bad page.
      if (spec.rowsPerKey === 'many') count.unreadableKeys.push(lastKey);
      pending.push([lastKey + 1, hi]);
    } else if (lo === hi) {
      count.unreadableKeys.push(lo);
    } else {
      const mid = Math.floor((lo + hi) / 2);
      pending.push([mid + 1, hi]);
      pending.push([lo, mid]);
    }
  }
  return count;
}

function columnsOf(db: Db, table: string): string[] | null {
  try {
    const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info(${literal(table)})`).all().map((c) => c.name);
    return columns.length > 0 ? columns : null;
  } catch (error) {
    if (isDamageError(error)) return null;
    throw error;
  }
}

/**
 * The table's highest (or lowest) key, from its own b-tree or, when the page that holds it is damaged, from any
 * of its indexes (every index carries the key). A tight bound matters: past the last readable row, every key up
 * to the bound is a failed read.
 */
function boundKey(db: Db, table: string, key: string, fn: 'max' | 'min'): number | null {
  const own = scalar(db, `SELECT ${fn}(${quote(key)}) AS v FROM ${quote(table)} NOT INDEXED`);
  if (own.ok) return own.value;
  const found: number[] = [];
  for (const index of indexesOf(db, table)) {
    const viaIndex = scalar(db, `SELECT ${fn}(${quote(key)}) AS v FROM ${quote(table)} INDEXED BY ${quote(index)}`);
    if (viaIndex.ok && viaIndex.value !== null) found.push(viaIndex.value);
  }
  if (found.length === 0) return null;
  return fn === 'max' ? Math.max(...found) : Math.min(...found);
}

function indexesOf(db: Db, table: string): string[] {
  try {
    return db.prepare<[string], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?").all(table).map((r) => r.name);
  } catch {
    return [];
  }
}

function scalar(db: Db, sql: string): { ok: true; value: number | null } | { ok: false } {
  try {
    const value = db.prepare<[], { v: number | null }>(sql).get()?.v;
    return { ok: true, value: typeof value === 'number' && Number.isSafeInteger(value) ? value : null };
  } catch {
    // Damaged, or an index the planner cannot use for this (a partial index): either way, no answer from it.
    return { ok: false };
  }
}

/**
 * After a salvage with foreign keys off: rows whose parent was lost are dropped, or their link cleared where the
 * schema says ON DELETE SET NULL — what deleting the parent would have done. Read from the schema's own foreign
 * keys, so a table added later is covered; repeated until nothing changes, as one removal can orphan another row.
 * Returns how many rows each table lost this way.
 */
export function dropOrphans(target: Db): Record<string, number> {
  const tables = target.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  const keys = tables.flatMap(({ name }) =>
    target
      .prepare<[], { from: string; table: string; to: string | null; on_delete: string }>(`SELECT "from", "table", "to", on_delete FROM pragma_foreign_key_list(${literal(name)})`)
      .all()
      .map((fk) => ({ child: name, ...fk })),
  );
  const lost: Record<string, number> = {};
  for (let changed = true; changed; ) {
    changed = false;
    for (const fk of keys) {
      const orphan = `${quote(fk.from)} IS NOT NULL AND ${quote(fk.from)} NOT IN (SELECT ${fk.to ? quote(fk.to) : 'rowid'} FROM ${quote(fk.table)})`;
      if (fk.on_delete === 'SET NULL') {
        if (target.prepare(`UPDATE ${quote(fk.child)} SET ${quote(fk.from)} = NULL WHERE ${orphan}`).run().changes > 0) changed = true;
      } else {
        const removed = target.prepare(`DELETE FROM ${quote(fk.child)} WHERE ${orphan}`).run().changes;
        if (removed > 0) {
          lost[fk.child] = (lost[fk.child] ?? 0) + removed;
          changed = true;
        }
      }
    }
  }
  return lost;
}

/**
 * Photos whose analysis may have lost rows go back to the queue with no analysis version, so the next scan hashes
 * them again and queues their analysis (tags, caption, vectors, thumbnails); the user's own tags and captions
 * win over it as always. Tombstones stay tombstones. Returns how many photos will be analysed again.
 */
export function requeuePhotos(target: Db, photoIds: Iterable<number>): number {
  const requeue = target.prepare<[number]>(
    "UPDATE photos SET state = 'queued', pipeline_version = NULL, indexed_at = NULL, error_kind = NULL, error_reason = NULL WHERE id = ? AND state != 'missing'",
  );
  let n = 0;
  for (const id of photoIds) n += requeue.run(id).changes;
  return n;
}

/** Photos that were queued for analysis: their jobs are not carried over, and a queued photo without a job is hashed and queued again by the next scan. */
export function countQueuedPhotos(target: Db): number {
  return target.prepare<[], { n: number }>("SELECT count(*) AS n FROM photos WHERE state = 'queued'").get()?.n ?? 0;
}

/** How many rows a table had, counted through any readable index when its own pages are damaged; null if none. */
export function countThroughIndexes(db: Db, table: string): number | null {
  for (const index of indexesOf(db, table)) {
    const counted = scalar(db, `SELECT count(*) AS v FROM ${quote(table)} INDEXED BY ${quote(index)}`);
    if (counted.ok && counted.value !== null) return counted.value;
  }
  return null;
}

export function photoIds(target: Db): number[] {
  return target.prepare<[], { id: number }>('SELECT id FROM photos ORDER BY id').all().map((r) => r.id);
}

export function setForeignKeys(db: Db, on: boolean): void {
  db.pragma(`foreign_keys = ${on ? 'ON' : 'OFF'}`);
}

export function foreignKeyViolations(db: Db): number {
  return (db.pragma('foreign_key_check') as unknown[]).length;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Tags the user accepted, rejected or added (the verdicts learning trains on). */
export function countUserTags(db: Db): number {
  return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM photo_tags WHERE source = 'user' OR state != 'suggested'").get()?.n ?? 0;
}

export function countUserCaptions(db: Db): number {
  return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM captions WHERE source = 'user'").get()?.n ?? 0;
}

/** Every photo row, tombstones included (what an index of the table also counts). */
export function countPhotoRows(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM photos').get()?.n ?? 0;
}
