export type DatabaseErrorKind = 'db-too-new' | 'db-unreadable' | 'db-corrupt';

/** A database problem the user must act on; `message` says what to do. */
export class DatabaseError extends Error {
  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}
