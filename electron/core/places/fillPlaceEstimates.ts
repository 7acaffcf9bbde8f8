import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { PlaceEstimate } from '../../../db/repositories/PlaceEstimateRepository.js';
import { estimatePlaces } from './estimatePlaces.js';

/** Estimates written per transaction, with their search rows. */
const BATCH = 500;

const same = (a: PlaceEstimate, b: PlaceEstimate): boolean =>
  a.sourcePhotoId === b.sourcePhotoId && a.offsetSeconds === b.offsetSeconds && a.town === b.town && a.region === b.region &&
  a.country === b.country && a.countryCode === b.countryCode;

/**
 * Brings the stored place estimates in line with the photos: every estimate is computed again from the indexed
 * photos and their GPS places (a photo added, gone missing, re-dated or newly located changes its neighbours'), and
 * only the rows that differ are written, each with its search row, in batches of one transaction each. The answer
 * depends only on the photos, so a pass stopped half-way (a kill, a stop) is finished by the next one. Runs after
 * fillPlaces, whose places it copies. Returns how many photos gained, changed or lost an estimate.
 */
export async function fillPlaceEstimates(library: LibraryDatabase, signal?: AbortSignal): Promise<number> {
  const wanted = estimatePlaces(library.placeEstimates.candidates(), (id) => library.placeEstimates.gpsPlaceOf(id));
  const stored = library.placeEstimates.all();
  const changes: { id: number; estimate: PlaceEstimate | null }[] = [];
  for (const [id, estimate] of wanted) {
    const old = stored.get(id);
    if (!old || !same(old, estimate)) changes.push({ id, estimate });
  }
  for (const id of stored.keys()) if (!wanted.has(id)) changes.push({ id, estimate: null });
  for (let i = 0; i < changes.length; i += BATCH) {
    if (signal?.aborted) return i;
    library.transaction(() => {
      for (const { id, estimate } of changes.slice(i, i + BATCH)) {
        if (estimate) library.placeEstimates.save(id, estimate);
        else library.placeEstimates.clear(id);
        library.searchIndex.refresh(id);
      }
    });
    await yieldToLoop();
  }
  return changes.length;
}
