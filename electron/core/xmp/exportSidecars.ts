import fs from 'node:fs';
import path from 'node:path';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { Clock } from '../adapters/clock.js';
import type { SidecarTool } from '../adapters/exifTool.js';
import { openPhotoInLibrary } from '../adapters/photoFiles.js';
import { sidecarPath, type SidecarNaming } from '../adapters/sidecarFiles.js';
import { readKeywords } from '../imaging/keywords.js';
import { isInside } from '../paths/isInside.js';
import { mergeDescription, mergeKeywords, sidecarContentOf, sidecarTags, type SidecarContent } from './sidecarContent.js';

export interface ExportSidecarsOptions {
  naming: SidecarNaming;
  /** The library folders (sidecars are read by the same rule as photos). */
  libraryFolders: readonly string[];
  /** Only photos inside this folder; default every photo. */
  folder?: string;
  clock: Clock;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportSidecarsSummary {
  written: number;
  unchanged: number;
  failed: number;
  failures: { path: string; reason: string }[];
}

const BATCH = 200;

/**
 * Writes each photo's accepted tags, named people, caption and place into its XMP sidecar (never into the photo),
 * merged with what other apps keep there, through a temporary file renamed over the old one: a write that fails
 * leaves the old sidecar as it was. Photos whose sidecar already says what Phototag would write are skipped.
 */
export async function exportSidecars(library: LibraryDatabase, tool: SidecarTool, options: ExportSidecarsOptions): Promise<ExportSidecarsSummary> {
  const summary: ExportSidecarsSummary = { written: 0, unchanged: 0, failed: 0, failures: [] };
  const total = library.photos.counts().indexed;
  let after = 0;
  let done = 0;
  for (;;) {
    if (options.signal?.aborted) break;
    const batch = library.photos.keywordsToCheck(after, BATCH);
    if (batch.length === 0) break;
    for (const photo of batch) {
      if (options.signal?.aborted) break;
      done += 1;
      if (options.folder && !isInside(photo.path, options.folder)) continue;
      try {
        const outcome = await exportOne(library, tool, photo, options);
        summary[outcome] += 1;
      } catch (error) {
        summary.failed += 1;
        if (summary.failures.length < 100) summary.failures.push({ path: sidecarPath(photo.path, options.naming), reason: (error as Error).message });
      }
      options.onProgress?.(done, total);
    }
    after = (batch[batch.length - 1] as { id: number }).id;
  }
  return summary;
}

async function exportOne(library: LibraryDatabase, tool: SidecarTool, photo: { id: number; path: string }, options: ExportSidecarsOptions): Promise<'written' | 'unchanged'> {
  const facts = library.sidecars.facts(photo.id);
  const content = sidecarContentOf(facts);
  const target = sidecarPath(photo.path, options.naming);
  const previous = library.sidecars.written(photo.id);
  const last: SidecarContent | null = previous ? (JSON.parse(previous.content) as SidecarContent) : null;
  const existing = await fs.promises.lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing && !existing.isFile()) throw new Error(`${target} is not a plain file (a link or a folder), so it is left alone`);
  const nothingToSay = content.keywords.length === 0 && content.description === null && content.place === null;
  if (!existing && nothingToSay && !last) return 'unchanged';
  if (existing && previous && previous.path === target && previous.content === JSON.stringify(content) && Math.trunc(existing.mtimeMs) === previous.mtimeMs) return 'unchanged';

  // The sidecar as it is now, read by the photos' rule (inside the library, no link followed).
  let inSidecar: string[] = [];
  let description: string | null = null;
  if (existing) {
    const handle = await openPhotoInLibrary(target, options.libraryFolders);
    try {
      inSidecar = readKeywords(await handle.readFile('utf8'));
    } finally {
      await handle.close();
    }
    description = await tool.readDescription(target);
  }
  const keywords = mergeKeywords(inSidecar, last?.keywords ?? [], facts.rejected, content.keywords);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.phototag-${process.pid}.xmp`);
  await fs.promises.rm(temporary, { force: true });
  try {
    if (existing) await fs.promises.copyFile(target, temporary, fs.constants.COPYFILE_EXCL);
    await tool.writeSidecar(temporary, sidecarTags(keywords, mergeDescription(description, last?.description ?? null, content.description), content.place));
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  const written = await fs.promises.stat(target);
  // The sidecar's keywords are read back by the next pass (fillKeywords): ours are the photo's already, and
  // another app's edit made just before this write is not lost.
  library.sidecars.saveWritten(photo.id, { path: target, content: JSON.stringify(content), mtimeMs: Math.trunc(written.mtimeMs) }, options.clock.now());
  return 'written';
}
