import { DatabaseError, LibraryError } from '../core/library/errors.js';
import { asLibraryDamaged } from '../core/library/libraryDamage.js';

/** Exit codes scripts can rely on. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A known error gets its own message and kind; anything else is a bug, reported with where to look. */
export function reportError(thrown: unknown, json: boolean): number {
  // A damaged page can surface from any statement; it is a known condition with one answer, not a bug.
  const error = asLibraryDamaged(thrown) ?? thrown;
  const known = error instanceof LibraryError || error instanceof DatabaseError;
  const kind = known ? (error as LibraryError | DatabaseError).kind : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  if (json) process.stdout.write(JSON.stringify({ error: { kind, message } }) + '\n');
  if (known) process.stderr.write(`phototag: ${message}\n`);
  else process.stderr.write(`phototag: unexpected error: ${message}\n${error instanceof Error && error.stack ? error.stack + '\n' : ''}Please report this with the log in <data dir>/logs.\n`);
  return kind === 'bad-request' || kind === 'query-syntax' ? ExitCode.usage : ExitCode.failure;
}
