import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicatesUndoView, DuplicatesView, SearchPageView } from '../../../electron/contract/views.js';
import { runCli, runCliJson } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir, sha256File } from '../../helpers/tempDirs.js';

/** `phototag duplicates` on real photos: an original, its exact copy, a half-size PNG and a JPEG saved again at q40. */
describe('phototag duplicates', () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const photos = path.join(temp.dir, 'photos');
  const json = <T>(...args: string[]) => runCliJson<T>(['--data-dir', dataDir, ...args]);
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
  const original = path.join(photos, '000000000036.jpg');
  const exact = path.join(photos, 'backup', '000000000036.jpg');
  const resized = path.join(photos, 'exported', 'umbrella-half.png');
  const recompressed = path.join(photos, 'exported', 'umbrella-q40.jpg');
  const unrelated = ['000000000042.jpg', '000000000049.jpg'];
  const copies = [original, exact, resized, recompressed];

  beforeAll(async () => {
    const coco = sharedData('coco', 'images');
    copyPhotos(coco, photos, ['000000000036.jpg', ...unrelated]);
    copyPhotos(coco, path.dirname(exact), ['000000000036.jpg']);
    fs.mkdirSync(path.dirname(resized), { recursive: true });
    const meta = await sharp(original).metadata();
    await sharp(original).resize(Math.round((meta.width as number) / 2)).png().toFile(resized);
    await sharp(original).jpeg({ quality: 40 }).toFile(recompressed);
    expect(cli('add', photos).status).toBe(0);
    const index = cli('--models', 'off', 'index');
    expect(index.status, index.stderr).toBe(0);
  }, 300_000);
  afterAll(() => temp.cleanup());

  it('lists the one group, best copy first with why, and the counts; the other photos are in no group', () => {
    const view = json<DuplicatesView>('duplicates');
    expect(view.groups).toHaveLength(1);
    const group = view.groups[0]!;
    expect(group.copies.map((c) => c.path).sort()).toEqual([...copies].sort());
    // The full-size JPEGs (same pixels) come before the re-saved one, which is smaller, and the half-size PNG last.
    expect([original, exact]).toContain(group.copies[0]?.path);
    expect(group.copies[3]?.path).toBe(resized);
    expect(group.bestBecause).toContain('largest');
    expect(group.copies.filter((c) => c.kind === 'exact').map((c) => c.path)).toHaveLength(1);
    expect(view).toMatchObject({ extraCopies: 3, hidden: 0, unhashed: 0 });

    const text = cli('duplicates');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^1 group of copies; keeping the best of each would hide 3 photos\./);
    expect(text.stdout).toMatch(/Group 1: 4 copies; the first is the best: largest/);
    expect(text.stdout).toContain('the same file');
    expect(text.stdout).toContain(`phototag duplicates keep ${group.copies[0]!.id}`);
  });

  it('keep <path> hides the other copies from search without touching a file, and undo shows them again', () => {
    const before = json<SearchPageView>('search', '').total;
    const bytes = copies.map(sha256File);
    const kept = json<{ kept: { id: number; path: string }; hidden: number[] }>('duplicates', 'keep', recompressed);
    expect(kept.kept.path).toBe(recompressed);
    expect(kept.hidden).toHaveLength(3);
    expect(json<SearchPageView>('search', '').total).toBe(before - 3);
    expect(json<SearchPageView>('search', 'is:hidden').results.map((r) => r.path).sort()).toEqual([original, exact, resized].sort());
    expect(json<DuplicatesView>('duplicates')).toMatchObject({ groups: [], extraCopies: 0, hidden: 3 });
    expect(cli('duplicates').stdout).toMatch(/No duplicates.*\n3 photos hidden so far/);
    expect(copies.map((p) => fs.existsSync(p))).toEqual([true, true, true, true]);
    expect(copies.map(sha256File)).toEqual(bytes);

    expect(json<DuplicatesUndoView>('duplicates', 'undo').shown.sort()).toEqual([...kept.hidden].sort());
    expect(json<SearchPageView>('search', '').total).toBe(before);
    expect(json<DuplicatesView>('duplicates').groups[0]?.copies).toHaveLength(4);
    const nothing = cli('duplicates', 'undo');
    expect(nothing.status).toBe(0);
    expect(nothing.stdout).toMatch(/Nothing to undo/);
  });

  it('keep by id says which copies it hid', () => {
    const bestId = json<DuplicatesView>('duplicates').groups[0]!.copies[0]!.id;
    const kept = cli('duplicates', 'keep', String(bestId));
    expect(kept.status, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/hid 3 other copies/);
    expect(kept.stdout).toContain(resized);
    expect(cli('duplicates', 'undo').stdout).toMatch(/Showing 3 photos again/);
  });

  it('refuses a photo with no copies, or one not in the library, with a clear message and exit 1', () => {
    const alone = cli('duplicates', 'keep', path.join(photos, unrelated[0]!));
    expect(alone.status).toBe(1);
    expect(alone.stderr).toMatch(/^phototag: Photo \d+ has no copies left to hide/);
    const missing = cli('duplicates', 'keep', path.join(temp.dir, 'nowhere.jpg'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^phototag: No photo .*nowhere\.jpg in the library/);
    expect(json<SearchPageView>('search', 'is:hidden').total).toBe(0);
  });
});

/**
 * The sample library's waterfall: `../shared/data/exif/images` holds 16 real photos of one waterfall (landscape_1..8
 * and portrait_1..8: the same picture saved with EXIF orientations 1–8, each with its number drawn on). Indexed as
 * it is (read, never written), without models: the perceptual hash alone.
 */
describe('phototag duplicates on the sample library (exif/images)', () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const photos = sharedData('exif', 'images');
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
  const named = (prefix: string) => Array.from({ length: 8 }, (_, i) => path.join(photos, `${prefix}_${i + 1}.jpg`)).sort();

  beforeAll(() => {
    expect(cli('add', photos).status).toBe(0);
    const index = cli('--models', 'off', 'index');
    expect(index.status, index.stderr).toBe(0);
  }, 300_000);
  afterAll(() => temp.cleanup());

  it('puts the 16 waterfall copies in two groups of 8 (the landscape and the portrait framing), and nothing unrelated with them', () => {
    const view = runCliJson<DuplicatesView>(['--data-dir', dataDir, 'duplicates']);
    const groups = view.groups.map((g) => g.copies.map((c) => c.path).sort());
    expect(groups).toContainEqual(named('landscape'));
    expect(groups).toContainEqual(named('portrait'));
    // Turned back upright, every copy has the same shape as its best copy.
    for (const group of view.groups.filter((g) => path.basename(g.copies[0]!.path).match(/^(landscape|portrait)_/))) {
      expect(new Set(group.copies.map((c) => `${c.width}×${c.height}`)).size).toBe(1);
    }
    // The other groups are the same picture saved in other formats: pillow's test image as PNG, AVIF and a PNG
    // with an orientation tag; Canon_PowerShot_S40.jpg and pillow_flower.webp are one flower photo.
    expect(groups.filter((g) => !g.some((p) => /(landscape|portrait)_\d\.jpg$/.test(p))).map((g) => g.map((p) => path.basename(p)))).toEqual(
      expect.arrayContaining([
        ['pillow_exif.avif', 'pillow_exif.png', 'pillow_exif_imagemagick_orientation.png'],
        ['Canon_PowerShot_S40.jpg', 'pillow_flower.webp'],
      ]),
    );
    expect(view).toMatchObject({ unhashed: 0, hidden: 0 });
    expect(view.groups).toHaveLength(4);
    expect(view.extraCopies).toBe(7 + 7 + 2 + 1);
  });
});
