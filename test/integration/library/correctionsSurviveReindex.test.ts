import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import type { AnalyzerInput, PhotoAnalysis, PhotoAnalyzer } from '../../../electron/core/pipeline/PhotoAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

/**
 * A small real analyzer (mean brightness and colour of the actual pixels) standing in for the neural models of
 * the next layer, so this test exercises the core's rules for model output vs user corrections.
 */
class BrightnessAnalyzer implements PhotoAnalyzer {
  readonly version = 'brightness-1';
  readonly vocabulary = [
    { name: 'bright', kind: 'rule', synonyms: ['light'] },
    { name: 'dark', kind: 'rule', synonyms: [] },
    { name: 'reddish', kind: 'rule', synonyms: [] },
  ];
  readonly batchSize = 4;
  readonly parallelism = 1;
  calls = 0;

  async analyzeBatch(inputs: readonly AnalyzerInput[]): Promise<PhotoAnalysis[]> {
    this.calls += inputs.length;
    return inputs.map(({ preview }) => {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = 0; i < preview.data.length; i += 3) {
        r += preview.data[i] as number;
        g += preview.data[i + 1] as number;
        b += preview.data[i + 2] as number;
      }
      const n = preview.data.length / 3;
      const mean = (r + g + b) / (3 * n * 255);
      const tags = [
        { name: mean > 0.45 ? 'bright' : 'dark', kind: 'rule', confidence: Math.abs(mean - 0.45) + 0.5 },
        { name: 'reddish', kind: 'rule', confidence: r / (r + g + b) },
      ];
      return { tags, caption: `A ${mean > 0.45 ? 'bright' : 'dark'} photo`, vectors: [] };
    });
  }

  async close(): Promise<void> {}
}

describe('user corrections survive re-indexing', () => {
  const temp = makeTempDir();
  const photos = path.join(temp.dir, 'photos');
  let library: LibraryService;
  const analyzer = new BrightnessAnalyzer();
  const file = (name: string) => path.join(photos, name);

  beforeAll(async () => {
    copyPhotos(sharedData('coco', 'images'), photos, ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg']);
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer });
    library.addFolder(photos);
    await library.index();
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('stores the model output with its version', () => {
    const tags = library.describePhoto(file('000000000009.jpg')).tags;
    expect(tags.length).toBe(2);
    for (const tag of tags) expect(tag).toMatchObject({ source: 'model', state: 'suggested' });
    expect(library.search('tag:light', { limit: 10, offset: 0 }).total + library.search('tag:dark', { limit: 10, offset: 0 }).total).toBe(3);
  });

  it('keeps accepted, rejected and added tags and an edited caption when the photo is analysed again', async () => {
    const photo = library.db.photos.byPath(file('000000000009.jpg'))!;
    const now = Date.now();
    library.db.tags.reject(photo.id, 'reddish', now);
    const modelTag = library.db.tags.forPhoto(photo.id).find((t) => t.name !== 'reddish')!;
    library.db.tags.accept(photo.id, modelTag.name, now);
    library.db.tags.add(photo.id, 'broccoli', now);
    library.db.captions.setByUser(photo.id, 'Lunch, the healthy kind', now);
    library.db.searchIndex.refresh(photo.id);

    // Change the bytes so the photo is analysed again under a new content hash.
    fs.copyFileSync(path.join(sharedData('coco', 'images'), '000000000042.jpg'), file('000000000009.jpg'));
    const before = analyzer.calls;
    await library.index();
    expect(analyzer.calls).toBe(before + 1);

    const after = library.describePhoto(file('000000000009.jpg'));
    const byName = new Map(after.tags.map((t) => [t.name, t]));
    expect(byName.get('reddish')?.state).toBe('rejected');
    expect(byName.get('broccoli')).toMatchObject({ source: 'user', state: 'accepted' });
    expect(byName.get(modelTag.name)?.state).toBe('accepted');
    expect(after.caption).toBe('Lunch, the healthy kind');
    expect(after.captionSource).toBe('user');
    expect(library.search('tag:reddish', { limit: 10, offset: 0 }).results.map((r) => r.path)).not.toContain(file('000000000009.jpg'));
    expect(library.search('tag:broccoli', { limit: 10, offset: 0 }).results.map((r) => r.path)).toEqual([file('000000000009.jpg')]);
    expect(library.search('healthy', { limit: 10, offset: 0 }).results.map((r) => r.path)).toEqual([file('000000000009.jpg')]);
  });

  it('logs every correction', () => {
    const log = library.db.corrections.list().map((c) => c.kind);
    expect(log).toEqual(['reject', 'accept', 'add', 'caption']);
  });
});
