import type { ZodError } from 'zod';
import { DatabaseError } from '../library/errors.js';
import { apiInputs, isApiMethod, type ApiMethod, type ApiOutput, type ApiParsedInput } from '../../contract/api.js';
import { fail, ok, type ErrorKind, type Result } from '../../contract/result.js';
import { LibraryError } from '../library/errors.js';
import { asLibraryDamaged } from '../library/libraryDamage.js';
import { asStorageError } from '../library/storageFaults.js';
import type { Logger } from '../logging/logger.js';

export type ApiHandlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M> };

/**
 * The one entry point every transport (Electron IPC, HTTP) uses: checks the method, validates the input against
 * the contract, runs the handler and turns every outcome into a Result — a bad message never throws.
 */
export async function dispatchApiCall(handlers: ApiHandlers, method: string, input: unknown, logger?: Logger, dataDir?: string): Promise<Result<unknown>> {
  if (typeof method !== 'string' || !isApiMethod(method)) {
    return fail('unknown-method', `unknown method ${JSON.stringify(method)}`, { known: Object.keys(apiInputs) });
  }
  const parsed = apiInputs[method].safeParse(input ?? {});
  if (!parsed.success) return fail('bad-request', describeZodError(method, parsed.error), { issues: parsed.error.issues });
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown> | unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    const damaged = asLibraryDamaged(error);
    if (damaged) {
      logger?.error({ method, err: (error as Error).message }, 'the library file is damaged');
      return fail('library-damaged', damaged.message);
    }
    // A write the disk refused (full, read-only, I/O error): the user's change was not made and is not lost work.
    const storage = dataDir === undefined ? error : asStorageError(error, dataDir, 'try again');
    if (storage instanceof LibraryError && storage.kind === 'storage-unavailable') {
      logger?.warn({ method, err: (error as Error).message }, 'the disk refused a write');
      return fail('storage-unavailable', storage.message, storage.details);
    }
    if (error instanceof LibraryError) return fail(error.kind as ErrorKind, error.message, error.details);
    if (error instanceof DatabaseError) return fail('internal', error.message);
    logger?.error({ method, err: (error as Error).message, stack: (error as Error).stack }, 'api call failed');
    return fail('internal', `${method} failed: ${(error as Error).message}`);
  }
}

function describeZodError(method: string, error: ZodError): string {
  const first = error.issues[0];
  if (!first) return `invalid input for ${method}`;
  const where = first.path.length > 0 ? first.path.join('.') : 'input';
  return `invalid ${where} for ${method}: ${first.message}`;
}
