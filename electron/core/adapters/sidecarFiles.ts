import fs from 'node:fs';
import path from 'node:path';
import { openPhotoInLibrary, OutsideLibraryError } from './photoFiles.js';

/** How sidecars are named: digiKam and darktable add '.xmp' to the whole name, Lightroom replaces the extension. */
export const sidecarNamings = ['photo.ext.xmp', 'photo.xmp'] as const;
export type SidecarNaming = (typeof sidecarNamings)[number];

/** Larger than any real sidecar (they hold text metadata); a bigger file named .xmp is not read. */
const maxSidecarBytes = 4 << 20;

export function sidecarPath(photo: string, naming: SidecarNaming): string {
  if (naming === 'photo.ext.xmp') return `${photo}.xmp`;
  const ext = path.extname(photo);
  return `${ext ? photo.slice(0, -ext.length) : photo}.xmp`;
}

/** Every sidecar a photo may have, in both namings and both cases of the extension, without duplicates. */
export function sidecarCandidates(photo: string): string[] {
  const names = sidecarNamings.map((n) => sidecarPath(photo, n));
  return [...new Set([...names, ...names.map((n) => n.slice(0, -4) + '.XMP')])];
}

export interface SidecarText {
  path: string;
  text: string;
  mtimeMs: number;
  size: number;
}

/** What the photo's sidecars are now, to tell whether they changed since they were read: name, time and size of each. */
export function sidecarSignature(sidecars: readonly Pick<SidecarText, 'path' | 'mtimeMs' | 'size'>[]): string {
  return JSON.stringify(sidecars.map((s) => [path.basename(s.path), s.mtimeMs, s.size]));
}

/** The signature of the sidecars next to a photo from their stats alone (plain files; links are not sidecars here). */
export async function statSidecars(photo: string): Promise<string> {
  const found: Pick<SidecarText, 'path' | 'mtimeMs' | 'size'>[] = [];
  const seen = new Set<string>();
  for (const candidate of sidecarCandidates(photo)) {
    const stat = await fs.promises.lstat(candidate).catch(() => null);
    if (!stat?.isFile() || stat.size > maxSidecarBytes || seen.has(`${stat.dev}:${stat.ino}`)) continue;
    seen.add(`${stat.dev}:${stat.ino}`);
    found.push({ path: candidate, mtimeMs: Math.trunc(stat.mtimeMs), size: stat.size });
  }
  return sidecarSignature(found);
}

/**
 * The sidecars next to a photo, read by the same rule as photos (no link followed, inside a library folder, a
 * plain file) and only if small enough to be one. A sidecar that is missing, a link, too big or unreadable is
 * simply not there: keywords are an extra, never a reason a photo fails.
 */
export async function readSidecars(photo: string, folders: readonly string[]): Promise<SidecarText[]> {
  const found: SidecarText[] = [];
  const seen = new Set<string>();
  for (const candidate of sidecarCandidates(photo)) {
    let handle;
    try {
      handle = await openPhotoInLibrary(candidate, folders);
    } catch (error) {
      if (error instanceof OutsideLibraryError || (error as NodeJS.ErrnoException).code !== undefined) continue;
      throw error;
    }
    try {
      const stat = await handle.stat();
      // Case-insensitive file systems answer both spellings with one file.
      const id = `${stat.dev}:${stat.ino}`;
      if (seen.has(id) || stat.size > maxSidecarBytes) continue;
      seen.add(id);
      found.push({ path: candidate, text: await handle.readFile('utf8'), mtimeMs: Math.trunc(stat.mtimeMs), size: stat.size });
    } catch {
      // Unreadable: as if absent.
    } finally {
      await handle.close();
    }
  }
  return found;
}
