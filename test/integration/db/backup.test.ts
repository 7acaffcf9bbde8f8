import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

describe('LibraryDatabase.backupTo on a real SQLite file', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('copies what is committed while the library stays open, and the copy is a library of its own', async () => {
    const db = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    db.folders.add('/photos/2024', 1);
    // Still in the write-ahead log, not checkpointed into the main file: a file copy would miss it.
    const copyFile = path.join(temp.dir, 'copy.db');
    await db.backupTo(copyFile);
    db.folders.add('/photos/2025', 2);

    const copy = LibraryDatabase.open(copyFile);
    expect(copy.integrityCheck()).toBe('ok');
    expect(copy.folders.list().map((f) => f.path)).toEqual(['/photos/2024']);
    copy.folders.add('/photos/only-in-copy', 3);
    expect(db.folders.list().map((f) => f.path)).toEqual(['/photos/2024', '/photos/2025']);
    copy.close();
    db.close();
  });
});
