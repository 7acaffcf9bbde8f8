import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { hashBytes, readPhotoBytes } from '../adapters/photoFiles.js';
import { statSidecars } from '../adapters/sidecarFiles.js';
import { readMetadata } from '../imaging/readMetadata.js';
import type { Clock } from '../adapters/clock.js';
import { fileKeywords } from '../pipeline/analyzePhoto.js';

const BATCH = 200;

/**
 * Keywords for indexed photos whose sidecars changed since they were read (another app edited them), and for
 * photos indexed before keywords were read at all: read again from the files, never by analysing the photo again.
 * The photo's own keywords are read from its bytes only the first time (they change only with the photo, which
 * is then analysed again anyway); a changed sidecar alone is read again beside the stored ones. Batched, one
 * transaction each; returns how many photos' keywords were read.
 */
export async function fillKeywords(library: LibraryDatabase, folders: readonly string[], clock: Clock, signal?: AbortSignal): Promise<number> {
  let read = 0;
  let after = 0;
  for (;;) {
    if (signal?.aborted) return read;
    const batch = library.photos.keywordsToCheck(after, BATCH);
    if (batch.length === 0) return read;
    const changed: { id: number; keywords: Awaited<ReturnType<typeof fileKeywords>> }[] = [];
    for (const photo of batch) {
      if (photo.sidecarSignature !== null && (await statSidecars(photo.path)) === photo.sidecarSignature) continue;
      let embedded: string[];
      if (photo.sidecarSignature === null) {
        const bytes = await readPhotoBytes(photo.path, folders).catch(() => null);
        // Gone or changed since: the scan queues it, and its analysis reads its keywords.
        if (!bytes || (await hashBytes(bytes)) !== photo.contentHash) continue;
        embedded = (await readMetadata(bytes)).keywords;
      } else {
        embedded = library.tags.keywordsOf(photo.id).filter((k) => k.origin === 'embedded').map((k) => k.path);
      }
      changed.push({ id: photo.id, keywords: await fileKeywords(photo.path, embedded, folders) });
    }
    const now = clock.now();
    library.transaction(() => {
      for (const { id, keywords } of changed) {
        library.tags.setFileKeywords(id, keywords.keywords, now);
        library.photos.setSidecarSignature(id, keywords.sidecarSignature);
        library.searchIndex.refresh(id);
      }
    });
    read += changed.length;
    after = (batch[batch.length - 1] as { id: number }).id;
    await yieldToLoop();
  }
}
