import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePhoto } from '../../../electron/core/imaging/decodePhoto.js';
import type { DecodedPhoto } from '../../../electron/core/imaging/types.js';
import { thumbnailMime, thumbnailPath, writeThumbnails } from '../../../electron/core/imaging/writeThumbnails.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const hash = 'ab34f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9';

describe('writeThumbnails', () => {
  const temp = makeTempDir();
  const dir = path.join(temp.dir, 'thumbnails');
  let portrait: DecodedPhoto;
  let small: DecodedPhoto;

  beforeAll(async () => {
    // An upright-by-EXIF portrait photo larger than the preview, and a thumbnail-sized camera sample.
    portrait = await decodePhoto(fs.readFileSync(sharedData('exif', 'images', 'canon_hdr_YES.jpg')));
    small = await decodePhoto(fs.readFileSync(sharedData('exif', 'images', 'Canon_40D.jpg')));
  });

  afterAll(() => temp.cleanup());

  it('writes a WebP grid thumbnail and a JPEG view at the documented paths, long side capped at the size', async () => {
    const written = await writeThumbnails(portrait.preview, { dir, hash });
    expect(written).toEqual([
      { size: 256, path: path.join(dir, '256', 'ab', `${hash}.webp`) },
      { size: 1024, path: path.join(dir, '1024', 'ab', `${hash}.jpg`) },
    ]);
    for (const { size, path: file } of written) {
      expect(file).toBe(thumbnailPath(dir, hash, size));
      const bytes = fs.readFileSync(file);
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe(size === 256 ? 'webp' : 'jpeg');
      expect(thumbnailMime(size)).toBe(size === 256 ? 'image/webp' : 'image/jpeg');
      // Upright portrait: taller than wide, exactly as the preview.
      expect(meta.height).toBe(size);
      expect(meta.width).toBe(Math.round((size * portrait.preview.width) / portrait.preview.height));
    }
  });

  it('does not rewrite thumbnails that already exist', async () => {
    const first = await writeThumbnails(portrait.preview, { dir, hash });
    const before = first.map(({ path: file }) => fs.statSync(file, { bigint: true }));
    await new Promise((r) => setTimeout(r, 20));
    // Different pixels under the same hash: if the files were rewritten, their content and times would change.
    const again = await writeThumbnails(small.preview, { dir, hash });
    expect(again).toEqual(first);
    again.forEach(({ path: file }, i) => {
      const after = fs.statSync(file, { bigint: true });
      expect(after.mtimeNs).toBe(before[i]?.mtimeNs);
      expect(after.ino).toBe(before[i]?.ino);
    });
  });

  it('never upscales a small preview and leaves no temporary files behind', async () => {
    const other = 'cd' + hash.slice(2);
    const written = await writeThumbnails(small.preview, { dir, hash: other }, [64, 256, 1024]);
    const sizes = await Promise.all(written.map(async ({ path: file }) => sharp(file).metadata()));
    expect(sizes.map((m) => [m.width, m.height])).toEqual([
      [64, 44],
      [100, 68],
      [100, 68],
    ]);
    const leftovers = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('is safe when two callers thumbnail the same photo at once', async () => {
    const same = 'ef' + hash.slice(2);
    const results = await Promise.all([writeThumbnails(portrait.preview, { dir, hash: same }), writeThumbnails(portrait.preview, { dir, hash: same })]);
    expect(results[0]).toEqual(results[1]);
    for (const { size, path: file } of results[0] ?? []) expect((await sharp(file).metadata()).format).toBe(size === 256 ? 'webp' : 'jpeg');
  });

  it('refuses a hash that could escape the thumbnail folder', () => {
    expect(() => thumbnailPath(dir, '../../etc', 256)).toThrow(/not a content hash/);
    expect(() => thumbnailPath(dir, hash, 0)).toThrow(/not a thumbnail size/);
  });
});
