import { LibraryError } from './errors.js';

/** What the machine ran out of or refused, as opposed to a problem with a photo's content. */
export type StorageFault = 'full' | 'read-only' | 'io' | 'out-of-files' | 'out-of-memory';

export interface StorageFaultDetails {
  fault: StorageFault;
  code: string;
  dir: string;
}

const errnoFaults: Readonly<Record<string, StorageFault>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'read-only',
  EACCES: 'read-only',
  EPERM: 'read-only',
  EIO: 'io',
  EMFILE: 'out-of-files',
  ENFILE: 'out-of-files',
  ENOMEM: 'out-of-memory',
};

/** Whether an errno code (ENOSPC, EMFILE…) is the machine's fault when it comes from the library's own files. */
export function isMachineErrno(code: string): boolean {
  return code in errnoFaults;
}

function sqliteFault(code: string): StorageFault | null {
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') return 'read-only';
  if (code === 'SQLITE_NOMEM' || code === 'SQLITE_IOERR_NOMEM') return 'out-of-memory';
  if (code.startsWith('SQLITE_IOERR')) return 'io';
  return null;
}

/**
 * The machine fault behind an error from the file system or SQLite (looking through `cause`s), or null when the
 * error is about something else. Only meaningful for operations on the library's own files: EACCES on a photo
 * the user cannot read is that photo's problem, not the machine's.
 */
export function storageFaultOf(error: unknown): { fault: StorageFault; code: string } | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') continue;
    const fault = code.startsWith('SQLITE_') ? sqliteFault(code) : (errnoFaults[code] ?? null);
    if (fault) return { fault, code };
  }
  return null;
}

/** One plain sentence: what happened to the library's disk, what to do, and that nothing was lost. */
export function describeStorageFault(details: StorageFaultDetails, then: string): string {
  const { dir, code } = details;
  switch (details.fault) {
    case 'full':
      return `The disk holding the library (${dir}) is full: free some space, then ${then}; nothing was lost.`;
    case 'read-only':
      return `The library in ${dir} is on a read-only disk or not writable (${code}): make it writable, then ${then}; nothing was lost.`;
    case 'io':
      return `The disk holding the library (${dir}) reported an input/output error (${code}): check the disk, then ${then}; nothing was lost.`;
    case 'out-of-files':
      return `Phototag ran out of open files (${code}): close some programs or raise the limit (ulimit -n), then ${then}; nothing was lost.`;
    case 'out-of-memory':
      return `The machine ran out of memory (${code}): close some programs, then ${then}; nothing was lost.`;
  }
}

const indexAgain = 'run `phototag index` again';

/** `error` as a storage-unavailable LibraryError when the machine caused it; otherwise `error` itself. */
export function asStorageError(error: unknown, dir: string, then: string = indexAgain): unknown {
  if (error instanceof LibraryError) return error;
  const found = storageFaultOf(error);
  if (!found) return error;
  const details: StorageFaultDetails = { ...found, dir };
  return new LibraryError('storage-unavailable', describeStorageFault(details, then), { ...details });
}

/** The details of a storage-unavailable LibraryError, for a shell that words its own advice. */
export function storageFaultDetails(error: unknown): StorageFaultDetails | null {
  if (!(error instanceof LibraryError) || error.kind !== 'storage-unavailable') return null;
  const { fault, code, dir } = error.details;
  return typeof fault === 'string' && typeof code === 'string' && typeof dir === 'string' ? { fault: fault as StorageFault, code, dir } : null;
}
