import type { PhotoFormat } from './types.js';

/** Enough of the file for every signature here, including an ISO-BMFF ftyp box with a long brand list. */
export const sniffHeadBytes = 64;

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const avifBrands = new Set(['avif', 'avis', 'avio']);
const heicBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
// Generic HEIF still-image brands: the codec is only known from the compatible brands (or the item itself).
const heifBrands = new Set(['mif1', 'msf1', 'mif2', 'miaf']);

/**
 * The format the bytes say they are, from the first few bytes of the file (pass at least `sniffHeadBytes`).
 * The extension is never consulted: photos named .heic that are JPEGs, or PNGs named .jpg, are common.
 */
export function sniffFormat(head: Buffer): PhotoFormat | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(pngSignature)) return 'png';
  if (head.length >= 6) {
    const gif = head.toString('latin1', 0, 6);
    if (gif === 'GIF87a' || gif === 'GIF89a') return 'gif';
  }
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (isTiff(head)) return 'tiff';
  return sniffIsoMedia(head);
}

function isTiff(head: Buffer): boolean {
  if (head.length < 8) return false;
  const order = head.toString('latin1', 0, 2);
  if (order === 'II') {
    const magic = head.readUInt16LE(2);
    // Canon CR2 is TIFF-shaped but its first IFD is a thumbnail: decoding it would pass off a RAW preview as the photo.
    if (head.length >= 10 && head.toString('latin1', 8, 10) === 'CR') return false;
    return magic === 42 || magic === 43;
  }
  if (order === 'MM') {
    const magic = head.readUInt16BE(2);
    return magic === 42 || magic === 43;
  }
  return false;
}

function sniffIsoMedia(head: Buffer): PhotoFormat | null {
  if (head.length < 16 || head.toString('latin1', 4, 8) !== 'ftyp') return null;
  const boxSize = head.readUInt32BE(0);
  const end = Math.min(head.length, boxSize >= 16 ? boxSize : 16);
  const major = head.toString('latin1', 8, 12);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= end; at += 4) compatible.push(head.toString('latin1', at, at + 4));
  if (avifBrands.has(major)) return 'avif';
  if (heicBrands.has(major)) return 'heic';
  if (compatible.some((b) => avifBrands.has(b))) return 'avif';
  if (compatible.some((b) => heicBrands.has(b))) return 'heic';
  if (heifBrands.has(major) || compatible.some((b) => heifBrands.has(b))) return 'heic';
  return null;
}

/** A human reason for bytes sniffFormat did not recognise, so a failure list says more than "unsupported". */
export function describeUnrecognised(head: Buffer): { kind: 'corrupt' | 'unsupported'; message: string } {
  if (head.length >= 4 && head[0] === 0x89 && head.toString('latin1', 1, 4) === 'PNG') {
    // The classic damage from an FTP/text-mode transfer rewriting line endings inside the signature.
    return { kind: 'corrupt', message: 'damaged PNG signature (the file was probably transferred as text)' };
  }
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xd8) return { kind: 'corrupt', message: 'damaged JPEG header' };
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') {
    const brand = head.toString('latin1', 8, 12).trim();
    return { kind: 'unsupported', message: `ISO media file with brand '${brand}' is not a photo format Phototag reads (video or camera RAW?)` };
  }
  if (head.length >= 10 && head.toString('latin1', 0, 2) === 'II' && head.toString('latin1', 8, 10) === 'CR') {
    return { kind: 'unsupported', message: 'camera RAW (Canon CR2) files are not supported' };
  }
  if (head.length >= 4 && head.toString('latin1', 0, 4) === '8BPS') return { kind: 'unsupported', message: 'Photoshop documents (PSD) are not supported' };
  if (head.length >= 2 && head.toString('latin1', 0, 2) === 'BM') return { kind: 'unsupported', message: 'BMP images are not supported' };
  const sample = head.subarray(0, Math.min(head.length, 32));
  if (sample.length > 0 && sample.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))) {
    return { kind: 'unsupported', message: 'not an image: the file contains text' };
  }
  const hex = head.subarray(0, 4).toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return { kind: 'unsupported', message: `not a recognised image format (starts with ${hex || 'nothing'})` };
}
