import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePhoto } from '../../../electron/core/imaging/decodePhoto.js';
import { writeThumbnails } from '../../../electron/core/imaging/writeThumbnails.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

/**
 * The cost that decides how long a 200,000-photo first index takes: read, decode once (metadata, preview) and
 * write both thumbnails, for the 228 COCO JPEGs, two at a time as on a 2-core machine. Speed is for the benchmark
 * (`npm run bench:index`); here every photo must come out right, and the figure is printed for a reader.
 */
describe('decode + metadata + thumbnails on the COCO photos', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('decodes every photo and writes both thumbnails', async () => {
    const dir = sharedData('coco', 'images');
    const files = fs.readdirSync(dir).filter((f) => /\.jpe?g$/i.test(f)).sort();
    expect(files.length).toBeGreaterThan(200);
    const thumbnails = path.join(temp.dir, 'thumbnails');
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < files.length) {
        const bytes = fs.readFileSync(path.join(dir, files[next++] as string));
        const photo = await decodePhoto(bytes);
        expect(Math.max(photo.preview.width, photo.preview.height)).toBeLessThanOrEqual(1024);
        await writeThumbnails(photo.preview, { dir: thumbnails, hash: createHash('sha256').update(bytes).digest('hex') });
      }
    };
    await Promise.all([worker(), worker()]);
    const msPerPhoto = (performance.now() - started) / files.length;
    console.log(`imaging: ${files.length} COCO photos, ${msPerPhoto.toFixed(1)} ms/photo (decode + metadata + 2 WebP thumbnails, 2 at a time)`);
    expect(fs.readdirSync(path.join(thumbnails, '256'), { recursive: true }).filter((f) => String(f).endsWith('.webp')).length).toBe(files.length);
  });
});
