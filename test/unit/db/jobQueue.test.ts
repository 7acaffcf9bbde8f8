import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

describe('the persistent job queue', () => {
  const temp = makeTempDir();
  let library: LibraryDatabase;
  let photoId: number;
  beforeAll(() => {
    library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    const folder = library.folders.add('/p', 1);
    photoId = library.photos.insert({ path: '/p/a.jpg', fileName: 'a.jpg', folderId: folder.id, size: 1, mtimeMs: 1, contentHash: 'h1' }, 1);
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('never queues the same (photo, content, pipeline) twice', () => {
    library.jobs.enqueue(photoId, 'h1', 1, 1);
    library.jobs.enqueue(photoId, 'h1', 1, 2);
    expect(library.jobs.counts().queued).toBe(1);
  });

  it('drops work for content the photo no longer has', () => {
    library.jobs.enqueue(photoId, 'h2', 1, 3);
    const jobs = library.jobs.claim(10, 4);
    expect(jobs.map((j) => j.contentHash)).toEqual(['h2']);
  });

  it('hands back jobs a dead process left running, counting the attempt', () => {
    const interrupted = library.jobs.interrupted();
    expect(interrupted).toHaveLength(1);
    expect(interrupted[0]?.attempts).toBe(1);
    library.jobs.requeue(interrupted[0]!.id, 'interrupted');
    const again = library.jobs.claim(10, 5);
    expect(again[0]?.attempts).toBe(2);
    library.transaction(() => library.jobs.finish(again[0]!.id));
    expect(library.jobs.counts()).toEqual({ queued: 0, running: 0, failed: 0 });
  });
});
