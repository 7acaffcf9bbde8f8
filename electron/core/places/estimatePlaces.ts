import type { EstimateCandidate, PlaceEstimate } from '../../../db/repositories/PlaceEstimateRepository.js';
import type { PhotoPlace } from '../../../db/repositories/PlaceRepository.js';
import { isUsablePosition } from '../imaging/gps.js';
import { distanceKm, TOWN_RADIUS_KM } from './placeIndex.js';

/**
 * An hour, as the issue puts it: long enough to cover a walk around a town between a phone's located shots and a
 * camera's, short enough that a drive to the next town usually lands outside it.
 */
export const ESTIMATE_WINDOW_SECONDS = 60 * 60;

/**
 * When the located photos just before and just after disagree by more than this, the photo was taken somewhere on
 * the way between them and neither place can be given. The town radius: closer than that, both would name the same
 * town or its neighbour.
 */
export const ESTIMATE_DISAGREE_KM = TOWN_RADIUS_KM;

/** Seconds on the camera's own clock: the local time as written, read as if UTC, so one camera's photos compare. */
function clockSeconds(takenAt: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(takenAt);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

interface Timed {
  photo: EstimateCandidate;
  seconds: number;
}

/** A stored 0, 0 or out-of-range point (a library written before GPS was checked) is no location to copy. */
const located = (timed: Timed): boolean => timed.photo.lat !== null && timed.photo.lon !== null && isUsablePosition(timed.photo.lat, timed.photo.lon);

/**
 * The place estimates for photos without GPS: the place of the located photo nearest in time from the same camera
 * (make and model), within ESTIMATE_WINDOW_SECONDS either side, ties to the earlier one. No estimate when the
 * located photos on either side (both within the window) are more than ESTIMATE_DISAGREE_KM apart, when the
 * nearest located photo has no named place (at sea), or without a camera or a date (those never reach here).
 * Times compare on the camera's clock (the local time it wrote), which is the same clock for both photos whatever
 * zone the photos were later put in. `photos` may come in any order; `placeOf` names a located photo's GPS place.
 */
export function estimatePlaces(photos: readonly EstimateCandidate[], placeOf: (photoId: number) => PhotoPlace | undefined): Map<number, PlaceEstimate> {
  const byCamera = new Map<string, Timed[]>();
  for (const photo of photos) {
    const seconds = clockSeconds(photo.takenAt);
    if (seconds === null) continue;
    const key = `${photo.cameraMake}\u0000${photo.cameraModel}`;
    const list = byCamera.get(key);
    if (list) list.push({ photo, seconds });
    else byCamera.set(key, [{ photo, seconds }]);
  }
  const estimates = new Map<number, PlaceEstimate>();
  for (const list of byCamera.values()) {
    if (!list.some(located)) continue;
    list.sort((a, b) => a.seconds - b.seconds || a.photo.id - b.photo.id);
    // The nearest located photo at or before each position, then at or after it: two sweeps, linear in the photos.
    const before: (Timed | null)[] = [];
    let last: Timed | null = null;
    for (const timed of list) {
      if (located(timed)) last = timed;
      before.push(last);
    }
    const after: (Timed | null)[] = new Array<Timed | null>(list.length).fill(null);
    let next: Timed | null = null;
    for (let i = list.length - 1; i >= 0; i--) {
      const timed = list[i] as Timed;
      if (located(timed)) next = timed;
      after[i] = next;
    }
    list.forEach((timed, i) => {
      if (located(timed)) return;
      const within = (other: Timed | null) => (other && Math.abs(other.seconds - timed.seconds) <= ESTIMATE_WINDOW_SECONDS ? other : null);
      const earlier = within(before[i] ?? null);
      const later = within(after[i] ?? null);
      if (earlier && later && distanceKm(earlier.photo.lat as number, earlier.photo.lon as number, later.photo.lat as number, later.photo.lon as number) > ESTIMATE_DISAGREE_KM) return;
      const source = earlier && later ? (timed.seconds - earlier.seconds <= later.seconds - timed.seconds ? earlier : later) : (earlier ?? later);
      const place = source && placeOf(source.photo.id);
      if (!source || !place || (place.town ?? place.country) === null) return;
      const { town, region, country, countryCode } = place;
      estimates.set(timed.photo.id, { sourcePhotoId: source.photo.id, offsetSeconds: source.seconds - timed.seconds, town, region, country, countryCode });
    });
  }
  return estimates;
}
