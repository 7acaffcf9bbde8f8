import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { defaultAutoCheckpointPages, walBytes, walFileOf } from '../../../db/walCheckpoints.js';
import { BackgroundCheckpoints } from '../../../electron/core/library/BackgroundCheckpoints.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { makeTempDir, waitFor } from '../../helpers/tempDirs.js';

const quick = { probeMs: 20, startBytes: 64 * 1024, intervalMs: 20, backstopPages: 5_000, closeWaitMs: 10_000 };
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('checkpoints on their own thread', () => {
  const temps: { cleanup: () => void }[] = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

  function library(): { db: LibraryDatabase; file: string; dir: string } {
    const temp = makeTempDir('phototag-checkpoints-');
    temps.push(temp);
    const file = path.join(temp.dir, 'library.db');
    return { db: LibraryDatabase.open(file), file, dir: temp.dir };
  }

  /** One commit per folder, as the indexer commits one photo's job at a time. */
  async function addFolders(db: LibraryDatabase, from: number, count: number): Promise<void> {
    for (let i = from; i < from + count; i++) {
      db.folders.add(`/photos/${'trip '.repeat(40)}${i}`, Date.now());
      if (i % 50 === 0) await pause();
    }
  }

  it('starts once the library is written, takes over the copying of the log, and leaves a whole file at close', async () => {
    const { db, file } = library();
    const checkpoints = BackgroundCheckpoints.watch(db, createLogger(null), quick);
    expect(db.autoCheckpointPages()).toBe(defaultAutoCheckpointPages);
    let added = 0;
    while (!checkpoints.running) {
      await addFolders(db, added, 100);
      added += 100;
      expect(added).toBeLessThan(20_000);
    }
    // From now on the writer's commits leave the log to the thread (its own threshold is only a backstop).
    expect(db.autoCheckpointPages()).toBe(quick.backstopPages);
    const before = checkpoints.checkpointedFrames;
    await addFolders(db, added, 400);
    added += 400;
    await waitFor(() => checkpoints.checkpointedFrames > before, 'the thread to copy the new frames');
    // The database file itself holds the rows the thread copied, though the writer never checkpointed them.
    expect(fs.statSync(file).size).toBeGreaterThan(400 * 200);

    checkpoints.close();
    expect(db.autoCheckpointPages()).toBe(defaultAutoCheckpointPages);
    db.close();
    // The writer's close was the last: SQLite folded the log into the file and removed it.
    expect(fs.existsSync(walFileOf(file))).toBe(false);
    const reopened = LibraryDatabase.open(file);
    try {
      expect(reopened.folders.list()).toHaveLength(added);
      expect(reopened.integrityCheck()).toBe('ok');
    } finally {
      reopened.close();
    }
  });

  it('never starts for a library that is only read, or barely written', async () => {
    const { db, file } = library();
    await addFolders(db, 0, 10);
    // A new library's log already holds its schema (~600 KB): "barely written" is measured against the threshold.
    const logged = await walBytes(file);
    const small = BackgroundCheckpoints.watch(db, createLogger(null), { ...quick, startBytes: logged + 64 * 1024 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(small.running).toBe(false);
    small.close();
    db.close();
    const readOnly = LibraryDatabase.openReadOnly(file);
    try {
      const reading = BackgroundCheckpoints.watch(readOnly, createLogger(null), { ...quick, startBytes: 0 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(reading.running).toBe(false);
      reading.close();
    } finally {
      readOnly.close();
    }
  });
});
