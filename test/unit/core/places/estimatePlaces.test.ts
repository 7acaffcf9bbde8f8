import { describe, expect, it } from 'vitest';
import type { EstimateCandidate } from '../../../../db/repositories/PlaceEstimateRepository.js';
import { estimatePlaces as estimateFrom } from '../../../../electron/core/places/estimatePlaces.js';

const florence = { town: 'Florence', region: null, country: 'Italy', countryCode: 'IT' };
const siena = { town: 'Siena', region: null, country: 'Italy', countryCode: 'IT' };

let nextId = 1;
const places = new Map<number, typeof florence>();
function photo(takenAt: string, where?: { lat: number; lon: number; place: typeof florence | null }, camera = ['Canon', 'EOS 5D']): EstimateCandidate {
  const id = nextId++;
  if (where?.place) places.set(id, where.place);
  return { id, cameraMake: camera[0] as string, cameraModel: camera[1] as string, takenAt, lat: where?.lat ?? null, lon: where?.lon ?? null };
}
const estimatePlaces = (photos: EstimateCandidate[]) => estimateFrom(photos, (id) => places.get(id));
const inFlorence = { lat: 43.7696, lon: 11.2558, place: florence };
const inSiena = { lat: 43.3188, lon: 11.3308, place: siena };

describe('estimatePlaces', () => {
  it('gives a photo without GPS the place of the nearest located photo of the same camera, with the offset', () => {
    const located = photo('2019-07-14T10:00:00', inFlorence);
    const unlocated = photo('2019-07-14T10:12:00');
    const estimates = estimatePlaces([unlocated, located]);
    expect(estimates.get(unlocated.id)).toEqual({ sourcePhotoId: located.id, offsetSeconds: -720, ...florence });
    expect(estimates.has(located.id)).toBe(false);
  });

  it('takes the nearer of the two sides, and the earlier one on a tie', () => {
    const before = photo('2019-07-14T10:00:00', inFlorence);
    const target = photo('2019-07-14T10:40:00');
    const after = photo('2019-07-14T10:50:00', { lat: 43.78, lon: 11.25, place: florence });
    expect(estimatePlaces([before, target, after]).get(target.id)?.sourcePhotoId).toBe(after.id);
    const tie = photo('2019-07-14T10:25:00');
    expect(estimatePlaces([before, tie, after]).get(tie.id)?.sourcePhotoId).toBe(before.id);
  });

  it('gives nothing beyond an hour, for another camera, or at sea', () => {
    const located = photo('2019-07-14T10:00:00', inFlorence);
    const late = photo('2019-07-14T11:00:01');
    const justInTime = photo('2019-07-14T11:00:00');
    const otherCamera = photo('2019-07-14T10:05:00', undefined, ['Canon', 'EOS 6D']);
    const atSea = photo('2019-07-15T10:00:00', { lat: 40, lon: -30, place: null });
    const nearSea = photo('2019-07-15T10:01:00');
    const estimates = estimatePlaces([located, late, justInTime, otherCamera, atSea, nearSea]);
    expect([...estimates.keys()]).toEqual([justInTime.id]);
  });

  it('gives nothing between located photos that disagree by more than 25 km, and the nearer when they agree', () => {
    const inF = photo('2019-07-14T10:00:00', inFlorence);
    const between = photo('2019-07-14T10:30:00');
    const inS = photo('2019-07-14T11:00:00', inSiena);
    expect(estimatePlaces([inF, between, inS]).has(between.id)).toBe(false);
    // Siena is more than an hour from this one: only Florence counts, so there is no disagreement.
    const early = photo('2019-07-14T09:30:00');
    expect(estimatePlaces([early, inF, inS]).get(early.id)?.town).toBe('Florence');
  });
});
