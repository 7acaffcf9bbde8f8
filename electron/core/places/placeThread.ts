import { lazyWorkerPool } from '../../../native-models/pool/lazyWorkerPool.js';
import { siblingModule } from '../../../native-models/pool/spawnModuleWorker.js';
import { PLACES_VERSION } from './geonamesGeocoder.js';
import type { GeoPoint, Place, PlaceGeocoder } from './placeIndex.js';

export interface PlacesRequest {
  points: GeoPoint[];
}

/** A data failure travels as a value: its message (what to reinstall) must reach the log as written. */
export type PlacesResult = { ok: true; places: (Place | null)[] } | { ok: false; message: string };

/**
 * The shipped geocoder on its own worker thread, started at the first GPS photo and loading its data there; an
 * idle worker never keeps the process alive. Its answers are the in-thread geocoder's (createPlaceGeocoder).
 */
export function createThreadPlaceGeocoder(): PlaceGeocoder & { close(): Promise<void> } {
  const pool = lazyWorkerPool<PlacesRequest, PlacesResult, { ready: true }>({
    name: 'place lookup',
    size: 1,
    workerUrl: siblingModule(import.meta.url, 'placeWorker'),
    unrefWhenIdle: true,
  });
  return {
    version: PLACES_VERSION,
    async placesOf(points) {
      if (points.length === 0) return [];
      const result = await (await pool.get()).run({ points: points.map(({ lat, lon }) => ({ lat, lon })) });
      if (!result.ok) throw new Error(result.message);
      return result.places;
    },
    close: () => pool.close(),
  };
}

let shared: ReturnType<typeof createThreadPlaceGeocoder> | null = null;

/**
 * The process's one shipped geocoder: the app opens a new library service when the user switches tagging models,
 * and the place data (~75 MB of heap, ~0.5 s to load) is the same for all of them.
 */
export function sharedPlaceGeocoder(): PlaceGeocoder {
  shared ??= createThreadPlaceGeocoder();
  return shared;
}
