import sharp, { type Sharp } from 'sharp';
import { rgbTiffWithIcc } from './iccTiff.js';
import { PhotoDecodeError } from './errors.js';
import type { RawRgbImage } from './types.js';

/**
 * Transparent pixels are flattened on white: transparent images in photo libraries are mostly logos, scans and
 * screenshots with dark content made for light pages, which would vanish on black.
 */
const flattenBackground = '#ffffff';

/** A decode's preview: long side at most `previewSize`, never upscaled, flattened, sRGB, 8-bit RGB. */
export async function toPreview(pipeline: Sharp, previewSize: number): Promise<RawRgbImage> {
  const { data, info } = await pipeline
    .resize({ width: previewSize, height: previewSize, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true })
    .flatten({ background: flattenBackground })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new PhotoDecodeError('unsupported', `image decoded to ${info.channels} channels instead of RGB`);
  return { data, width: info.width, height: info.height, channels: 3 };
}

/**
 * The preview of pixels decoded outside libvips (HEIC): shrunk first, then, when the file carries an ICC profile,
 * converted from it to sRGB. It runs where the pixels are (the HEIC decoder's thread), so a 12-48 MB full-size
 * image never reaches the library's thread, only its preview.
 */
export async function previewFromPixels(
  pixels: { data: Buffer; width: number; height: number; channels: 3 | 4 },
  icc: Buffer | null,
  previewSize: number,
  maxPixels: number,
): Promise<RawRgbImage> {
  const raw = { width: pixels.width, height: pixels.height, channels: pixels.channels };
  const preview = await toPreview(sharp(pixels.data, { raw, limitInputPixels: maxPixels }), previewSize);
  return icc ? toPreview(sharp(rgbTiffWithIcc(preview.data, preview.width, preview.height, icc)), previewSize) : preview;
}
