import type { ErrorKind } from '../../contract/result.js';

/** Library errors are contract errors: the same kinds reach the CLI, IPC and HTTP. */
export type LibraryErrorKind = Extract<
  ErrorKind,
  | 'folder-not-found'
  | 'not-a-folder'
  | 'folder-not-in-library'
  | 'folder-overlaps'
  | 'photo-not-found'
  | 'library-busy'
  | 'query-syntax'
  | 'bad-request'
  | 'nothing-to-undo'
  | 'forbidden'
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
