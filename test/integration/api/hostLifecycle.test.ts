import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { LibraryRuntime, type RuntimeModels } from '../../../electron/core/host/LibraryRuntime.js';
import { LearningService } from '../../../electron/core/learning/LearningService.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';
import type { PhotoAnalyzer } from '../../../electron/core/pipeline/PhotoAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { callOk, waitUntilIndexed } from './hostHelpers.js';

const photos = ['000000000009.jpg', '000000000025.jpg'];

/**
 * Models that load but whose vocabulary cannot be read (a damaged model package): the library cannot open over
 * them, since it registers their tags when it opens.
 */
function damagedVocabulary(): { analyzer: PhotoAnalyzer; closed: () => boolean } {
  let closed = false;
  const analyzer: PhotoAnalyzer = {
    version: 'damaged-1',
    get vocabulary(): never {
      throw new Error('the vocabulary file of these models is damaged');
    },
    batchSize: 1,
    parallelism: 1,
    analyzeBatch: () => Promise.reject(new Error('never used')),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
  return { analyzer, closed: () => closed };
}

describe('closing and switching a library when a part fails (real SQLite, real models)', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());
  afterEach(() => vi.restoreAllMocks());

  it('releases every part of the host even when one of them fails to close', async () => {
    const dataDir = path.join(temp.dir, 'close', 'data');
    const folder = path.join(temp.dir, 'close', 'photos');
    copyPhotos(sharedData('coco', 'images'), folder, photos);
    const host = await LibraryHost.open({ dataDir, analyzer: null });
    await callOk(host, 'folders.add', { path: folder });
    await waitUntilIndexed(host, photos.length);

    // Learning's worker will not stop: the database must close all the same.
    vi.spyOn(LearningService.prototype, 'close').mockRejectedValueOnce(new Error('the training worker did not stop'));
    await expect(host.close()).rejects.toThrow('the training worker did not stop');
    // SQLite removes the write-ahead log when the last connection to the file closes.
    expect(fs.existsSync(path.join(dataDir, 'library.db-wal'))).toBe(false);

    // And the library opens again, indexing as before.
    const again = await LibraryHost.open({ dataDir, analyzer: null });
    try {
      expect((await waitUntilIndexed(again, photos.length)).photos.indexed).toBe(photos.length);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('goes back to the running models when the library cannot open over the chosen ones', async () => {
    const dataDir = path.join(temp.dir, 'swap', 'data');
    const folder = path.join(temp.dir, 'swap', 'photos');
    copyPhotos(sharedData('coco', 'images'), folder, photos.slice(0, 1));
    const damaged = damagedVocabulary();
    const runtime = await LibraryRuntime.open(
      {
        dataDir,
        openAnalyzer: (models: RuntimeModels) =>
          models === 'accurate' ? Promise.resolve({ analyzer: damaged.analyzer, problem: null }) : models === 'off' ? Promise.resolve({ analyzer: null, problem: null }) : openModelAnalyzer({ profile: models, workers: 1 }),
      },
      'fast',
    );
    try {
      await callOk(runtime, 'folders.add', { path: folder });
      const before = await waitUntilIndexed(runtime, 1);
      expect(before.indexer.models).not.toBeNull();

      await callOk(runtime, 'settings.setModels', { tagger: 'accurate' });
      let view = await callOk(runtime, 'settings.models', {});
      const started = Date.now();
      while (view.switching && Date.now() - started < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        view = await callOk(runtime, 'settings.models', {});
      }
      expect(view).toMatchObject({ tagger: 'accurate', running: 'fast', switching: false });
      expect(view.problem).toMatch(/could not start with the accurate models \(the vocabulary file of these models is damaged\); the fast models go on/);
      expect(damaged.closed()).toBe(true);

      // Not "the library is closing": it answers, and its running models still tag new photos.
      const status = await callOk(runtime, 'library.status', {});
      expect(status.indexer.models).toBe(before.indexer.models);
      copyPhotos(sharedData('coco', 'images'), folder, photos.slice(1));
      await callOk(runtime, 'library.index', {});
      const after = await waitUntilIndexed(runtime, photos.length);
      expect(after.photos).toMatchObject({ total: photos.length, indexed: photos.length, failed: 0 });
      // The photo added after the failed switch (a giraffe) was tagged by the running models.
      expect((await callOk(runtime, 'photos.search', { query: 'tag:giraffe' })).total).toBe(1);
    } finally {
      await runtime.close();
    }
  }, 180_000);
});
