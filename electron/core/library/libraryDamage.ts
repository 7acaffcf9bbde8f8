import fs from 'node:fs';
import path from 'node:path';
import { damagedObjects, integrityProblems, isDamageError, openForInspection, type SchemaObject } from '../../../db/damage.js';
import { freshSalvage, salvageLibraryInto, type SalvageResult } from '../../../db/salvageLibrary.js';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { LibraryPaths } from '../config/dataDir.js';
import { LibraryError } from './errors.js';
import { acquireWriterLock } from './writerLock.js';

/** What every query that meets a damaged page answers, in the CLI, over IPC and over HTTP. */
export function libraryDamagedMessage(detail?: string): string {
  return `The library file is damaged${detail ? ` (${detail})` : ''}; run \`phototag doctor\` to see what is damaged, then \`phototag doctor --repair\` to rebuild it and save your corrections.`;
}

export function libraryDamagedError(detail?: string): LibraryError {
  return new LibraryError('library-damaged', libraryDamagedMessage(detail));
}

/** A damaged-file error from anywhere below (SQLite, the database layer) as the contract's 'library-damaged'. */
export function asLibraryDamaged(error: unknown): LibraryError | null {
  if (error instanceof LibraryError) return error.kind === 'library-damaged' ? error : null;
  return isDamageError(error) ? libraryDamagedError() : null;
}

/**
 * A 0-byte library.db in a data dir that has been used (thumbnails, settings) is a library that lost its contents,
 * not a new one: opening it would silently start an empty library over the user's. SQLite would happily do that.
 */
export function isEmptiedLibrary(paths: LibraryPaths): boolean {
  let size: number;
  try {
    size = fs.statSync(paths.database).size;
  } catch {
    return false;
  }
  if (size !== 0) return false;
  return fs.existsSync(paths.thumbnails) || fs.existsSync(path.join(paths.dataDir, 'settings.json'));
}

export function refuseEmptiedLibrary(paths: LibraryPaths): void {
  if (isEmptiedLibrary(paths)) throw libraryDamagedError(`${paths.database} is empty (0 bytes)`);
}

export type LibraryHealth =
  | { state: 'missing' }
  | { state: 'ok'; full: boolean }
  | { state: 'emptied' }
  | { state: 'damaged'; problems: string[]; objects: SchemaObject[]; schemaReadable: boolean; summary: string };

/** quick_check (integrity_check when `full`) on the library file, without migrating or writing it. */
export function inspectLibrary(paths: LibraryPaths, full: boolean): LibraryHealth {
  if (!fs.existsSync(paths.database)) return { state: 'missing' };
  if (fs.statSync(paths.database).size === 0) return isEmptiedLibrary(paths) ? { state: 'emptied' } : { state: 'missing' };
  let db;
  try {
    db = openForInspection(paths.database);
  } catch (error) {
    if (!isDamageError(error)) throw error;
    return damaged([(error as Error).message], [], false);
  }
  try {
    const problems = integrityProblems(db, full);
    if (problems.length === 0) return { state: 'ok', full };
    const { objects, schemaReadable } = damagedObjects(db, problems);
    return damaged(problems, objects, schemaReadable);
  } finally {
    db.close();
  }
}

function damaged(problems: string[], objects: SchemaObject[], schemaReadable: boolean): LibraryHealth {
  return { state: 'damaged', problems, objects, schemaReadable, summary: describeDamage(objects, schemaReadable) };
}

const plainNames: Record<string, string> = {
  folders: 'the list of your folders',
  photos: 'the photos and their metadata',
  tags: 'the tag vocabulary',
  tag_synonyms: 'the tag synonyms',
  photo_tags: "the photos' tags, with the ones you corrected",
  captions: 'the captions, with the ones you wrote',
  photo_places: 'the place names of photos',
  people: 'the people and the names you gave them',
  faces: 'the faces found in photos, with the people you put them in',
  face_exclusions: 'the faces you took out of a person',
  people_actions: 'what you can still undo in People',
  corrections: 'your corrections log',
  jobs: 'the indexing queue',
  search_values: 'the search index',
  photo_vectors: 'the stored analysis vectors',
  training_runs: 'the training history',
  training_run_tags: 'the training history',
  tag_heads: 'your learned tags',
  learning_state: "the learner's bookkeeping",
};

/** Parts that Phototag rebuilds by itself from the photos, so damage there loses nothing of the user's. */
const rebuildable = new Set(['jobs', 'search_values', 'photo_vectors', 'learning_state', 'photo_places']);

function plainName(table: string): string {
  if (table === 'photo_search' || table.startsWith('photo_search_')) return 'the search index';
  return plainNames[table] ?? `the table ${table}`;
}

/** The damage in words: which parts of the library, and whether they are the user's own work or rebuildable. */
export function describeDamage(objects: readonly SchemaObject[], schemaReadable: boolean): string {
  if (!schemaReadable) return "the file's table of contents is damaged, so none of it can be read as it is";
  const tables = new Set<string>();
  const indexes = new Set<string>();
  for (const object of objects) (object.type === 'table' ? tables : indexes).add(plainName(object.table));
  for (const name of tables) indexes.delete(name);
  const parts: string[] = [];
  if (tables.size > 0) parts.push([...tables].join(', '));
  if (indexes.size > 0) parts.push(`the lookup indexes of ${[...indexes].join(', ')} (rebuildable)`);
  if (parts.length === 0) return 'some pages could not be read, and SQLite did not say which part of the library they hold';
  const ownWork = objects.some((o) => o.type === 'table' && !rebuildable.has(o.table) && !o.table.startsWith('photo_search'));
  return parts.join('; ') + (ownWork ? '' : ' — all of it can be rebuilt from your photos');
}

// ---- repair ----

export { rebuiltTables, salvagedTables } from '../../../db/salvageLibrary.js';

export interface RepairReport extends SalvageResult {
  /** Where the damaged file was moved (never deleted). */
  damagedFile: string | null;
  integrity: string;
}


/**
 * Rebuilds a damaged library: every row still readable is copied, key range by key range, into a fresh file, the
 * search index is rebuilt from it, and the photos that lost rows of their analysis are queued to be analysed again
 * (tags, caption, vectors, thumbnails). The damaged file is moved aside, never deleted. Holds the writer lock, so
 * no indexer runs meanwhile.
 */
export function repairLibrary(paths: LibraryPaths, now: number): RepairReport {
  const release = acquireWriterLock(paths.lock);
  try {
    const health = inspectLibrary(paths, true);
    if (health.state === 'ok' || health.state === 'missing') {
      return { ...freshSalvage(), outcome: 'nothing', photosLost: 0, damagedFile: null, integrity: 'ok' };
    }
    const fresh = `${paths.database}.repairing-${process.pid}`;
    removeDatabaseFiles(fresh);
    const target = LibraryDatabase.open(fresh);
    let report: RepairReport;
    try {
      report = { ...(health.state === 'emptied' ? freshSalvage() : salvageLibraryInto(paths.database, target)), damagedFile: null, integrity: '' };
      report.integrity = target.integrityCheck();
    } catch (error) {
      target.close();
      removeDatabaseFiles(fresh);
      throw error;
    } finally {
      target.close();
    }
    if (report.integrity !== 'ok') {
      removeDatabaseFiles(fresh);
      throw new LibraryError('library-damaged', `The repaired library did not pass its own check (${report.integrity}); the damaged file was left as it was. Restore a backup: quit Phototag and copy it over ${paths.database}.`);
    }
    report.damagedFile = moveAsideAndReplace(paths.database, fresh, now);
    return report;
  } finally {
    release();
  }
}


/**
 * The damaged file gets a second name (a hard link, or a copy where links are not supported) before the fresh
 * file is renamed over library.db in one step, so there is no moment without a library.db. A stale write-ahead
 * log is moved along with it: left beside the fresh file, SQLite would replay it into the wrong database.
 */
function moveAsideAndReplace(database: string, fresh: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const aside = `${database}.damaged-${stamp}`;
  try {
    fs.linkSync(database, aside);
  } catch {
    fs.copyFileSync(database, aside, fs.constants.COPYFILE_EXCL);
  }
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(database + suffix)) fs.renameSync(database + suffix, aside + suffix);
  }
  fs.renameSync(fresh, database);
  return aside;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/**
 * What is wrong with a fresh copy of the library (quick_check), or null when it is sound. Nothing else has the
 * copy open, so the empty -wal and -shm files a read-only look at a WAL-mode file leaves are removed again.
 */
export function copyDamage(file: string): string | null {
  let db;
  try {
    db = openForInspection(file);
  } catch (error) {
    if (isDamageError(error)) return (error as Error).message;
    throw error;
  }
  try {
    const problems = integrityProblems(db, false);
    if (problems.length === 0) return null;
    const { objects, schemaReadable } = damagedObjects(db, problems);
    return describeDamage(objects, schemaReadable);
  } finally {
    db.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}

/**
 * quick_check on an open library, for the commands whose answer is "all is well" (status, index): a damaged page
 * they happen not to read must not let them say so. Throws 'library-damaged' naming what is damaged.
 */
export function assertLibrarySound(library: LibraryDatabase): void {
  const damage = library.damage();
  if (damage) throw libraryDamagedError(describeDamage(damage.objects, damage.schemaReadable));
}
