import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { decodeHashes, encodeHashes, hashDistance, perceptualHashes } from '../../../../electron/core/duplicates/perceptualHash.js';
import type { RawRgbImage } from '../../../../electron/core/imaging/types.js';
import { sharedData } from '../../../helpers/sharedData.js';

async function raw(pipeline: sharp.Sharp): Promise<RawRgbImage> {
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

const photo = sharedData('coco', 'images', '000000000036.jpg');
const other = sharedData('coco', 'images', '000000000042.jpg');

describe('perceptualHashes', () => {
  it('keeps a resized, recompressed, slightly cropped or turned copy close, and another photo far', async () => {
    const base = perceptualHashes(await raw(sharp(photo)));
    const meta = await sharp(photo).metadata();
    const [w, h] = [meta.width as number, meta.height as number];
    const half = perceptualHashes(await raw(sharp(photo).resize(Math.round(w / 2))));
    const q30 = perceptualHashes(await raw(sharp(await sharp(photo).jpeg({ quality: 30 }).toBuffer())));
    const cropped = perceptualHashes(await raw(sharp(photo).extract({ left: Math.round(w * 0.025), top: Math.round(h * 0.025), width: Math.round(w * 0.95), height: Math.round(h * 0.95) })));
    const turned = perceptualHashes(await raw(sharp(photo).rotate(90)));
    const different = perceptualHashes(await raw(sharp(other)));
    expect(hashDistance(half, base)).toBeLessThanOrEqual(4);
    expect(hashDistance(q30, base)).toBeLessThanOrEqual(6);
    expect(hashDistance(cropped, base)).toBeLessThanOrEqual(14);
    // Turned: its upright hash matches one of the original's turns, not the original as it is.
    expect(hashDistance(turned, base)).toBeLessThanOrEqual(4);
    const asIs = new Uint32Array([base[0] as number, base[1] as number, base[0] as number, base[1] as number, base[0] as number, base[1] as number, base[0] as number, base[1] as number]);
    expect(hashDistance(turned, asIs)).toBeGreaterThan(16);
    expect(hashDistance(different, base)).toBeGreaterThan(16);
  });

  it('hashes a photo smaller than its grid, and round-trips through storage', () => {
    const tiny: RawRgbImage = { data: Buffer.from([0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0]), width: 2, height: 2, channels: 3 };
    const hashes = perceptualHashes(tiny);
    expect(decodeHashes(encodeHashes(hashes))).toEqual(hashes);
    expect(() => decodeHashes(Buffer.alloc(8))).toThrow(/32 bytes/);
  });
});
