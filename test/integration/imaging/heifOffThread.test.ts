import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PhotoDecodeError } from '../../../electron/core/imaging/errors.js';
import { closeHeifDecoder, decodeHeifPreview } from '../../../electron/core/imaging/heifDecoder.js';
import { sharedData } from '../../helpers/sharedData.js';

/** libheif's wasm decoder needs seconds per 12 MP photo; run where it is, it would freeze the library's event loop. */
describe('HEIC decoding and its preview in worker threads', () => {
  afterAll(() => closeHeifDecoder());

  it('decodes while the event loop keeps turning', async () => {
    const bytes = fs.readFileSync(sharedData('exif', 'images', 'IMG_5195.HEIC'));
    let ticks = 0;
    let spinning = true;
    const spin = () => {
      ticks++;
      if (spinning) setTimeout(spin, 1);
    };
    spin();
    const { preview, width, height } = await decodeHeifPreview(bytes, { maxPixels: 100_000_000, previewSize: 1024, icc: null }).finally(() => (spinning = false));
    expect([width, height]).toEqual([2566, 3313]);
    // Only the preview crosses to this thread, never the 25 MB of full-size pixels.
    expect([preview.width, preview.height]).toEqual([793, 1024]);
    expect(preview.data.length).toBe(793 * 1024 * 3);
    // A decode on this thread would let the timer run about once; off-thread it runs all along.
    expect(ticks).toBeGreaterThan(20);
  });

  it('keeps the kind of a decoding failure across the thread boundary', async () => {
    const truncated = fs.readFileSync(sharedData('exif', 'images', 'IMG_5195.HEIC')).subarray(0, 5000);
    const error = await decodeHeifPreview(truncated, { maxPixels: 100_000_000, previewSize: 1024, icc: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoDecodeError);
    expect((error as PhotoDecodeError).kind).toMatch(/corrupt|unsupported/);
  });

  it('refuses a HEIC over the pixel limit before decoding it', async () => {
    const bytes = fs.readFileSync(sharedData('exif', 'images', 'IMG_5195.HEIC'));
    const error = await decodeHeifPreview(bytes, { maxPixels: 1_000_000, previewSize: 1024, icc: null }).catch((e: unknown) => e);
    expect((error as PhotoDecodeError).kind).toBe('too-large');
  });
});
