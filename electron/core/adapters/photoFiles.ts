import { createHash, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isSameOrInside } from '../paths/isInside.js';

/** File extensions we treat as photos; the real format is sniffed from the bytes later. */
export const photoExtensions: ReadonlySet<string> = new Set([
  '.jpg', '.jpeg', '.jpe', '.jfif', '.png', '.webp', '.avif', '.tif', '.tiff', '.gif', '.heic', '.heif', '.hif',
]);

export function isPhotoPath(file: string): boolean {
  const base = path.basename(file);
  if (base.startsWith('.')) return false;
  return photoExtensions.has(path.extname(base).toLowerCase());
}

/** Folders that photo tools and NAS boxes fill with their own caches; never user photos. */
const ignoredDirNames = new Set(['@eaDir', '#recycle', '$RECYCLE.BIN', 'node_modules', '.thumbnails', '.Trash', '.git']);

export function isIgnoredDir(name: string): boolean {
  return name.startsWith('.') || ignoredDirNames.has(name);
}

export interface FileStat {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Every photo file below `root`. Symbolic links are not followed (they could loop or lead out of the library);
 * unreadable subfolders are reported to `onError` and skipped.
 */
export async function listPhotoFiles(root: string, onError: (dir: string, error: Error) => void = () => {}): Promise<FileStat[]> {
  const found: FileStat[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (error) {
      onError(dir, error as Error);
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!isIgnoredDir(entry.name)) pending.push(full);
      } else if (entry.isFile() && isPhotoPath(entry.name)) {
        try {
          const stat = await fs.promises.stat(full);
          found.push({ path: full, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) });
        } catch (error) {
          onError(full, error as Error);
        }
      }
    }
  }
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return found;
}

/**
 * The real path of `file` (links resolved), also when its end no longer exists: the deepest part that does is
 * resolved and the rest joined on, so a folder deleted below a linked parent is still named as it was stored.
 */
export function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  const rest: string[] = [];
  for (let at = absolute; ; at = path.dirname(at)) {
    try {
      return path.join(fs.realpathSync(at), ...rest.reverse());
    } catch {
      if (path.dirname(at) === at) return absolute;
      rest.push(path.basename(at));
    }
  }
}

/** A photo file's size and time, or null when nothing, or no plain file, is there: a link is not followed. */
export async function statFile(file: string): Promise<FileStat | null> {
  try {
    const stat = await fs.promises.lstat(file);
    if (!stat.isFile()) return null;
    return { path: file, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) };
  } catch {
    return null;
  }
}

/** Whether a plain file is at `file`. A link is not a photo of the library (listPhotoFiles skips it too). */
export function fileExists(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** A photo that is not opened because it is, or leads through, a link out of the library folders. */
export class OutsideLibraryError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    hint = 'Phototag reads only the files inside your library folders; to include the photos it leads to, add their folder',
  ) {
    super(`${file} ${problem}. ${hint}.`);
    this.name = 'OutsideLibraryError';
  }
}

// O_NOFOLLOW refuses a link as the last part of the path at open, so no link can be swapped in between a check
// and the open. O_NONBLOCK keeps a FIFO named like a photo from blocking the open forever. Windows has neither;
// the real-path check below holds there on its own. 'r' and no write flag: originals are only ever read.
const openFlags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/**
 * The rule for opening a photo, shared by hashing, decoding and serving originals: the path is not a link, the
 * opened thing is a plain file, its real path lies inside the real path of one of `folders`, and the file found
 * there is the very one opened (same device and inode), so a folder on the way swapped for a link after the open
 * cannot make us read one file while checking another. Returns the real path.
 */
function checkOpened(file: string, opened: fs.Stats, real: string, atReal: fs.Stats, folders: readonly string[]): string {
  if (!opened.isFile()) throw new OutsideLibraryError(file, 'is not a plain file', 'Only plain files are read as photos');
  if (opened.dev !== atReal.dev || opened.ino !== atReal.ino) throw new OutsideLibraryError(file, 'changed into a link while it was opened');
  if (!folders.some((folder) => isSameOrInside(real, realFolder(folder)))) throw new OutsideLibraryError(file, `leads outside the library folders (to ${real})`);
  return real;
}

/** Folders are stored by their real path, but a parent may have become a link since. */
function realFolder(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return folder;
  }
}

function linkRefused(file: string, error: unknown): never {
  // ELOOP is what O_NOFOLLOW answers for a link (and the kernel for a loop of them).
  if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new OutsideLibraryError(file, 'is a symbolic link, and links are not followed: they can lead outside the library folders');
  throw error;
}

/**
 * Opens a photo of the library read-only, or throws OutsideLibraryError (or the file system's own error, e.g.
 * ENOENT). `folders` are the library folders. The caller closes the handle.
 */
export async function openPhotoInLibrary(file: string, folders: readonly string[]): Promise<fs.promises.FileHandle> {
  const handle = await fs.promises.open(file, openFlags).catch((error: unknown) => linkRefused(file, error));
  try {
    const opened = await handle.stat();
    const real = await fs.promises.realpath(file);
    checkOpened(file, opened, real, await fs.promises.stat(real), folders);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The same rule, synchronously, for a shell that streams the file itself (media requests): the real path of a
 * photo of the library, or OutsideLibraryError (or the file system's error).
 */
export function photoRealPathInLibrary(file: string, folders: readonly string[]): string {
  let fd: number;
  try {
    fd = fs.openSync(file, openFlags);
  } catch (error) {
    linkRefused(file, error);
  }
  try {
    const opened = fs.fstatSync(fd);
    const real = fs.realpathSync(file);
    return checkOpened(file, opened, real, fs.statSync(real), folders);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Read buffers for hashFile, reused: a read stream allocates a fresh 1 MB buffer for every read, even of a 100 KB
 * photo, and that garbage, 2+ MB a photo while a scan hashes, forced the library thread's full garbage collections.
 */
const hashChunkBytes = 256 * 1024;
const idleHashChunks: Buffer[] = [];

/** sha256 of a photo's bytes (see openPhotoInLibrary), read in chunks so a large file never sits in memory whole. */
export async function hashFile(file: string, folders: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  const handle = await openPhotoInLibrary(file, folders);
  const chunk = idleHashChunks.pop() ?? Buffer.allocUnsafeSlow(hashChunkBytes);
  try {
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      hash.update(chunk.subarray(0, bytesRead));
    }
  } finally {
    idleHashChunks.push(chunk);
    await handle.close();
  }
  return hash.digest('hex');
}

/** sha256 of bytes in memory, computed on the thread pool (WebCrypto) so a large file never stalls the event loop. */
export async function hashBytes(bytes: Buffer): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

/** Reads a photo of the library for decoding (see openPhotoInLibrary). We never write into a user's photo. */
export async function readPhotoBytes(file: string, folders: readonly string[]): Promise<Buffer> {
  const handle = await openPhotoInLibrary(file, folders);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
