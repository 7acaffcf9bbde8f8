import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import type { ModelAnalyzer } from '../../../electron/core/models/ModelAnalyzer.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';
import { defaultModelDir } from '../../../native-models/loading/modelDir.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

const dogs = ['000000000074.jpg', '000000000307.jpg', '000000000490.jpg'];
const others = ['000000000459.jpg'];
const glacier = 'intel_20372.jpg';

/** The shipped models in the real pipeline: worker threads, batches, one transaction per photo. */
describe('indexing with the shipped models', () => {
  const temp = makeTempDir();
  const photos = path.join(temp.dir, 'photos');
  let analyzer: ModelAnalyzer;
  let library: LibraryService;
  const file = (name: string) => path.join(photos, name);

  beforeAll(async () => {
    copyPhotos(sharedData('coco', 'images'), photos, [...dogs, ...others]);
    copyPhotos(sharedData('scenes', 'images'), photos, [glacier]);
    fs.writeFileSync(file('truncated.jpg'), fs.readFileSync(sharedData('coco', 'images', others[0] as string)).subarray(0, 2000));
    const opened = await openModelAnalyzer({ profile: 'fast', workers: 2, batchSize: 2 });
    if (!opened.analyzer) throw new Error(opened.problem ?? 'no models');
    analyzer = opened.analyzer;
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer, logger: createLogger(null) });
    library.addFolder(photos);
    await library.index();
  });
  afterAll(async () => {
    library?.close();
    await analyzer?.close();
    temp.cleanup();
  });

  it('runs the tagger on two worker threads in batches', () => {
    expect(analyzer.parallelism).toBe(2);
    expect(analyzer.batchSize).toBe(2);
    // No native TensorFlow here: ONNX Runtime's CPU kernels, every model on its converted graph (npm run build converts them).
    expect(analyzer.modelInfo.backend.name).toBe('onnxruntime');
    expect(analyzer.modelInfo.backend.fallbacks ?? []).toEqual([]);
  });

  it('finds the dogs with tag:dog, and by a synonym', () => {
    const found = library.search('tag:dog', { limit: 50, offset: 0 }).results.map((r) => path.basename(r.path)).sort();
    expect(found).toEqual(dogs);
    expect(library.search('tag:puppy', { limit: 50, offset: 0 }).total).toBe(dogs.length);
  });

  it('stores tags with the model version, a caption, and the vectors learning needs', () => {
    for (const name of [...dogs, ...others, glacier]) {
      const photo = library.describePhoto(file(name));
      expect(photo.state, name).toBe('indexed');
      expect(photo.tags.length, name).toBeGreaterThan(0);
      // A Flickr photo may carry its owner's IPTC keywords: those are the user's own tags, the rest are suggestions.
      for (const tag of photo.tags) expect([tag.source, tag.state], `${name}: ${tag.name}`).toEqual(tag.source === 'file' ? ['file', 'accepted'] : ['model', 'suggested']);
      expect(photo.tags.filter((t) => t.source === 'model').length, name).toBeGreaterThan(0);
      expect(photo.caption, name).toMatch(/^[A-Z].+\.$/);
      expect(photo.captionSource).toBe('model');
      const embedding = library.db.vectors.get(photo.id, 'embedding');
      expect(embedding?.values.length).toBe(720);
      expect(Math.hypot(...(embedding?.values ?? []))).toBeCloseTo(1, 1);
      expect(library.db.vectors.get(photo.id, 'coco-scores')?.values.length).toBe(80);
    }
    expect(library.describePhoto(file(glacier)).tags.map((t) => t.name)).toContain('glacier');
    expect(library.describePhoto(file(glacier)).tags.map((t) => t.name)).not.toContain('person');
  });

  it('counts faces as a tag of their own', () => {
    const people = library.describePhoto(file(others[0] as string));
    const face = people.tags.find((t) => t.name === 'face');
    expect(face?.count).toBeGreaterThanOrEqual(1);
    expect(library.search('tag:faces', { limit: 50, offset: 0 }).results.map((r) => path.basename(r.path))).toContain(others[0]);
    expect(library.describePhoto(file(glacier)).tags.map((t) => t.name)).not.toContain('face');
  });

  it('captions are searchable as words', () => {
    const dogCaptions = dogs.map((d) => library.describePhoto(file(d)).caption ?? '');
    expect(dogCaptions.some((c) => /\bdog\b/i.test(c))).toBe(true);
    expect(library.search('dog', { limit: 50, offset: 0 }).total).toBeGreaterThanOrEqual(dogs.length);
  });

  it('records a broken photo with its reason while the rest are tagged', () => {
    const status = library.status();
    expect(status.photos).toMatchObject({ indexed: dogs.length + others.length + 1, failed: 1, queued: 0 });
    expect(status.failures[0]?.path).toBe(file('truncated.jpg'));
    expect(status.failures[0]?.reason).toBeTruthy();
  });
});

describe('when the model weights are missing or corrupt', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('says which file is missing and what to do', async () => {
    const { analyzer, problem } = await openModelAnalyzer({ modelDir: path.join(temp.dir, 'nowhere'), workers: 1 });
    expect(analyzer).toBeNull();
    expect(problem).toMatch(/centernet\.json/);
    expect(problem).toMatch(/does not exist/);
  });

  it('says a truncated weights file is corrupt', async () => {
    const broken = path.join(temp.dir, 'broken-models');
    fs.mkdirSync(broken);
    fs.copyFileSync(path.join(defaultModelDir(), 'centernet.json'), path.join(broken, 'centernet.json'));
    fs.writeFileSync(path.join(broken, 'centernet.bin'), fs.readFileSync(path.join(defaultModelDir(), 'centernet.bin')).subarray(0, 100_000));
    const { analyzer, problem } = await openModelAnalyzer({ modelDir: broken, workers: 1 });
    expect(analyzer).toBeNull();
    expect(problem).toMatch(/centernet\.bin/);
  });

  it('indexes without tags, then tags the same photos once the models work', async () => {
    const photos = path.join(temp.dir, 'photos');
    copyPhotos(sharedData('coco', 'images'), photos, dogs.slice(0, 2));
    const dataDir = path.join(temp.dir, 'data');
    const missing = await openModelAnalyzer({ modelDir: path.join(temp.dir, 'nowhere'), workers: 1 });
    let library = LibraryService.open({ dataDir, analyzer: missing.analyzer, logger: createLogger(null) });
    library.addFolder(photos);
    await library.index();
    expect(library.status().photos).toMatchObject({ total: 2, indexed: 2, failed: 0 });
    const ids = dogs.slice(0, 2).map((d) => library.describePhoto(path.join(photos, d)).id);
    expect(library.search('tag:dog', { limit: 10, offset: 0 }).total).toBe(0);
    library.close();

    const working = await openModelAnalyzer({ workers: 1 });
    try {
      library = LibraryService.open({ dataDir, analyzer: working.analyzer, logger: createLogger(null) });
      const summary = await library.index();
      expect(summary.done).toBe(2);
      expect(library.search('tag:dog', { limit: 10, offset: 0 }).results.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(library.status().photos).toMatchObject({ total: 2, indexed: 2, queued: 0 });
      // Nothing to do a second time: the photos are settled under the models' version.
      expect((await library.index()).done).toBe(0);
      library.close();
    } finally {
      await working.analyzer?.close();
    }
  });
});
