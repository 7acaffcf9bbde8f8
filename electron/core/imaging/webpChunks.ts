import { stripExifPrefix } from './exifBlocks.js';

/** EXIF and XMP chunks of an extended (VP8X) WebP. exifr does not read WebP, so the chunks are found here. */
export function scanWebp(bytes: Buffer): { exif: Buffer | null; xmp: string | null } {
  const found: { exif: Buffer | null; xmp: string | null } = { exif: null, xmp: null };
  let at = 12;
  while (at + 8 <= bytes.length) {
    const type = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    const end = at + 8 + size;
    if (end > bytes.length) break;
    if (type === 'EXIF') found.exif ??= stripExifPrefix(bytes.subarray(at + 8, end));
    else if (type === 'XMP ') found.xmp ??= bytes.toString('utf8', at + 8, end);
    // RIFF chunks are padded to an even length.
    at = end + (size & 1);
  }
  return found;
}
