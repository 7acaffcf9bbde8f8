import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { isInside } from '../../../electron/core/paths/isInside.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir, sha256File } from '../../helpers/tempDirs.js';
import { callError, callOk, waitUntilIndexed } from '../api/hostHelpers.js';

/**
 * What the viewer shows at full size, on real files: a JPEG as it is; a HEIC and a TIFF, which no browser shows,
 * as a JPEG of long side ≤ 2560 made once in the data dir, the originals untouched.
 */
describe('the full-size picture of a photo', () => {
  const temp = makeTempDir('phototag-large-');
  const photos = path.join(temp.dir, 'Photos');
  const names = ['iphone_13_pro_max.HEIC', 'BSG1.tiff', 'DSCN0010.jpg'];
  let host: LibraryHost;
  const ids = new Map<string, number>();
  const hashes = new Map<string, string>();

  beforeAll(async () => {
    copyPhotos(sharedData('exif', 'images'), photos, names);
    for (const name of names) hashes.set(name, sha256File(path.join(photos, name)));
    host = await LibraryHost.open({ dataDir: path.join(temp.dir, 'data'), analyzer: null });
    await callOk(host, 'folders.add', { path: photos });
    await waitUntilIndexed(host, names.length);
    for (const photo of (await callOk(host, 'photos.search', { query: '', limit: 10 })).results) ids.set(path.basename(photo.path), photo.id);
  }, 180_000);
  afterAll(async () => {
    await host?.close();
    temp.cleanup();
  });

  it('is the original for a JPEG', async () => {
    const id = ids.get('DSCN0010.jpg') as number;
    expect(await callOk(host, 'photos.prepareView', { id })).toEqual({ media: 'original' });
    expect(host.media({ kind: 'large', photoId: id })).toMatchObject({ ok: false, status: 404 });
  });

  it('is a large JPEG in the data dir for HEIC and TIFF, made once', async () => {
    for (const name of ['iphone_13_pro_max.HEIC', 'BSG1.tiff']) {
      const id = ids.get(name) as number;
      expect(host.media({ kind: 'large', photoId: id })).toMatchObject({ ok: false, status: 404 });
      expect(await callOk(host, 'photos.prepareView', { id })).toEqual({ media: 'large' });
      const answer = host.media({ kind: 'large', photoId: id });
      if (!answer.ok) throw new Error(answer.reason);
      expect(answer.mime).toBe('image/jpeg');
      expect(isInside(answer.file, path.join(temp.dir, 'data'))).toBe(true);
      const meta = await sharp(answer.file).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(2560);
      const detail = await callOk(host, 'photos.get', { id });
      // Never blown up, and upright as the index measured it.
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(Math.min(2560, Math.max(detail.width ?? 0, detail.height ?? 0)));
      expect((meta.width ?? 0) > (meta.height ?? 0)).toBe((detail.width ?? 0) > (detail.height ?? 0));
      // Asked again, the same file is served without decoding again.
      const made = fs.statSync(answer.file).mtimeMs;
      await callOk(host, 'photos.prepareView', { id });
      expect(fs.statSync(answer.file).mtimeMs).toBe(made);
    }
    // Nothing was written beside the photos, and the originals are unchanged.
    expect(fs.readdirSync(photos).sort()).toEqual([...names].sort());
    for (const name of names) expect(sha256File(path.join(photos, name))).toBe(hashes.get(name));
  });

  it('says so for a photo that is not in the library', async () => {
    expect((await callError(host, 'photos.prepareView', { id: 999_999 })).kind).toBe('photo-not-found');
  });
});
