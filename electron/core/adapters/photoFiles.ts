import { createHash, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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

export async function statFile(file: string): Promise<FileStat | null> {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return null;
    return { path: file, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) };
  } catch {
    return null;
  }
}

export function fileExists(file: string): boolean {
  return fs.existsSync(file);
}

/** sha256 of a file's bytes, streamed so a large file never sits in memory whole. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  // 'r' and no other flag: originals are only ever read.
  const stream = fs.createReadStream(file, { flags: 'r', highWaterMark: 1 << 20 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** sha256 of bytes in memory, computed on the thread pool (WebCrypto) so a large file never stalls the event loop. */
export async function hashBytes(bytes: Buffer): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

/** Reads a photo for decoding. Opened read-only; we never write into a user's photo. */
export async function readPhotoBytes(file: string): Promise<Buffer> {
  return fs.promises.readFile(file, { flag: 'r' });
}
