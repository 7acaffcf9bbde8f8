import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { PlaceGeocoder } from './placeIndex.js';

/** Photos named per transaction: ~100 ms of work, so indexing and the UI's calls interleave with the backfill. */
const BATCH = 500;

/**
 * Names the places of indexed GPS photos that have none from this geocoder version — a library indexed before
 * places existed, or by an older geocoder — from the GPS already stored, never decoding a photo again. Each batch
 * is one transaction (places and search rows together), so a stop loses at most a batch, done again next time.
 * Runs with every index pass and at the start of watching: it needs the writer lock those hold.
 */
export async function fillPlaces(library: LibraryDatabase, geocoder: PlaceGeocoder, signal?: AbortSignal): Promise<number> {
  let filled = 0;
  let after = 0;
  for (;;) {
    if (signal?.aborted) return filled;
    const batch = library.places.toFill(geocoder.version, after, BATCH);
    if (batch.length === 0) return filled;
    // Geocoded before the transaction: the first call loads the place data.
    const named = batch.map((photo) => ({ id: photo.id, place: geocoder.placeOf(photo.lat, photo.lon) }));
    library.transaction(() => {
      for (const { id, place } of named) {
        library.places.save(id, place, geocoder.version);
        library.searchIndex.refresh(id);
      }
    });
    filled += batch.length;
    after = (batch[batch.length - 1] as { id: number }).id;
    await yieldToLoop();
  }
}
