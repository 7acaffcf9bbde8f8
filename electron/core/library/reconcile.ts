import path from 'node:path';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { FolderRow } from '../../../db/repositories/FolderRepository.js';
import type { PhotoRow, PhotoState } from '../../../db/repositories/PhotoRepository.js';
import { fileExists, hashFile, OutsideLibraryError, type FileStat } from '../adapters/photoFiles.js';
import { isInside } from '../paths/isInside.js';

export interface ReconcileContext {
  library: LibraryDatabase;
  now: () => number;
  pipelineVersion: number;
  /**
   * Other versions that count as analysed: the better tagger's, whose background re-tagging moves photos there from
   * `pipelineVersion` (TagImprover); they must not go back to the first tagger's queue.
   */
  alsoSettled?: readonly number[];
}

export type ReconcileOutcome = 'unchanged' | 'added' | 'changed' | 'moved' | 'revived' | 'requeued' | 'outside';

/** The library folder that holds `file` (the deepest one when folders nest). */
export function folderFor(folders: readonly FolderRow[], file: string): FolderRow | undefined {
  let best: FolderRow | undefined;
  for (const folder of folders) {
    if (isInside(file, folder.path) && (!best || folder.path.length > best.path.length)) best = folder;
  }
  return best;
}

/** The state a photo returns to when its file is back: its last verdict if that still holds, else the queue. */
function settledState(row: PhotoRow, ctx: ReconcileContext): PhotoState | null {
  const current = row.pipelineVersion === ctx.pipelineVersion || (row.pipelineVersion !== null && (ctx.alsoSettled ?? []).includes(row.pipelineVersion));
  if (!current) return null;
  if (row.errorKind !== null) return 'failed';
  if (row.indexedAt !== null) return 'indexed';
  return null;
}

/**
 * Brings the DB in line with one photo file on disk. The file's content hash is what lets a renamed or moved
 * photo keep its tags and corrections; it is computed only when the path is new or its size/mtime changed.
 */
export async function reconcileFile(ctx: ReconcileContext, stat: FileStat, folders: readonly FolderRow[]): Promise<ReconcileOutcome> {
  const { library } = ctx;
  const folder = folderFor(folders, stat.path);
  if (!folder) return 'outside';
  const known = library.photos.byPath(stat.path);
  const sameFile = known !== undefined && known.size === stat.size && known.mtimeMs === stat.mtimeMs;
  if (known && sameFile && known.state !== 'missing') {
    if (known.state === 'queued' && !library.jobs.hasPending(known.id)) {
      // Queued with no job: its job was dropped because the bytes changed under it. Hash again below.
    } else if (settledState(known, ctx) === null && known.state !== 'queued') {
      library.transaction(() => {
        library.photos.setState(known.id, 'queued');
        library.jobs.enqueue(known.id, known.contentHash, ctx.pipelineVersion, ctx.now());
      });
      return 'requeued';
    } else {
      return 'unchanged';
    }
  }

  let hash: string;
  try {
    hash = await hashFile(stat.path, folders.map((f) => f.path));
  } catch (error) {
    // A link out of the library is no photo of it, like a file outside every folder; the run goes on.
    if (error instanceof OutsideLibraryError) return 'outside';
    throw error;
  }
  const facts = { path: stat.path, fileName: path.basename(stat.path), folderId: folder.id, size: stat.size, mtimeMs: stat.mtimeMs, contentHash: hash };
  // Decide and write in one synchronous transaction: nothing else can interleave between the check and the write.
  return library.transaction((): ReconcileOutcome => {
    const now = ctx.now();
    const current = library.photos.byPath(stat.path);
    if (current) {
      const contentChanged = current.contentHash !== hash;
      const state = contentChanged ? 'queued' : (settledState(current, ctx) ?? 'queued');
      library.photos.updateFile(current.id, facts, state, contentChanged);
      if (state === 'queued') library.jobs.enqueue(current.id, hash, ctx.pipelineVersion, now);
      library.searchIndex.refresh(current.id);
      return contentChanged ? 'changed' : current.state === 'missing' ? 'revived' : 'requeued';
    }
    // Same bytes under a path that no longer exists: the photo was renamed or moved, so it keeps its identity.
    const moved = library.photos.byHash(hash).find((row) => row.state === 'missing' || !fileExists(row.path));
    if (moved) {
      const state = settledState(moved, ctx) ?? 'queued';
      library.photos.updateFile(moved.id, facts, state, false);
      if (state === 'queued') library.jobs.enqueue(moved.id, hash, ctx.pipelineVersion, now);
      library.searchIndex.refresh(moved.id);
      return 'moved';
    }
    const id = library.photos.insert(facts, now);
    library.jobs.enqueue(id, hash, ctx.pipelineVersion, now);
    library.searchIndex.refresh(id);
    return 'added';
  });
}

/** A photo file is gone. The row stays as a tombstone so the photo, with its tags, can come back by content. */
export function reconcileRemoved(ctx: ReconcileContext, file: string): boolean {
  const row = ctx.library.photos.byPath(file);
  if (!row || row.state === 'missing') return false;
  if (fileExists(file)) return false;
  ctx.library.transaction(() => {
    ctx.library.photos.markMissing(row.id, ctx.now());
    ctx.library.searchIndex.refresh(row.id);
  });
  return true;
}
