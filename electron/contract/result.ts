/** Every answer across a boundary (IPC, HTTP) is one of these: never a thrown error. */
export type ErrorKind =
  | 'bad-request'
  | 'unknown-method'
  | 'not-found'
  | 'folder-not-found'
  | 'not-a-folder'
  | 'folder-not-in-library'
  | 'folder-overlaps'
  /** The web UI's folder browser looks only inside the home folder and the library's folders. */
  | 'folder-not-browsable'
  | 'photo-not-found'
  | 'library-busy'
  | 'query-syntax'
  | 'nothing-to-undo'
  | 'unauthorized'
  | 'forbidden'
  | 'storage-unavailable'
  /** The library file is damaged: `phototag doctor --repair` rebuilds it. */
  | 'library-damaged'
  | 'internal';

export interface ApiError {
  kind: ErrorKind;
  message: string;
  /** e.g. { position, length } for a query syntax error, or zod's issues for a bad request. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (kind: ErrorKind, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details ? { kind, message, details } : { kind, message },
});
