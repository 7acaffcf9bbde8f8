/**
 * EXIF travels as a TIFF structure; containers wrap it differently. These helpers turn each wrapping back into
 * the bare TIFF bytes that exifr parses.
 */

const exifPrefix = Buffer.from('Exif\0\0', 'latin1');

/** WebP EXIF chunks and ImageMagick profiles often keep the JPEG APP1 "Exif\0\0" prefix; the TIFF starts after it. */
export function stripExifPrefix(block: Buffer): Buffer {
  return block.subarray(0, 6).equals(exifPrefix) ? block.subarray(6) : block;
}

/**
 * ImageMagick stores EXIF in PNG text as "\nexif\n   <length>\n<hex digits...>". Returns null for anything that
 * is not that shape or whose length does not match.
 */
export function exifFromRawProfile(text: string): Buffer | null {
  const [name, lengthText, ...lines] = text.trim().split(/\s+/);
  if (!name || !lengthText || !/^\d+$/.test(lengthText)) return null;
  const length = Number(lengthText);
  const hex = lines.join('');
  if (length <= 0 || hex.length < length * 2 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  return stripExifPrefix(Buffer.from(hex.slice(0, length * 2), 'hex'));
}

/** True when the block starts like a TIFF header, so exifr will read it as EXIF rather than guess a file type. */
export function isTiffHeader(block: Buffer): boolean {
  if (block.length < 8) return false;
  const order = block.toString('latin1', 0, 2);
  return (order === 'II' && block.readUInt16LE(2) === 42) || (order === 'MM' && block.readUInt16BE(2) === 42);
}
