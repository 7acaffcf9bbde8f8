import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir, waitFor } from '../../helpers/tempDirs.js';

const names = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg', '000000000034.jpg', '000000000036.jpg'];

describe('watching folders: adds, renames, moves, edits and deletes converge', () => {
  const temp = makeTempDir();
  const a = path.join(temp.dir, 'a');
  const b = path.join(temp.dir, 'b');
  let library: LibraryService;
  const controller = new AbortController();
  let watching: Promise<void>;
  const photo = (file: string) => library.db.photos.byPath(file);
  const settled = () => {
    const s = library.status();
    return s.photos.queued === 0 && library.db.jobs.counts().queued === 0 && library.db.jobs.counts().running === 0;
  };

  beforeAll(async () => {
    copyPhotos(sharedData('coco', 'images'), a, names.slice(0, 4));
    fs.mkdirSync(b);
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), watch: { stabilityMs: 200 } });
    library.addFolder(a);
    library.addFolder(b);
    watching = library.watch(controller.signal);
    await waitFor(() => library.status().photos.indexed === 4, 'the initial scan to index 4 photos');
  });

  afterAll(async () => {
    controller.abort();
    await watching;
    library.close();
    temp.cleanup();
  });

  it('indexes a photo that appears', async () => {
    copyPhotos(sharedData('coco', 'images'), a, [names[4] as string]);
    await waitFor(() => photo(path.join(a, names[4] as string))?.state === 'indexed', 'the new photo to be indexed');
  });

  it('a renamed photo keeps its identity and its corrections', async () => {
    const from = path.join(a, names[0] as string);
    const before = photo(from);
    expect(before).toBeDefined();
    library.db.tags.add(before!.id, 'my favourite', Date.now());
    fs.renameSync(from, path.join(a, 'renamed.jpg'));
    const after = await waitFor(() => photo(path.join(a, 'renamed.jpg')), 'the rename to converge');
    expect(after.id).toBe(before!.id);
    expect(photo(from)).toBeUndefined();
    expect(library.db.tags.forPhoto(after.id).map((t) => t.name)).toContain('my favourite');
    expect(library.search('tag:"my favourite"', { limit: 10, offset: 0 }).results.map((r) => r.path)).toEqual([path.join(a, 'renamed.jpg')]);
  });

  it('a photo moved to another library folder keeps its identity', async () => {
    const from = path.join(a, names[1] as string);
    const before = photo(from)!;
    fs.renameSync(from, path.join(b, names[1] as string));
    const after = await waitFor(() => photo(path.join(b, names[1] as string)), 'the move to converge');
    expect(after.id).toBe(before.id);
    expect(after.folderId).toBe(library.db.folders.byPath(b)?.id);
    await waitFor(settled, 'the queue to drain');
    expect(after.state).toBe('indexed');
  });

  it('an edited photo is analysed again and keeps its corrections', async () => {
    const file = path.join(a, names[2] as string);
    const before = photo(file)!;
    library.db.tags.add(before.id, 'keep me', Date.now());
    fs.copyFileSync(path.join(sharedData('coco', 'images'), '000000000042.jpg'), file);
    const after = await waitFor(() => {
      const p = photo(file);
      return p && p.contentHash !== before.contentHash && p.state === 'indexed' ? p : undefined;
    }, 'the edit to be re-indexed');
    expect(after.id).toBe(before.id);
    expect(library.db.tags.forPhoto(after.id).map((t) => t.name)).toContain('keep me');
  });

  it('a deleted photo leaves the search results', async () => {
    const file = path.join(a, names[3] as string);
    fs.rmSync(file);
    await waitFor(() => photo(file)?.state === 'missing', 'the delete to converge');
    expect(library.search('', { limit: 100, offset: 0 }).results.map((r) => r.path)).not.toContain(file);
    expect(library.status().photos.total).toBe(4);
  });

  it('a deleted photo that comes back is the same photo', async () => {
    const file = path.join(a, names[3] as string);
    const gone = photo(file)!;
    copyPhotos(sharedData('coco', 'images'), path.join(b, 'sub'), [names[3] as string]);
    const back = await waitFor(() => {
      const p = photo(path.join(b, 'sub', names[3] as string));
      return p?.state === 'indexed' ? p : undefined;
    }, 'the photo to come back');
    expect(back.id).toBe(gone.id);
  });
});

describe('watch with no folder to watch', () => {
  it('returns when asked to stop instead of waiting for a watcher that never starts', async () => {
    const temp = makeTempDir();
    const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), logger: createLogger(null) });
    try {
      const controller = new AbortController();
      const watching = library.watch(controller.signal);
      setTimeout(() => controller.abort(), 200);
      await watching;
    } finally {
      library.close();
      temp.cleanup();
    }
  });
});
