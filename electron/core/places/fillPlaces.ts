import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { PlaceGeocoder } from './placeIndex.js';

/** Photos stored per transaction: a few milliseconds of writing, so indexing and the UI's calls interleave with the backfill. */
const BATCH = 200;

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
    // Geocoded before the transaction (off this thread): the first call loads the place data.
    const places = await geocoder.placesOf(batch);
    if (signal?.aborted) return filled;
    library.transaction(() => {
      batch.forEach((photo, i) => {
        library.places.save(photo.id, places[i] ?? null, geocoder.version);
        library.searchIndex.refresh(photo.id);
      });
    });
    filled += batch.length;
    after = (batch[batch.length - 1] as { id: number }).id;
    await yieldToLoop();
  }
}
