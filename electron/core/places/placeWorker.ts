// A worker thread for the shipped geocoder: its data (135,000 towns, the world's borders) takes ~0.5 s to parse
// and ~75 MB of heap, neither of which belongs on the library's event loop, nor takes a core from it (niced, like the
// model workers).
import { serveWorker } from '../../../native-models/pool/serveWorker.js';
import { lowerThreadPriority } from '../../../native-models/pool/threadPriority.js';
import { createPlaceGeocoder } from './geonamesGeocoder.js';
import type { PlacesRequest, PlacesResult } from './placeThread.js';

serveWorker<PlacesRequest, PlacesResult, { ready: true }>(async () => {
  lowerThreadPriority();
  const geocoder = createPlaceGeocoder();
  return {
    info: { ready: true },
    async handle(request) {
      try {
        return { value: { ok: true, places: await geocoder.placesOf(request.points) } };
      } catch (error) {
        return { value: { ok: false, message: (error as Error).message } };
      }
    },
  };
});
