import fs from 'node:fs';
import { LibraryError } from './errors.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One indexer per library: a lock file holding the owner's pid. A lock left by a killed process (its pid is
 * gone) is taken over, so a crash never locks the user out.
 */
export function acquireWriterLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      if (Number.isFinite(owner) && owner !== process.pid && isAlive(owner)) {
        throw new LibraryError('library-busy', `Another Phototag (pid ${owner}) is indexing this library. Stop it first, or use another --data-dir.`, { pid: owner });
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new LibraryError('library-busy', `Could not take the indexing lock ${lockFile}.`);
}
