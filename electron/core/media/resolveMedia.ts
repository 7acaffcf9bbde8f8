import fs from 'node:fs';
import path from 'node:path';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { MediaRequest } from '../../contract/media.js';
import { thumbnailMime, thumbnailPath } from '../imaging/writeThumbnails.js';

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
 * served only when its real path (symlinks resolved) lies inside a library folder: a file swapped for a link to
 * somewhere else is refused rather than followed.
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

  let real: string;
  try {
    real = fs.realpathSync(photo.path);
  } catch {
    return { ok: false, status: 404, reason: `${photo.path} is no longer on disk` };
  }
  const inside = source.library.folders.list().some((folder) => real.startsWith(folderRoot(folder.path)));
  if (!inside) return { ok: false, status: 403, reason: `${photo.path} leads outside the library folders` };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(real);
  } catch {
    return { ok: false, status: 404, reason: `${photo.path} is no longer on disk` };
  }
  if (!stat.isFile()) return { ok: false, status: 404, reason: `${photo.path} is not a file` };
  return { ok: true, file: real, mime: originalMimes[photo.format ?? ''] ?? 'application/octet-stream' };
}

/** Folder paths are stored resolved; their own real path is compared too in case a parent was a link. */
function folderRoot(folder: string): string {
  let real = folder;
  try {
    real = fs.realpathSync(folder);
  } catch {
    // An unreachable folder holds nothing servable; its stored path never prefixes a real file below.
  }
  return real.endsWith(path.sep) ? real : real + path.sep;
}
