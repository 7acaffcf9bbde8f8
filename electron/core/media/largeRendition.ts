import fs from 'node:fs';
import { hashBytes, readPhotoBytes } from '../adapters/photoFiles.js';
import { decodePhoto } from '../imaging/decodePhoto.js';
import { thumbnailPath, writeThumbnails } from '../imaging/writeThumbnails.js';
import { LibraryError } from '../library/errors.js';

/**
 * The long side of the picture the viewer shows for a photo no browser can show itself (HEIC/HEIF, TIFF): large
 * enough for a full-screen view on most displays, a JPEG of ~1 MB.
 */
export const largeRenditionSize = 2560;

/** Formats a browser shows as they are; every other photo is viewed through its large rendition. */
export const browserFormats: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif', 'avif']);

/** Where a photo's large rendition lives: beside its thumbnails in the data dir, never beside the photo. */
export function largeRenditionPath(thumbnailsDir: string, contentHash: string): string {
  return thumbnailPath(thumbnailsDir, contentHash, largeRenditionSize);
}

export interface RenditionSource {
  thumbnailsDir: string;
  libraryFolders: readonly string[];
  maxPixels?: number;
}

const inFlight = new Map<string, Promise<void>>();

/**
 * Makes the photo's large rendition unless it exists: the original read as hashing reads it (only inside a library
 * folder, never through a link), checked against the content hash it was indexed with, decoded upright, written
 * under a temporary name then renamed. Two requests for one photo share one decode.
 */
export function prepareLargeRendition(photo: { path: string; contentHash: string }, source: RenditionSource): Promise<void> {
  const target = largeRenditionPath(source.thumbnailsDir, photo.contentHash);
  if (fs.existsSync(target)) return Promise.resolve();
  const running = inFlight.get(target);
  if (running) return running;
  const made = (async () => {
    const bytes = await readPhotoBytes(photo.path, source.libraryFolders);
    if ((await hashBytes(bytes)) !== photo.contentHash) {
      throw new LibraryError('photo-not-found', `${photo.path} changed since it was indexed; it is shown again once indexed anew.`);
    }
    const decoded = await decodePhoto(bytes, { previewSize: largeRenditionSize, ...(source.maxPixels === undefined ? {} : { maxPixels: source.maxPixels }) });
    await writeThumbnails(decoded.preview, { dir: source.thumbnailsDir, hash: photo.contentHash }, [largeRenditionSize]);
  })().finally(() => inFlight.delete(target));
  inFlight.set(target, made);
  return made;
}
