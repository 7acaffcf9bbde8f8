import type { MediaRequest, ThumbnailSize } from '../../contract/media.js';
import { MEDIA_SCHEME } from './schemes.js';

/**
 * The media URL format: `phototag-media://thumb/<photo id>/<256|1024>`, `phototag-media://photo/<photo id>` and
 * `phototag-media://large/<photo id>`.
 * A URL names a photo by its library id and nothing else, so whatever a page puts in one it cannot reach a file
 * outside the library: the id goes to LibraryHost.media(), which decides what file (if any) that is.
 */
export function mediaUrl(request: MediaRequest): string {
  if (request.kind === 'thumb') return `${MEDIA_SCHEME}://thumb/${request.photoId}/${request.size}`;
  return request.kind === 'large' ? `${MEDIA_SCHEME}://large/${request.photoId}` : `${MEDIA_SCHEME}://photo/${request.photoId}`;
}

// Canonical decimal ids only (no signs, exponents, leading zeros or escapes), so one photo has exactly one URL.
const idPattern = '([1-9][0-9]{0,15})';
const thumbPath = new RegExp(`^/${idPattern}/(256|1024)$`);
const photoPath = new RegExp(`^/${idPattern}$`);

/** The media request a URL stands for, or null for anything that is not exactly one of the two forms above. */
export function parseMediaUrl(raw: string): MediaRequest | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${MEDIA_SCHEME}:` || url.username !== '' || url.password !== '' || url.port !== '' || url.search !== '') return null;
  // Chromium lower-cases the host of a standard scheme before we see it; Node's parser does not. Accept both spellings.
  const host = url.hostname.toLowerCase();
  if (host === 'thumb') {
    const match = thumbPath.exec(url.pathname);
    const photoId = toPhotoId(match?.[1]);
    return match && photoId !== null ? { kind: 'thumb', photoId, size: Number(match[2]) as ThumbnailSize } : null;
  }
  if (host === 'photo' || host === 'large') {
    const photoId = toPhotoId(photoPath.exec(url.pathname)?.[1]);
    return photoId !== null ? { kind: host === 'photo' ? 'original' : 'large', photoId } : null;
  }
  return null;
}

function toPhotoId(digits: string | undefined): number | null {
  if (digits === undefined) return null;
  const id = Number(digits);
  return Number.isSafeInteger(id) ? id : null;
}
