import { LibraryService, type LibraryServiceOptions } from '../core/library/LibraryService.js';
import { asStorageError } from '../core/library/storageFaults.js';

/**
 * Opens the library for one command and closes it whatever happens. A full or read-only disk is the machine's
 * doing: it reaches the user as one sentence with what to do, not a stack trace.
 */
export async function withOpenLibrary<T>(options: LibraryServiceOptions, fn: (library: LibraryService) => Promise<T> | T): Promise<T> {
  const library = LibraryService.open(options);
  try {
    return await fn(library);
  } catch (error) {
    throw asStorageError(error, library.paths.dataDir, 'try again');
  } finally {
    library.close();
  }
}
