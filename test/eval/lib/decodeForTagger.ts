import sharp from 'sharp';
import type { RawRgbImage } from '../../../native-models/tagger/types.js';

/** Decodes a photo the way the core does: EXIF-upright, sRGB, 3 channels, long side ≤ 1024. */
export async function decodeForTagger(file: string, maxSide = 1024): Promise<RawRgbImage> {
  const { data, info } = await sharp(file)
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`${file}: decoded to ${info.channels} channels, expected 3`);
  return { data, width: info.width, height: info.height, channels: 3 };
}
