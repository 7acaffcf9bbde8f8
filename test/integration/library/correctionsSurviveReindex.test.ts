import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

describe('user corrections survive re-indexing', () => {
  const temp = makeTempDir();
  const photos = path.join(temp.dir, 'photos');
  let library: LibraryService;
  const analyzer = new PixelAnalyzer();
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
    expect(tags.length).toBe(3);
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
    const before = analyzer.analysed;
    await library.index();
    expect(analyzer.analysed).toBe(before + 1);

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
