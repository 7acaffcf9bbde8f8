/**
 * The pictures the UI shows. Media are named by photo id only, never by path, so a request cannot point outside
 * the library whatever it holds; the shells map these to URLs (`/media/thumb/<id>/<size>`, `/media/photo/<id>`).
 */
export type ThumbnailSize = 256 | 1024;

export type MediaRequest = { kind: 'thumb'; photoId: number; size: ThumbnailSize } | { kind: 'original'; photoId: number };

/** The URL path the HTTP shell serves a media request at (the Electron shell may map it to its own scheme). */
export function mediaPath(request: MediaRequest): string {
  return request.kind === 'thumb' ? `/media/thumb/${request.photoId}/${request.size}` : `/media/photo/${request.photoId}`;
}
