import { centroid, dot } from './clusterFaces.js';

/**
 * An unnamed face this close (cosine distance) to a named person's centroid is asked about ("Is this Alice?").
 * Looser than the auto-join distance (0.30): chosen on faces dev with npm run eval:faces -- --naming (README, People).
 */
export const suggestDistance = 0.4;

export interface SuggestableFace {
  id: number;
  embedding: Float32Array;
  /** The named person the face is in, or null (in no group, or in an unnamed one). */
  namedPerson: number | null;
}

/**
 * "Is this Alice?": each face in no named person whose descriptor lies within `maxDistance` of a named person's
 * centroid, with the nearest such person (never one the user said the face is not), nearest first.
 */
export function suggestFaces(
  faces: readonly SuggestableFace[],
  exclusions: ReadonlyMap<number, ReadonlySet<number>>,
  maxDistance = suggestDistance,
): { faceId: number; personId: number; distance: number }[] {
  const members = new Map<number, Float32Array[]>();
  for (const f of faces) if (f.namedPerson !== null) members.set(f.namedPerson, [...(members.get(f.namedPerson) ?? []), f.embedding]);
  const centroids = [...members].map(([id, vs]) => [id, centroid(vs)] as const);
  const out: { faceId: number; personId: number; distance: number }[] = [];
  for (const f of faces) {
    if (f.namedPerson !== null) continue;
    let best: { personId: number; distance: number } | null = null;
    for (const [personId, c] of centroids) {
      if (exclusions.get(f.id)?.has(personId)) continue;
      const distance = 1 - dot(f.embedding, c);
      if (distance <= maxDistance && (!best || distance < best.distance)) best = { personId, distance };
    }
    if (best) out.push({ faceId: f.id, ...best });
  }
  return out.sort((a, b) => a.distance - b.distance);
}
