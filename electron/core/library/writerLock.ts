import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { LibraryError } from './errors.js';

/**
 * Marks an owner file written by this lock (next to the pid, which older versions read with parseInt). Such a file
 * names an owner only while its lock database is held: once we hold that, the pid in it is stale whatever process
 * now has that number.
 */
const OWNER_MARK = 'phototag-sqlite-lock';

/** Lock files this process holds: SQLite would refuse a second acquisition too, but could not say why. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner file's pid, and whether a lock-database owner (rather than an older version's pid lock) wrote it. */
function readOwner(ownerFile: string): { pid: number; marked: boolean } | null {
  try {
    const [first, second] = fs.readFileSync(ownerFile, 'utf8').split('\n');
    const pid = Number.parseInt(first ?? '', 10);
    return Number.isFinite(pid) ? { pid, marked: second === OWNER_MARK } : null;
  } catch {
    return null;
  }
}

function busy(owner: number | null, extra = ''): LibraryError {
  const who = owner === null ? 'Another Phototag' : `Another Phototag (pid ${owner})`;
  return new LibraryError('library-busy', `${who} is indexing this library. Stop it first, or use another --data-dir.${extra}`, owner === null ? {} : { pid: owner });
}

/**
 * One indexer per library. The lock is an exclusive transaction on a small SQLite database beside `lockFile`
 * (`<lockFile>.db`): the OS drops it when its process ends, however it ends, so there is no stale lock to detect
 * and take over (which raced, and a reused pid kept a dead lock alive). `lockFile` itself only names the owner for
 * the message — and keeps out older Phototag versions, which know only that pid file. Returns the release.
 */
export function acquireWriterLock(lockFile: string): () => void {
  lockFile = path.resolve(lockFile);
  if (heldHere.has(lockFile)) {
    throw new LibraryError('library-busy', `This Phototag is already indexing this library (pid ${process.pid}); wait for that to finish.`, { pid: process.pid });
  }
  // Created private to the user, as every file of the library is (SQLite would create it world-readable).
  try {
    fs.writeFileSync(`${lockFile}.db`, '', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // timeout 0: a held lock is an answer, not something to wait for.
  const db = new Database(`${lockFile}.db`, { timeout: 0 });
  try {
    // EXCLUSIVE locking mode keeps the lock for the connection's life; the open transaction takes it now.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw busy(readOwner(lockFile)?.pid ?? null);
    throw error;
  }
  const release = () => {
    heldHere.delete(lockFile);
    try {
      if (readOwner(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true });
    } finally {
      // Ending the transaction and the connection is what frees the library for the next indexer.
      db.close();
    }
  };
  try {
    // A pid file without our mark comes from an older version, which may be indexing right now.
    const legacy = readOwner(lockFile);
    if (legacy && !legacy.marked && legacy.pid !== process.pid && isAlive(legacy.pid)) {
      throw busy(legacy.pid, ` If no Phototag is running, delete ${lockFile} and try again.`);
    }
    const temporary = `${lockFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${process.pid}\n${OWNER_MARK}\n`, { mode: 0o600 });
    fs.renameSync(temporary, lockFile);
  } catch (error) {
    db.close();
    throw error;
  }
  heldHere.add(lockFile);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
  };
}
