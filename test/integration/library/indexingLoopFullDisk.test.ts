import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexerView } from '../../../electron/contract/views.js';
import { IndexingLoop } from '../../../electron/core/host/IndexingLoop.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { mountProblem, mountTmpfs, resizeTmpfs, unmount } from '../../helpers/mounts.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir, waitFor } from '../../helpers/tempDirs.js';

describe.skipIf(mountProblem !== null)(`the background indexer on a full disk${mountProblem ? ` (skipped: ${mountProblem})` : ''}`, () => {
  const temp = makeTempDir();
  const disk = path.join(temp.dir, 'disk');
  let library: LibraryService | null = null;
  let loop: IndexingLoop | null = null;
  afterAll(async () => {
    await loop?.close();
    library?.close();
    unmount(disk);
    temp.cleanup();
  });

  it('says the disk is full, keeps the photos queued, and carries on by itself once there is room', async () => {
    const photos = sharedData('coco', 'images');
    const count = fs.readdirSync(photos).filter((name) => /\.jpe?g$/i.test(name)).length;
    mountTmpfs(disk, '8m');
    const dataDir = path.join(disk, 'data');
    library = LibraryService.open({ dataDir, logger: createLogger(null), analyzer: null });
    library.addFolder(photos);
    const states: IndexerView['state'][] = [];
    loop = new IndexingLoop(library, createLogger(null), {
      watch: false,
      retryAfterMs: 200,
      onProgress: () => undefined,
      onStateChange: (state) => states.push(state),
    });
    loop.requestRun();

    const blocked = await waitFor(() => (loop?.view().state === 'blocked' ? loop.view() : null), 'the indexer to stop on the full disk', 120_000);
    expect(blocked.problem).toBe(
      `The disk holding the library (${dataDir}) is full: free some space, then indexing resumes by itself (it tries again every 1 s); nothing was lost.`,
    );
    expect(library.status().photos.failed).toBe(0);

    resizeTmpfs(disk, '64m');
    await waitFor(() => library?.status().photos.indexed === count, 'every photo indexed after the retry', 120_000);
    await waitFor(() => loop?.view().state === 'stopped', 'the indexer to finish', 60_000);
    expect(library.status().photos).toMatchObject({ total: count, indexed: count, queued: 0, failed: 0 });
    expect(loop.view().problem).toBeNull();
    expect(states).toContain('blocked');
  });
});
