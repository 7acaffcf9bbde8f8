import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import type { ModelAnalyzer } from '../../../electron/core/models/ModelAnalyzer.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

const faces = sharedData('faces', 'images');
const portraits = ['img1.jpg', 'img2.jpg', 'img4.jpg', 'img13.jpg', 'img14.jpg', 'img15.jpg', 'img38.jpg', 'img39.jpg', 'img40.jpg', 'img29.jpg'];

/** People's bad input: no face, thirty faces, faces too small or cut off by the frame, a WebP named .jpg. */
describe('faces in hard photos', () => {
  const temp = makeTempDir('phototag-faces-hard-');
  const photos = path.join(temp.dir, 'photos');
  let analyzer: ModelAnalyzer;
  let library: LibraryService;
  const facesOf = (name: string) => library.describePhoto(path.join(photos, name)).faces;

  beforeAll(async () => {
    // A real WebP named .jpg, as found in the data set, and a photo with no one in it.
    copyPhotos(faces, photos, ['img47.jpg']);
    copyPhotos(sharedData('coco', 'images'), photos, ['000000000025.jpg']);
    // Thirty faces: portraits tiled 6 × 5 (each face about 70 px wide in the preview).
    const tile = 256;
    const tiles = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => ({
        input: await sharp(path.join(faces, portraits[i % portraits.length] as string)).rotate().resize(tile, tile, { fit: 'cover' }).jpeg().toBuffer(),
        left: (i % 6) * tile,
        top: Math.floor(i / 6) * tile,
      })),
    );
    await sharp({ create: { width: 6 * tile, height: 5 * tile, channels: 3, background: '#808080' } }).composite(tiles).jpeg({ quality: 90 }).toFile(path.join(photos, 'thirty.jpg'));
    // One face 40 px wide in a 2,400 px photo: too small to recognise, maybe too small to find.
    const tiny = await sharp(path.join(faces, 'img1.jpg')).rotate().resize(40, 40, { fit: 'cover' }).toBuffer();
    await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#5a6a5a' } }).composite([{ input: tiny, left: 1200, top: 800 }]).jpeg().toFile(path.join(photos, 'tiny.jpg'));
    // A portrait cut by the frame through the middle of the face.
    const meta = await sharp(path.join(faces, 'img2.jpg')).rotate().toBuffer({ resolveWithObject: true });
    await sharp(meta.data).extract({ left: 0, top: 0, width: Math.round(meta.info.width * 0.45), height: meta.info.height }).jpeg().toFile(path.join(photos, 'cut.jpg'));

    const opened = await openModelAnalyzer({ profile: 'fast', workers: 1, batchSize: 2 });
    if (!opened.analyzer) throw new Error(opened.problem ?? 'no models');
    analyzer = opened.analyzer;
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer, logger: createLogger(null) });
    library.addFolder(photos);
    await library.index();
  }, 300_000);
  afterAll(async () => {
    library?.close();
    await analyzer?.close();
    temp.cleanup();
  });

  it('indexes every one of them, none failed', () => {
    expect(library.status(10).photos).toMatchObject({ total: 5, indexed: 5, failed: 0 });
    expect(fs.readdirSync(photos).length).toBe(5);
  });

  it('reads the WebP named .jpg by its content and recognises its face', () => {
    const photo = library.describePhoto(path.join(photos, 'img47.jpg'));
    expect(photo.format).toBe('webp');
    expect(photo.faces.filter((f) => f.skipped === null).length).toBeGreaterThanOrEqual(1);
  });

  it('finds no face in a photo of giraffes', () => {
    expect(facesOf('000000000025.jpg')).toEqual([]);
  });

  it('finds most of thirty faces in one photo, each with its own box, and counts them in search', () => {
    const found = facesOf('thirty.jpg');
    expect(found.length).toBeGreaterThanOrEqual(24);
    expect(found.length).toBeLessThanOrEqual(30);
    // No face is stored twice: no two boxes overlap by half (one weak box may lean on a face, IoU 0.24 here).
    const iou = (a: readonly number[], b: readonly number[]) => {
      const w = Math.max(0, Math.min(a[2] as number, b[2] as number) - Math.max(a[0] as number, b[0] as number));
      const h = Math.max(0, Math.min(a[3] as number, b[3] as number) - Math.max(a[1] as number, b[1] as number));
      const area = (r: readonly number[]) => ((r[2] as number) - (r[0] as number)) * ((r[3] as number) - (r[1] as number));
      return (w * h) / (area(a) + area(b) - w * h);
    };
    for (const [i, a] of found.entries()) for (const b of found.slice(i + 1)) expect(iou(a.box, b.box)).toBeLessThan(0.5);
    expect(library.search(`faces:${found.length}`, { limit: 10, offset: 0 }).results.map((r) => path.basename(r.path))).toEqual(['thirty.jpg']);
  });

  it('keeps a face too small to recognise as a face without a descriptor, or none; never a person', () => {
    for (const face of facesOf('tiny.jpg')) expect(face).toMatchObject({ skipped: 'small', personId: null });
  });

  it('handles a face cut by the frame: at most one face, and no crash', () => {
    expect(facesOf('cut.jpg').length).toBeLessThanOrEqual(1);
  });
});
