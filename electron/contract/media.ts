/**
 * The pictures the UI shows. Media are named by photo id only, never by path, so a request cannot point outside
 * the library whatever it holds; the shells map these to URLs (`/media/thumb/<id>/<size>`, `/media/photo/<id>`).
 */
export type ThumbnailSize = 256 | 1024;

/**
 * `large`: for photos no browser shows (HEIC, TIFF), a JPEG of long side ≤ 2560 px kept in the data dir; it exists
 * once `photos.prepareView` has answered.
 */
export type MediaRequest = { kind: 'thumb'; photoId: number; size: ThumbnailSize } | { kind: 'original'; photoId: number } | { kind: 'large'; photoId: number };

/** The URL path the HTTP shell serves a media request at (the Electron shell may map it to its own scheme). */
export function mediaPath(request: MediaRequest): string {
  if (request.kind === 'thumb') return `/media/thumb/${request.photoId}/${request.size}`;
  return request.kind === 'large' ? `/media/large/${request.photoId}` : `/media/photo/${request.photoId}`;
}
