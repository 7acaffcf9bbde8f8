import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir, sha256File } from '../../helpers/tempDirs.js';

/** Duplicates in a real library file (no models: exact copies and the perceptual hash alone). */
describe('duplicates', () => {
  const temp = makeTempDir();
  const photos = path.join(temp.dir, 'photos');
  const dataDir = path.join(temp.dir, 'data');
  let library: LibraryService;
  const original = path.join(photos, '000000000036.jpg');
  const copy = path.join(photos, 'backup', '000000000036.jpg');
  const half = path.join(photos, 'exported', 'umbrella-small.png');
  const other = path.join(photos, '000000000042.jpg');
  const all = (query = '') => library.search(query, { limit: 50, offset: 0 });
  const paths = (query = '') => all(query).results.map((r) => r.path).sort();

  beforeAll(async () => {
    const coco = sharedData('coco', 'images');
    copyPhotos(coco, photos, ['000000000036.jpg', '000000000042.jpg', '000000000049.jpg']);
    copyPhotos(coco, path.dirname(copy), ['000000000036.jpg']);
    fs.mkdirSync(path.dirname(half), { recursive: true });
    const meta = await sharp(original).metadata();
    await sharp(original).resize(Math.round((meta.width as number) / 2)).png().toFile(half);
    library = LibraryService.open({ dataDir, logger: createLogger(null), geocoder: null });
    library.addFolder(photos);
    await library.index();
  }, 120_000);

  afterAll(() => {
    library?.close();
    temp.cleanup();
  });

  it('groups an exact copy and a resized export with their original, best copy first, and nothing else', () => {
    const view = library.duplicates.list();
    expect(view.groups).toHaveLength(1);
    const group = view.groups[0]!;
    expect(group.copies.map((c) => c.path).sort()).toEqual([copy, half, original].sort());
    // Same pixels and size for the two JPEGs: the older file, then the path, wins; the half-size PNG comes last.
    expect(group.copies[2]?.path).toBe(half);
    expect(group.bestBecause).toContain('largest');
    expect(group.copies.find((c) => c.path !== group.copies[0]?.path && c.format === 'jpeg')?.kind).toBe('exact');
    expect(group.copies.find((c) => c.path === half)?.kind).toBe('similar');
    expect(view.extraCopies).toBe(2);
    expect(view.unhashed).toBe(0);
  });

  it('keep this one hides the other copies from search and counts, never touches the files, and undo brings them back', () => {
    const bytes = sha256File(copy);
    const before = all().total;
    const keepId = library.duplicates.list().groups[0]!.copies[0]!.id;
    const kept = library.duplicates.keep(keepId);
    expect(kept.hidden).toHaveLength(2);
    expect(all().total).toBe(before - 2);
    expect(all('umbrella').total).toBe(0);
    expect(paths('is:hidden')).toHaveLength(2);
    expect(paths('is:hidden').some((p) => p === half)).toBe(true);
    expect(library.facets('').undated).toBe(before - 2); // coco photos have no capture date
    expect(library.duplicates.list().groups).toEqual([]);
    expect(library.duplicates.list().hidden).toBe(2);
    // The files stay on disk, unchanged.
    expect(fs.existsSync(half)).toBe(true);
    expect(sha256File(copy)).toBe(bytes);

    expect(library.duplicates.undo().shown.sort()).toEqual([...kept.hidden].sort());
    expect(all().total).toBe(before);
    expect(paths('is:hidden')).toEqual([]);
    expect(library.duplicates.list().groups).toHaveLength(1);
    expect(library.duplicates.undo().shown).toEqual([]);
  });

  it('hashes photos indexed before duplicates existed in the background, without analysing them again', async () => {
    library.db.db.prepare('DELETE FROM photo_hashes').run();
    const exactOnly = library.duplicates.list();
    expect(exactOnly.unhashed).toBe(5);
    expect(exactOnly.groups[0]?.copies).toHaveLength(2);
    const indexedAt = library.db.photos.byPath(original)?.indexedAt;
    await library.index();
    expect(library.db.photos.byPath(original)?.indexedAt).toBe(indexedAt);
    const view = library.duplicates.list();
    expect(view.unhashed).toBe(0);
    expect(view.groups[0]?.copies).toHaveLength(3);
  });

  it('refuses to keep a photo that has no copies', () => {
    expect(() => library.duplicates.keep(library.db.photos.byPath(other)!.id)).toThrow(/no copies/);
  });
});
