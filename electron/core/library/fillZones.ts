import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { offsetInZone, zoneAt } from '../imaging/timeZones.js';

const BATCH = 500;

/**
 * Offsets for dated GPS photos stored without one (a library indexed before GPS zones were read), from the stored
 * date and position, never decoding a photo again: what the pipeline now gives new photos (see readMetadata).
 * Batched like fillPlaces, one transaction each.
 */
export async function fillZones(library: LibraryDatabase, signal?: AbortSignal): Promise<number> {
  let filled = 0;
  let after = 0;
  for (;;) {
    if (signal?.aborted) return filled;
    const batch = library.photos.zonesToFill(after, BATCH);
    if (batch.length === 0) return filled;
    const zoned = batch.flatMap((photo) => {
      const zone = zoneAt(photo.lat, photo.lon);
      const offset = zone === null ? null : offsetInZone(photo.takenAt, zone);
      return zone !== null && offset !== null ? [{ id: photo.id, zone, offset }] : [];
    });
    library.transaction(() => {
      for (const { id, zone, offset } of zoned) library.photos.setZoneFromGps(id, offset, zone);
    });
    filled += zoned.length;
    after = (batch[batch.length - 1] as { id: number }).id;
    await yieldToLoop();
  }
}
