import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { RawRgbImage } from './types.js';

export const defaultThumbnailSizes: readonly number[] = [256, 1024];

/**
 * Grid thumbnails (≤ 256 px) are WebP: quality 80 is indistinguishable at grid sizes and the files are small,
 * which matters for 200,000 of them; effort 2 encodes in ~5 ms. The large view size is JPEG: libjpeg-turbo encodes
 * a 1024 px preview in ~5 ms where WebP takes ~19 ms even at effort 2, and that encode was the biggest non-model
 * cost of indexing a photo; the files are ~15 % larger.
 */
const webpOptions = { quality: 80, effort: 2 } as const;
// Without the second, Huffman-optimising pass: 1.6 ms instead of 3.7 ms a 640-px coco photo, for files 2 % larger.
const jpegOptions = { quality: 82, chromaSubsampling: '4:2:0', optimiseCoding: false } as const;
const largestWebpSize = 256;

export type ThumbnailFormat = 'webp' | 'jpeg';

export function thumbnailFormat(size: number): ThumbnailFormat {
  return size <= largestWebpSize ? 'webp' : 'jpeg';
}

export function thumbnailMime(size: number): string {
  return thumbnailFormat(size) === 'webp' ? 'image/webp' : 'image/jpeg';
}

/**
 * Where the thumbnail of a given size lives: `${dir}/${size}/${hash[0..2]}/${hash}.webp` (or .jpg for the large
 * size). Sharding by the first two hex digits keeps any one folder to a few thousand files in a 200,000-photo
 * library.
 */
export function thumbnailPath(dir: string, hash: string, size: number): string {
  if (!/^[A-Za-z0-9_-]{2,}$/.test(hash)) throw new Error(`not a content hash: '${hash}'`);
  if (!Number.isInteger(size) || size < 1) throw new Error(`not a thumbnail size: ${size}`);
  return path.join(dir, String(size), hash.slice(0, 2), `${hash}.${thumbnailFormat(size) === 'webp' ? 'webp' : 'jpg'}`);
}

/**
 * Writes one thumbnail per size, derived from the already-decoded preview (the original is never decoded twice).
 * A size larger than the preview gives the preview's size: thumbnails are never upscaled. Each file is written
 * under a temporary name and renamed into place, so a crash never leaves a half-written thumbnail; a thumbnail
 * that already exists is kept, which makes re-running after a crash or on a duplicate photo cheap.
 */
export async function writeThumbnails(
  preview: RawRgbImage,
  file: { dir: string; hash: string },
  sizes: readonly number[] = defaultThumbnailSizes,
): Promise<{ size: number; path: string }[]> {
  if (preview.data.length !== preview.width * preview.height * preview.channels) {
    throw new Error(`preview buffer holds ${preview.data.length} bytes, expected ${preview.width}×${preview.height}×${preview.channels}`);
  }
  // Sizes are encoded side by side: each encoder uses one thread per image, and the thread pool has more.
  return Promise.all(
    sizes.map(async (size) => {
      const target = thumbnailPath(file.dir, file.hash, size);
      if (!(await exists(target))) await writeAtomically(target, await encode(preview, size));
      return { size, path: target };
    }),
  );
}

function encode(preview: RawRgbImage, size: number): Promise<Buffer> {
  const resized = sharp(preview.data, { raw: { width: preview.width, height: preview.height, channels: preview.channels } }).resize({
    width: size,
    height: size,
    fit: 'inside',
    withoutEnlargement: true,
  });
  return (thumbnailFormat(size) === 'webp' ? resized.webp(webpOptions) : resized.jpeg(jpegOptions)).toBuffer();
}

async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  // Private to the user, like the rest of the library: thumbnails show what the photos show.
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  // Unique per process and call, so two workers thumbnailing the same duplicate photo never share a temp file.
  const temp = `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.promises.writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}
