import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { hashBytes, readPhotoBytes } from '../adapters/photoFiles.js';
import { decodePhoto } from '../imaging/decodePhoto.js';
import { encodeHashes, perceptualHashes, PERCEPTUAL_HASH_VERSION } from './perceptualHash.js';

const BATCH = 50;

/**
 * Perceptual hashes for indexed photos that have none (indexed before migration 0012), decoded once more from the
 * file (read-only, checked against its content hash) but never analysed again: no re-index. A file that changed,
 * vanished or no longer decodes is skipped; the photo's own re-analysis, already queued by the scan, hashes it.
 */
export async function fillHashes(library: LibraryDatabase, now: () => number, signal?: AbortSignal, options: { maxPixels?: number } = {}): Promise<number> {
  let filled = 0;
  let after = 0;
  const folders = library.folders.list().map((f) => f.path);
  for (;;) {
    if (signal?.aborted) return filled;
    const batch = library.duplicates.hashesToFill(PERCEPTUAL_HASH_VERSION, after, BATCH);
    if (batch.length === 0) return filled;
    const hashed: { id: number; contentHash: string; hashes: Buffer }[] = [];
    for (const photo of batch) {
      if (signal?.aborted) break;
      try {
        const bytes = await readPhotoBytes(photo.path, folders);
        if ((await hashBytes(bytes)) !== photo.contentHash) continue;
        const decoded = await decodePhoto(bytes, { maxPixels: options.maxPixels ?? 200_000_000 });
        hashed.push({ id: photo.id, contentHash: photo.contentHash, hashes: encodeHashes(perceptualHashes(decoded.preview)) });
      } catch {
        // Unreadable now: its exact copies are still found by content hash, and a later pass tries again.
      }
    }
    const at = now();
    library.transaction(() => {
      for (const h of hashed) library.duplicates.saveHashes(h.id, h.contentHash, PERCEPTUAL_HASH_VERSION, h.hashes, at);
    });
    filled += hashed.length;
    after = (batch[batch.length - 1] as { id: number }).id;
    await yieldToLoop();
  }
}
