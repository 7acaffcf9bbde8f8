import zlib from 'node:zlib';
import { PhotoDecodeError } from './errors.js';
import { exifFromRawProfile, stripExifPrefix } from './exifBlocks.js';

/**
 * Pillow's limit for one decompressed text chunk. Compressed text in a photo is a comment or an ImageMagick
 * profile (tens of KB); past a megabyte it is a zlib bomb meant to exhaust memory, not metadata.
 */
export const pngTextChunkLimit = 1024 * 1024;

export interface PngScan {
  width: number;
  height: number;
  /** The chunk list ran past the end of the file before IEND (a cut-short copy). */
  truncated: boolean;
  /** TIFF-structured EXIF from an eXIf chunk or an ImageMagick "Raw profile type exif" text chunk. */
  exif: Buffer | null;
  xmp: string | null;
}

/**
 * Walks a PNG's chunks without decoding pixels: the size from IHDR, where the metadata is, and whether a
 * compressed text chunk is a decompression bomb. Throws PhotoDecodeError for a damaged header or a bomb.
 */
export function scanPng(bytes: Buffer): PngScan {
  if (bytes.length < 8 + 8 + 13 || bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new PhotoDecodeError('corrupt', 'damaged PNG header (no valid IHDR chunk)');
  }
  const scan: PngScan = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), truncated: false, exif: null, xmp: null };
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) {
      scan.truncated = true;
      break;
    }
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    // Chunk types are four ASCII letters; anything else means the data is garbled here, not that it stops here.
    if (!/^[A-Za-z]{4}$/.test(type)) break;
    const dataStart = at + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) {
      scan.truncated = true;
      break;
    }
    if (type === 'IEND') break;
    const data = bytes.subarray(dataStart, dataEnd);
    if (type === 'eXIf') scan.exif ??= stripExifPrefix(data);
    else if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') readTextChunk(type, data, scan);
    at = dataEnd + 4;
  }
  return scan;
}

function readTextChunk(type: 'tEXt' | 'zTXt' | 'iTXt', data: Buffer, scan: PngScan): void {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1) return;
  const keyword = data.toString('latin1', 0, keywordEnd);
  let text: Buffer | null;
  if (type === 'tEXt') {
    text = data.subarray(keywordEnd + 1);
  } else if (type === 'zTXt') {
    text = inflateText(keyword, data.subarray(keywordEnd + 2));
  } else {
    const compressed = data[keywordEnd + 1] === 1;
    const languageEnd = data.indexOf(0, keywordEnd + 3);
    const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
    if (translatedEnd < 0) return;
    const body = data.subarray(translatedEnd + 1);
    text = compressed ? inflateText(keyword, body) : body;
  }
  if (text === null) return;
  if (keyword === 'XML:com.adobe.xmp') scan.xmp ??= text.toString('utf8');
  else if (/^Raw profile type (exif|APP1)$/i.test(keyword)) scan.exif ??= exifFromRawProfile(text.toString('latin1'));
}

function inflateText(keyword: string, compressed: Buffer): Buffer | null {
  try {
    return zlib.inflateSync(compressed, { maxOutputLength: pngTextChunkLimit });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new PhotoDecodeError('too-large', `PNG text chunk '${keyword.slice(0, 40)}' inflates past ${pngTextChunkLimit / 1024 / 1024} MB (decompression bomb)`);
    }
    // A damaged comment is not worth rejecting the picture for.
    return null;
  }
}
