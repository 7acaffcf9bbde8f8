import Database from 'better-sqlite3';
import fs from 'node:fs';

/** SQLite's own default: the writer copies the write-ahead log back into the file once it holds this many pages. */
export const defaultAutoCheckpointPages = 1000;

/** The write-ahead log beside a library file (its size says how much the writer has committed since a checkpoint). */
export function walFileOf(databaseFile: string): string {
  return `${databaseFile}-wal`;
}

/** The write-ahead log's size in bytes, 0 when there is none. */
export async function walBytes(databaseFile: string): Promise<number> {
  try {
    return (await fs.promises.stat(walFileOf(databaseFile))).size;
  } catch {
    return 0;
  }
}

export interface CheckpointResult {
  /** Whether a reader or writer kept part of the log from being copied this time (the next pass copies it). */
  busy: boolean;
  /** Frames in the log, and how many of them are now in the database file. */
  logFrames: number;
  checkpointedFrames: number;
}

/**
 * A second connection to a library, for copying its write-ahead log into the file (and syncing the file) away from
 * the writer's thread. PASSIVE never waits for the writer or the readers: what they hold is copied by a later pass.
 * It writes no row of its own.
 */
export class CheckpointConnection {
  private readonly db: Database.Database;

  constructor(databaseFile: string) {
    this.db = new Database(databaseFile, { fileMustExist: true });
    // The writer's durability setting: a checkpoint syncs the database file, which is what moves off its thread.
    this.db.pragma('synchronous = NORMAL');
    // This connection never checkpoints on its own account (it never commits), and never waits on a lock.
    this.db.pragma('busy_timeout = 0');
  }

  checkpoint(): CheckpointResult {
    const [row] = this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return { busy: (row?.busy ?? 0) !== 0, logFrames: row?.log ?? 0, checkpointedFrames: row?.checkpointed ?? 0 };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
