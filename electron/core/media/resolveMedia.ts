import fs from 'node:fs';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { MediaRequest } from '../../contract/media.js';
import { OutsideLibraryError, photoRealPathInLibrary } from '../adapters/photoFiles.js';
import { thumbnailMime, thumbnailPath } from '../imaging/writeThumbnails.js';
import { largeRenditionPath } from './largeRendition.js';

export type { MediaRequest, ThumbnailSize } from '../../contract/media.js';

/** A file the shell may stream (read-only), or why not: 404 for "not there (yet)", 403 for "not yours to read". */
export type MediaAnswer = { ok: true; file: string; mime: string } | { ok: false; status: 403 | 404; reason: string };

const originalMimes: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  tiff: 'image/tiff',
  heic: 'image/heic',
  heif: 'image/heif',
};

export interface MediaSource {
  library: LibraryDatabase;
  thumbnailsDir: string;
}

/**
 * Maps a media request to a file. Thumbnails live in the data dir under the photo's content hash. An original is
 * served by the rule hashing and decoding follow (openPhotoInLibrary): not through a link, and only when its real
 * path lies inside a library folder, so a file swapped for a link to somewhere else is refused rather than followed.
 */
export function resolveMedia(source: MediaSource, request: MediaRequest): MediaAnswer {
  const photo = source.library.photos.byId(request.photoId);
  if (!photo) return { ok: false, status: 404, reason: `no photo ${request.photoId} in the library` };
  if (photo.state === 'missing') return { ok: false, status: 404, reason: `${photo.path} is no longer on disk` };

  if (request.kind === 'thumb') {
    const file = thumbnailPath(source.thumbnailsDir, photo.contentHash, request.size);
    if (fs.existsSync(file)) return { ok: true, file, mime: thumbnailMime(request.size) };
    if (photo.state === 'failed') return { ok: false, status: 404, reason: `no thumbnail: ${photo.errorReason ?? 'the photo could not be read'}` };
    return { ok: false, status: 404, reason: 'no thumbnail yet: the photo is waiting to be indexed' };
  }

  if (request.kind === 'large') {
    const file = largeRenditionPath(source.thumbnailsDir, photo.contentHash);
    if (fs.existsSync(file)) return { ok: true, file, mime: 'image/jpeg' };
    return { ok: false, status: 404, reason: 'no large picture yet: ask photos.prepareView first' };
  }

  let real: string;
  try {
    real = photoRealPathInLibrary(photo.path, source.library.folders.list().map((folder) => folder.path));
  } catch (error) {
    if (error instanceof OutsideLibraryError) return { ok: false, status: 403, reason: error.message };
    return { ok: false, status: 404, reason: `${photo.path} is no longer on disk` };
  }
  return { ok: true, file: real, mime: originalMimes[photo.format ?? ''] ?? 'application/octet-stream' };
}
