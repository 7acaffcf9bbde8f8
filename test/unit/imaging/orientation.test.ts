import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { applyOrientation, orientedSize } from '../../../electron/core/imaging/orientation.js';

/** A 6×4 image in which every pixel differs, so any wrong flip or turn changes the output. */
const width = 6;
const height = 4;
const pixels = Buffer.alloc(width * height * 3);
for (let i = 0; i < width * height; i++) pixels.set([i * 10, 255 - i * 10, (i * 37) % 256], i * 3);
const raw = { raw: { width, height, channels: 3 as const } };

describe('applyOrientation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('turns orientation %i upright exactly as libvips does from EXIF', async (orientation) => {
    // Lossless round trip through a PNG carrying the EXIF orientation, which sharp's autoOrient honours.
    const tagged = await sharp(pixels, raw).png().withMetadata({ orientation }).toBuffer();
    expect((await sharp(tagged).metadata()).orientation).toBe(orientation);
    const expected = await sharp(tagged).autoOrient().raw().toBuffer({ resolveWithObject: true });
    const actual = await applyOrientation(sharp(pixels, raw), orientation).raw().toBuffer({ resolveWithObject: true });
    expect({ width: actual.info.width, height: actual.info.height }).toEqual({ width: expected.info.width, height: expected.info.height });
    expect(actual.data.equals(expected.data)).toBe(true);
  });

  it('leaves the image alone for a missing or invalid orientation', async () => {
    for (const orientation of [null, 0, 9]) {
      expect((await applyOrientation(sharp(pixels, raw), orientation).raw().toBuffer()).equals(pixels)).toBe(true);
    }
  });
});

describe('orientedSize', () => {
  it('swaps width and height for the four orientations that turn the picture on its side', () => {
    for (const o of [null, 1, 2, 3, 4]) expect(orientedSize(600, 450, o)).toEqual({ width: 600, height: 450 });
    for (const o of [5, 6, 7, 8]) expect(orientedSize(600, 450, o)).toEqual({ width: 450, height: 600 });
  });
});
