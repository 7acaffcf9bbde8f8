import fs from 'node:fs';
import { decodePhoto } from '../../../electron/core/imaging/decodePhoto.js';
import type { RawRgbImage } from '../../../native-models/tagger/types.js';

/** Decodes a photo exactly as the library does (EXIF-upright, sRGB, 3 channels, long side ≤ 1024). */
export async function decodeForTagger(file: string): Promise<RawRgbImage> {
  return (await decodePhoto(fs.readFileSync(file))).preview;
}
