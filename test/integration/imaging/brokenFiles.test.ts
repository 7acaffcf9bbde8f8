import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePhoto } from '../../../electron/core/imaging/decodePhoto.js';
import { PhotoDecodeError, type PhotoDecodeErrorKind } from '../../../electron/core/imaging/errors.js';
import { readMetadata } from '../../../electron/core/imaging/readMetadata.js';
import type { DecodedPhoto, PhotoFormat } from '../../../electron/core/imaging/types.js';
import { readJson, sharedData } from '../../helpers/sharedData.js';

interface BrokenLabel {
  kind: string;
  expected_handling: 'reject' | 'reject-or-partial' | 'decode-by-content' | 'decode-ignore-exif' | 'reject-or-first-frame';
  bytes: number;
  sha256: string;
  pillow_9_4_load: string;
}

type Outcome = { decodes: PhotoFormat } | { rejects: PhotoDecodeErrorKind; reason: RegExp };

/**
 * What each hostile file must do. Policy: data that is cut short or damaged is rejected, never shown as a
 * grey-filled partial image (in a watched folder it is usually a copy still in progress, and it is decoded
 * again when its content changes); a file whose pixel data is complete decodes even if what follows is damaged.
 */
const expected: Record<string, Outcome> = {
  'adobe_file-webp-masquerading-as-png.png': { decodes: 'webp' },
  'adobe_png-masquerading-as-jpg.jpg': { decodes: 'png' },
  'exifsamples_invalid_image01088.jpg': { decodes: 'jpeg' },
  'photoprism_animated-earth.jpg': { rejects: 'corrupt', reason: /^truncated JPEG data/ },
  'photoprism_broken.jpg': { rejects: 'corrupt', reason: /^truncated JPEG data/ },
  'photoprism_empty.jpg': { rejects: 'empty', reason: /empty \(0 bytes\)/ },
  'photoprism_wrong.heic': { decodes: 'jpeg' },
  'pillow_broken.png': { rejects: 'corrupt', reason: /damaged PNG header/ },
  'pillow_broken_data_stream.png': { rejects: 'corrupt', reason: /damaged PNG data \(the compressed image data is corrupt\)/ },
  'pillow_crash-0c7e0e8e11ce787078f00b5b0ca409a167f070e0.tif': { rejects: 'corrupt', reason: /damaged TIFF data \(strip offsets point outside the file\)/ },
  'pillow_decompression_bomb.gif': { rejects: 'too-large', reason: /^GIF frame extent of 65535×66601 = 4.4 gigapixels is over the 200 megapixel limit$/ },
  'pillow_decompression_bomb_extents.gif': { decodes: 'gif' },
  'pillow_exif-dpi-zerodivision.jpg': { decodes: 'jpeg' },
  'pillow_hopper_bad_exif.jpg': { decodes: 'jpeg' },
  'pillow_invalid-exif.jpg': { decodes: 'jpeg' },
  'pillow_oom-225817ca0f8c663be7ab4b9e717b02c661e66834.tif': { rejects: 'corrupt', reason: /damaged TIFF file/ },
  'pillow_png_decompression_dos.png': { rejects: 'too-large', reason: /PNG text chunk 'big1' inflates past 1 MB \(decompression bomb\)/ },
  'pillow_sugarshack_bad_mpo_header.jpg': { decodes: 'jpeg' },
  'pillow_tiff_overflow_rows_per_strip.tif': { rejects: 'corrupt', reason: /damaged TIFF data \(strips are shorter/ },
  'pillow_truncated_end_chunk.png': { decodes: 'png' },
  'pillow_truncated_image.png': { rejects: 'corrupt', reason: /^truncated PNG data/ },
  'pillow_truncated_jpeg.jpg': { rejects: 'corrupt', reason: /^truncated JPEG data/ },
  'pillow_zero_width.gif': { rejects: 'corrupt', reason: /GIF declares an empty 0×32 canvas/ },
  'sharp_65536-uint32-limit.png': { rejects: 'too-large', reason: /^image of 65536×65536 = 4.3 gigapixels is over the 200 megapixel limit$/ },
  'sharp_corrupt-header.jpg': { rejects: 'corrupt', reason: /^truncated JPEG data: the file ends before the image header is complete$/ },
  'sharp_truncated.jpg': { rejects: 'corrupt', reason: /^truncated JPEG data/ },
  'sharp_truncated.png': { rejects: 'corrupt', reason: /^truncated PNG data/ },
};

const labels = readJson<Record<string, BrokenLabel>>(sharedData('broken', 'labels.json'));
const filesDir = sharedData('broken', 'files');
const names = Object.keys(labels).sort();
const perFileLimitMs = 20_000;

async function outcomeOf(bytes: Buffer): Promise<DecodedPhoto | PhotoDecodeError> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still decoding after ${perFileLimitMs} ms`)), perFileLimitMs);
  });
  try {
    return await Promise.race([decodePhoto(bytes), hang]);
  } catch (error) {
    if (error instanceof PhotoDecodeError) return error;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

describe('hostile and broken files', () => {
  const sha256 = (name: string) => createHash('sha256').update(fs.readFileSync(path.join(filesDir, name))).digest('hex');

  afterAll(() => {
    // A decoder that allocated for a bomb's declared size would have needed over 4 GB.
    const peakMb = process.resourceUsage().maxRSS / 1024;
    expect(peakMb).toBeLessThan(1024);
  });

  it('has an expectation for every labelled file', () => {
    expect(Object.keys(expected).sort()).toEqual(names);
    expect(fs.readdirSync(filesDir).sort()).toEqual(names);
  });

  it.each(names)('%s finishes with the expected outcome', async (name) => {
    const label = labels[name] as BrokenLabel;
    const want = expected[name] as Outcome;
    const bytes = fs.readFileSync(path.join(filesDir, name));
    const result = await outcomeOf(bytes);

    if ('decodes' in want) {
      expect(result, result instanceof PhotoDecodeError ? `${result.kind}: ${result.message}` : '').not.toBeInstanceOf(PhotoDecodeError);
      const photo = result as DecodedPhoto;
      expect(photo.format).toBe(want.decodes);
      // Where Pillow decoded the file, it must agree on format and size.
      const pillow = /^decodes: (\w+) (\d+)x(\d+)/.exec(label.pillow_9_4_load);
      if (pillow) expect(`${photo.format} ${photo.width}x${photo.height}`).toBe(`${pillow[1]?.toLowerCase()} ${pillow[2]}x${pillow[3]}`);
      expect(photo.preview.data.length).toBe(photo.preview.width * photo.preview.height * 3);
      expect(label.expected_handling).not.toBe('reject');
    } else {
      expect(result).toBeInstanceOf(PhotoDecodeError);
      const error = result as PhotoDecodeError;
      expect({ kind: error.kind, message: error.message }).toEqual({ kind: want.rejects, message: expect.stringMatching(want.reason) });
      expect(label.expected_handling).not.toMatch(/^decode-/);
    }
  });

  it.each(names)('%s: readMetadata returns what it can and never throws', async (name) => {
    const metadata = await readMetadata(fs.readFileSync(path.join(filesDir, name)));
    expect(Object.keys(metadata).sort()).toEqual(['camera', 'cameraMake', 'cameraModel', 'dateProblem', 'dateSource', 'gps', 'gpsProblem', 'keywords', 'lens', 'orientation', 'takenAt', 'takenTz', 'takenTzSource', 'takenZone']);
  });

  it('keeps the metadata of files whose pixels are fine and drops the EXIF that is not', async () => {
    const wrong = await decodePhoto(fs.readFileSync(path.join(filesDir, 'photoprism_wrong.heic')));
    expect(wrong.metadata).toMatchObject({ cameraMake: 'Canon', cameraModel: 'Canon EOS 6D', takenAt: '2013-03-05T17:29:26', dateSource: 'exif' });
    const mpo = await decodePhoto(fs.readFileSync(path.join(filesDir, 'pillow_sugarshack_bad_mpo_header.jpg')));
    expect(mpo.metadata).toMatchObject({ camera: 'Nintendo 3DS', takenAt: '2014-03-02T14:17:39' });
    const invalid = await decodePhoto(fs.readFileSync(path.join(filesDir, 'pillow_invalid-exif.jpg')));
    expect(invalid.metadata).toMatchObject({ takenAt: null, cameraMake: null, gps: null });
  });

  it('never writes to the files', () => {
    for (const name of names) expect(sha256(name), name).toBe(labels[name]?.sha256);
  });
});
