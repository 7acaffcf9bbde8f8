/**
 * Synthetic face descriptors for the People bench and tests: 1024-d, L2-normalised, like FaceRes. Each face is
 * normalise(a·g + b·u_p + s·e): g a direction all faces share (strangers' descriptors are not orthogonal), u_p its
 * person's direction, e noise, s the face's own spread (log-normal around the person's, so a person has easy and
 * hard photos). Calibrated on the faces `dev` figures (README, People): same-person pairs mostly above cosine 0.59
 * (the dev verification threshold) with a tail beyond the 0.34 cluster distance, strangers around cosine 0.13.
 * People's sizes follow a power law (many people with a few faces, a few with thousands); a share of faces are
 * strangers seen once.
 */
import { seededRandom } from '../../native-models/heads/binaryLogistic.js';
import type { FaceVector } from '../../electron/core/people/clusterFaces.js';

export interface SyntheticFaces {
  faces: FaceVector[];
  /** The true person of each face (-1: a stranger seen once). */
  truth: Int32Array;
  people: number;
}

export function syntheticFaces(count: number, options: { seed?: number; dims?: number; strangers?: number; maxPerson?: number } = {}): SyntheticFaces {
  const random = seededRandom(options.seed ?? 7);
  const dims = options.dims ?? 1024;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const unit = (): Float32Array => {
    const v = new Float32Array(dims);
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += (v[i] = gauss()) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < dims; i++) v[i] = (v[i] as number) / norm;
    return v;
  };
  const shared = unit();
  const a = 0.42;
  const b = Math.sqrt(1 - a * a);
  const strangers = Math.round(count * (options.strangers ?? 0.1));
  const maxPerson = options.maxPerson ?? Math.max(3, Math.round(count / 40));
  const sizes: number[] = [];
  let total = 0;
  while (total < count - strangers) {
    // Pareto, exponent ~1.2: median ~4 faces, a few people with hundreds or thousands.
    const size = Math.min(maxPerson, count - strangers - total, Math.max(1, Math.floor(2 / Math.pow(1 - random(), 1 / 1.2))));
    sizes.push(size);
    total += size;
  }
  const faces: FaceVector[] = [];
  const truth = new Int32Array(count);
  const make = (direction: Float32Array, spread: number): Float32Array => {
    const e = unit();
    const v = new Float32Array(dims);
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += (v[i] = a * (shared[i] as number) + b * (direction[i] as number) + spread * (e[i] as number)) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < dims; i++) v[i] = (v[i] as number) / norm;
    return v;
  };
  sizes.forEach((size, person) => {
    const direction = unit();
    const personSpread = 0.55 * Math.exp(0.15 * gauss());
    for (let f = 0; f < size; f++) {
      truth[faces.length] = person;
      faces.push({ id: faces.length + 1, embedding: make(direction, personSpread * Math.exp(0.25 * gauss())) });
    }
  });
  while (faces.length < count) {
    truth[faces.length] = -1;
    faces.push({ id: faces.length + 1, embedding: make(unit(), 0.55) });
  }
  // Shuffle, as a library's faces arrive in no order of person.
  for (let i = faces.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [faces[i], faces[j]] = [faces[j] as FaceVector, faces[i] as FaceVector];
    [truth[i], truth[j]] = [truth[j] as number, truth[i] as number];
  }
  faces.forEach((f, i) => (f.id = i + 1));
  return { faces, truth, people: sizes.length };
}
