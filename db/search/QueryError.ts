/**
 * A query the user must fix. `position` (0-based) and `length` mark the offending characters so a UI can underline
 * them; `message` names the 1-based column and quotes the spot, for a terminal that cannot.
 */
export class QueryError extends Error {
  readonly kind = 'query-syntax' as const;

  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
