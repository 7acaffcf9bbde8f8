import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { ApiEvent } from '../../../electron/contract/api.js';
import { LibraryRuntime, type RuntimeModels } from '../../../electron/core/host/LibraryRuntime.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { callOk, waitUntilIndexed } from './hostHelpers.js';

const photos = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg'];

async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('switching the tagging models while the library runs (LibraryRuntime, real models, real SQLite)', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('starts the chosen models beside the running ones, swaps them in, and tags every photo again', async () => {
    const dataDir = path.join(temp.dir, 'switch', 'data');
    const folder = path.join(temp.dir, 'switch', 'photos');
    copyPhotos(sharedData('coco', 'images'), folder, photos);
    const opened: RuntimeModels[] = [];
    const runtime = await LibraryRuntime.open(
      {
        dataDir,
        openAnalyzer: (models) => {
          opened.push(models);
          return models === 'off' ? Promise.resolve({ analyzer: null, problem: null }) : openModelAnalyzer({ profile: models, workers: 1 });
        },
      },
      'fast',
    );
    const events: ApiEvent[] = [];
    runtime.subscribe((event) => events.push(event));
    try {
      await callOk(runtime, 'folders.add', { path: folder });
      const before = await waitUntilIndexed(runtime, photos.length);
      expect(before.photos.indexed).toBe(photos.length);

      const chosen = await callOk(runtime, 'settings.setModels', { tagger: 'accurate' });
      expect(chosen).toEqual({ tagger: 'accurate', improve: true, running: 'fast', switching: true, problem: null });
      // While the new models start, the library answers from the running ones.
      expect((await callOk(runtime, 'library.status', {})).indexer.models).toBe(before.indexer.models);

      await until(() => events.some((e) => e.type === 'library-changed' && e.reason === 'models'), "the switch's 'models' event");
      expect(await callOk(runtime, 'settings.models', {})).toEqual({ tagger: 'accurate', improve: true, running: 'accurate', switching: false, problem: null });
      const after = await waitUntilIndexed(runtime, photos.length);
      expect(after.indexer.models).not.toBe(before.indexer.models);
      expect(after.photos).toMatchObject({ indexed: photos.length, failed: 0 });
      // Events of the new host reach the runtime's subscribers.
      expect(events.some((e) => e.type === 'index-progress')).toBe(true);
      expect(opened).toEqual(['fast', 'accurate']);
    } finally {
      await runtime.close();
    }
    // Every photo's class scores now come from the accurate tagger: it was analysed again, not only relabelled.
    const db = LibraryDatabase.open(path.join(dataDir, 'library.db'));
    const versions = db.vectors.versions('coco-scores');
    db.close();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ n: photos.length });
    expect(versions[0]?.version).toMatch(/yolov5s/);
  }, 300_000);

  it('keeps the running models when the chosen ones cannot start, and says why', async () => {
    const dataDir = path.join(temp.dir, 'broken', 'data');
    const emptyModels = path.join(temp.dir, 'broken', 'no-models');
    fs.mkdirSync(emptyModels, { recursive: true });
    const runtime = await LibraryRuntime.open(
      { dataDir, watch: false, openAnalyzer: (models) => (models === 'off' ? Promise.resolve({ analyzer: null, problem: null }) : openModelAnalyzer({ profile: models, workers: 1, modelDir: emptyModels })) },
      'off',
    );
    try {
      expect(await callOk(runtime, 'settings.setModels', { tagger: 'accurate' })).toMatchObject({ running: null, switching: true });
      let view = await callOk(runtime, 'settings.models', {});
      const started = Date.now();
      while (view.switching && Date.now() - started < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        view = await callOk(runtime, 'settings.models', {});
      }
      expect(view).toMatchObject({ tagger: 'accurate', running: null, switching: false });
      expect(view.problem).toMatch(/could not start/);
      expect((await callOk(runtime, 'library.status', {})).indexer.models).toBeNull();
    } finally {
      await runtime.close();
    }
    // Started again with the choice that cannot start: the library runs without models and says why at once.
    const restarted = await LibraryRuntime.open(
      { dataDir, watch: false, openAnalyzer: (models) => openModelAnalyzer({ profile: models === 'off' ? 'fast' : models, workers: 1, modelDir: emptyModels }) },
      'accurate',
    );
    try {
      const view = await callOk(restarted, 'settings.models', {});
      expect(view).toMatchObject({ tagger: 'accurate', running: null, switching: false });
      expect(view.problem).toMatch(/could not start/);
    } finally {
      await restarted.close();
    }
  }, 120_000);
});
