import type { ErrorKind } from '../../contract/result.js';

/** Library errors are contract errors: the same kinds reach the CLI, IPC and HTTP. */
export type LibraryErrorKind = Extract<
  ErrorKind,
  | 'folder-not-found'
  | 'not-a-folder'
  | 'folder-not-in-library'
  | 'folder-overlaps'
  | 'folder-not-browsable'
  | 'photo-not-found'
  | 'not-found'
  | 'library-busy'
  | 'query-syntax'
  | 'bad-request'
  | 'nothing-to-undo'
  | 'forbidden'
  | 'storage-unavailable'
  | 'library-damaged'
>;

/** An error the user caused or can fix; the message says what to do. */
export class LibraryError extends Error {
  constructor(
    readonly kind: LibraryErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}

/** The database's own problems (too new, unreadable, damaged), which the shells report as they report these. */
export { DatabaseError } from '../../../db/errors.js';
