import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';
import { selectBackend } from '../../../native-models/backends/selectBackend.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { writeTinyCaptionPack } from '../../helpers/tinyCaptionPack.js';

/** Everything the tiny pack can say (see tinyCaptionPack.ts): dogs on a couch for bright photos, cats on a bed for dark. */
const packSentences = /^(A|Two) (small )?(dogs?|cats?) on a (couch|bed)\.$/;

describe('a neural caption pack in the indexing pipeline', () => {
  const temp = makeTempDir();
  const photos = path.join(temp.dir, 'photos');
  const pack = path.join(temp.dir, 'my-caption-pack');

  beforeAll(async () => {
    await selectBackend({ startAt: 'wasm' });
    await writeTinyCaptionPack(pack);
    copyPhotos(sharedData('coco', 'images'), photos, ['000000000074.jpg', '000000000459.jpg']);
  });
  afterAll(() => temp.cleanup());

  it('captions every photo with the pack, in the tagger workers, and keeps the tags', async () => {
    const { analyzer, problem } = await openModelAnalyzer({ workers: 1, captionPack: pack });
    expect(problem).toBeNull();
    if (!analyzer) throw new Error('no analyzer');
    expect(analyzer.version).toMatch(/caption-pack:/);
    const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer, logger: createLogger(null) });
    try {
      library.addFolder(photos);
      await library.index();
      for (const name of ['000000000074.jpg', '000000000459.jpg']) {
        const photo = library.describePhoto(path.join(photos, name));
        expect(photo.caption).toMatch(packSentences);
        expect(photo.captionSource).toBe('model');
        expect(photo.tags.map((t) => t.name)).toContain('person');
      }
    } finally {
      library.close();
      await analyzer.close();
    }
  });

  it('falls back to composed captions, with a clear problem, when the pack is broken', async () => {
    const broken = path.join(temp.dir, 'broken-pack');
    fs.cpSync(pack, broken, { recursive: true });
    fs.rmSync(path.join(broken, 'vocabulary.json'));
    const { analyzer, problem } = await openModelAnalyzer({ workers: 1, captionPack: broken });
    try {
      expect(analyzer).not.toBeNull();
      expect(problem).toMatch(/caption pack .*could not be used.*vocabulary\.json/s);
      expect(analyzer?.version).not.toMatch(/caption-pack:/);
    } finally {
      await analyzer?.close();
    }
  });
});
