export interface Migration {
  /** Strictly increasing, starting at 1; becomes `PRAGMA user_version` once applied. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
