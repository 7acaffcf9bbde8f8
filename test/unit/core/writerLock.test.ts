import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LibraryError } from '../../../electron/core/library/errors.js';
import { acquireWriterLock } from '../../../electron/core/library/writerLock.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

describe('the indexer lock', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());
  const lock = path.join(temp.dir, 'indexer.lock');

  it('is exclusive while its owner lives, and released on demand', () => {
    const release = acquireWriterLock(lock);
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
    // A live owner (here: our parent process) keeps the lock.
    fs.writeFileSync(lock, String(process.ppid));
    expect(() => acquireWriterLock(lock)).toThrow(LibraryError);
    fs.writeFileSync(lock, String(process.pid));
    release();
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by a dead process', () => {
    fs.writeFileSync(lock, '999999999');
    const release = acquireWriterLock(lock);
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
    release();
  });
});
