import { describe, expect, it } from 'vitest';
import { LibraryError } from '../../../electron/core/library/errors.js';
import { asStorageError, storageFaultOf } from '../../../electron/core/library/storageFaults.js';

function coded(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('machine faults', () => {
  it.each([
    ['ENOSPC', 'full'],
    ['EDQUOT', 'full'],
    ['SQLITE_FULL', 'full'],
    ['EROFS', 'read-only'],
    ['SQLITE_READONLY', 'read-only'],
    ['SQLITE_READONLY_DBMOVED', 'read-only'],
    ['EIO', 'io'],
    ['SQLITE_IOERR_WRITE', 'io'],
    ['EMFILE', 'out-of-files'],
    ['ENFILE', 'out-of-files'],
    ['SQLITE_NOMEM', 'out-of-memory'],
  ])('%s is the machine failing (%s)', (code, fault) => {
    expect(storageFaultOf(coded(code))).toEqual({ fault, code });
  });

  it.each(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CONSTRAINT_UNIQUE', 'ENOENT', 'EISDIR'])('%s is not', (code) => {
    expect(storageFaultOf(coded(code))).toBeNull();
  });

  it('is found behind a wrapping error', () => {
    expect(storageFaultOf(new Error('cannot open', { cause: coded('SQLITE_IOERR_SHORT_READ') }))).toEqual({ fault: 'io', code: 'SQLITE_IOERR_SHORT_READ' });
  });

  it('becomes one sentence that says what to do and that nothing was lost', () => {
    const error = asStorageError(coded('SQLITE_FULL', 'database or disk is full'), '/data');
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).kind).toBe('storage-unavailable');
    expect((error as LibraryError).message).toBe('The disk holding the library (/data) is full: free some space, then run `phototag index` again; nothing was lost.');
    const other = new Error('a bug');
    expect(asStorageError(other, '/data')).toBe(other);
  });
});
