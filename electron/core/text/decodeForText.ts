import { gateLongSide } from '../../../native-models/text/gateSize.js';
import { decodePhoto, sniffFormat, sniffHeadBytes, type RawRgbImage } from '../imaging/index.js';

/**
 * Pixels read for text: about 4 megapixels, upright. A long side cap alone would shrink a 12,000-px-long
 * screenshot's lines to nothing; a pixel budget keeps text readable on long images and bounds the work on huge ones.
 */
export const textPixelBudget = 4_000_000;

export function textPreviewSize(width: number, height: number): number {
  const long = Math.max(width, height);
  const pixels = width * height;
  if (pixels <= textPixelBudget) return long;
  return Math.max(1, Math.floor(long * Math.sqrt(textPixelBudget / pixels)));
}

/** Decodes a photo's bytes for reading its text; throws PhotoDecodeError like every decode. */
export async function decodeForText(bytes: Buffer, size: { width: number; height: number } | null, maxPixels?: number): Promise<RawRgbImage> {
  // Without a stored size the first decode's header gives it; the preview then follows the budget.
  const previewSize = size ? textPreviewSize(size.width, size.height) : 2048;
  const decoded = await decodePhoto(bytes, { previewSize, ...(maxPixels !== undefined ? { maxPixels } : {}) });
  if (!size) {
    const wanted = textPreviewSize(decoded.width, decoded.height);
    if (wanted > previewSize) return (await decodePhoto(bytes, { previewSize: wanted, ...(maxPixels !== undefined ? { maxPixels } : {}) })).preview;
  }
  return decoded.preview;
}

/**
 * Decodes a photo's bytes at the size the text gate looks at (640 px long, more for images longer than 2:1):
 * shrink-on-load makes this a small part of a decode at the reading size, which only photos with text need
 * (`decodeForText`, called when the gate finds some). Throws PhotoDecodeError like every decode.
 */
export async function decodeForGate(bytes: Buffer, size: { width: number; height: number } | null, maxPixels?: number): Promise<RawRgbImage> {
  const previewSize = size ? gateLongSide(size.width, size.height) : 640;
  return (await decodePhoto(bytes, { previewSize, ...(maxPixels !== undefined ? { maxPixels } : {}) })).preview;
}

/**
 * A photo's pixels for the text reader: at the gate's size, and how to get them at the reading size for a photo
 * the gate sends (TextReader.read's `full`). A HEIC photo is decoded whole whatever size is asked (libheif has no
 * shrink-on-load), so it is decoded once, at the reading size, and the gate shrinks that.
 */
export async function decodeForReading(
  bytes: Buffer,
  size: { width: number; height: number } | null,
  maxPixels?: number,
): Promise<{ gate: RawRgbImage; full?: () => Promise<RawRgbImage> }> {
  if (sniffFormat(bytes.subarray(0, sniffHeadBytes)) === 'heic') return { gate: await decodeForText(bytes, size, maxPixels) };
  // A photo no larger than the gate's decode (a 640-px photo) is decoded at its own size either way: read that.
  if (size && gateLongSide(size.width, size.height) >= textPreviewSize(size.width, size.height)) return { gate: await decodeForGate(bytes, size, maxPixels) };
  return { gate: await decodeForGate(bytes, size, maxPixels), full: () => decodeForText(bytes, size, maxPixels) };
}
