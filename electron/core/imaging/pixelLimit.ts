import { PhotoDecodeError } from './errors.js';

export const defaultMaxPixels = 200_000_000;

/**
 * Refuses dimensions taken from a header before any decoder allocates for them: a 44-byte GIF or a 0.5 MB PNG
 * can declare 4 gigapixels, and the allocation, not the file, is what takes a machine down.
 */
export function assertWithinPixelLimit(width: number, height: number, maxPixels: number, what = 'image'): void {
  if (!Number.isFinite(width) || !Number.isFinite(height) || width <= 0 || height <= 0) {
    throw new PhotoDecodeError('corrupt', `${what} declares an invalid size of ${width}×${height}`);
  }
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new PhotoDecodeError('too-large', `${what} of ${width}×${height} = ${formatPixels(pixels)} is over the ${formatMegapixels(maxPixels)} megapixel limit`);
  }
}

export function formatPixels(pixels: number): string {
  if (pixels >= 1e9) return `${trim(pixels / 1e9)} gigapixels`;
  return `${trim(pixels / 1e6)} megapixels`;
}

function formatMegapixels(pixels: number): string {
  return trim(pixels / 1e6);
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : String(Number(n.toFixed(1)));
}
