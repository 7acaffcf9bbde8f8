import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { FaceEmbeddingRow } from '../../../db/repositories/FaceRepository.js';
import { densityClusters, groupingDefaults, regroup, type GroupingConstraints, type RegroupResult } from './clusterFaces.js';
import type { RegroupWorker } from './regroupWorker.js';

interface RegroupInput {
  faces: FaceEmbeddingRow[];
  constraints: GroupingConstraints;
}

/**
 * People's centroids for assigning a face as it is stored: running sums of their faces' descriptors, and the
 * normalised centroids side by side in one typed array, so the nearest person among thousands is one pass over
 * contiguous memory (no per-face allocation). Same rule as `nearestGroup`: the nearest within the distance, the
 * first-added person on a tie.
 */
export class CentroidIndex {
  private keys: number[] = [];
  private readonly slot = new Map<number, number>();
  private sums: Float64Array;
  private counts: Int32Array;
  private centroids: Float32Array;

  constructor(readonly dims: number, capacity = 64) {
    this.sums = new Float64Array(capacity * dims);
    this.counts = new Int32Array(capacity);
    this.centroids = new Float32Array(capacity * dims);
  }

  get size(): number {
    return this.keys.length;
  }

  has(key: number): boolean {
    return this.slot.has(key);
  }

  /** Adds a face's descriptor to a person (a new person on first use). */
  add(key: number, embedding: Float32Array): void {
    if (embedding.length !== this.dims) return;
    let s = this.slot.get(key);
    if (s === undefined) {
      s = this.keys.length;
      if (s === this.counts.length) this.grow();
      this.keys.push(key);
      this.slot.set(key, s);
    }
    const d = this.dims;
    const off = s * d;
    let norm = 0;
    for (let i = 0; i < d; i++) {
      const x = (this.sums[off + i] as number) + (embedding[i] as number);
      this.sums[off + i] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < d; i++) this.centroids[off + i] = (this.sums[off + i] as number) / norm;
    this.counts[s] = (this.counts[s] as number) + 1;
  }

  /** The nearest person whose centroid lies within `maxDistance` (cosine), not one of `exclude`; else null. */
  nearest(embedding: Float32Array, maxDistance: number, exclude?: ReadonlySet<number>): number | null {
    if (embedding.length !== this.dims) return null;
    const d = this.dims;
    const c = this.centroids;
    let best = -1;
    let bestDistance = maxDistance;
    for (let s = 0; s < this.keys.length; s++) {
      const off = s * d;
      // Four running sums: independent additions the CPU overlaps (about twice as fast as one).
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let i = 0;
      for (; i + 3 < d; i += 4) {
        s0 += (embedding[i] as number) * (c[off + i] as number);
        s1 += (embedding[i + 1] as number) * (c[off + i + 1] as number);
        s2 += (embedding[i + 2] as number) * (c[off + i + 2] as number);
        s3 += (embedding[i + 3] as number) * (c[off + i + 3] as number);
      }
      for (; i < d; i++) s0 += (embedding[i] as number) * (c[off + i] as number);
      const distance = 1 - (s0 + s1 + (s2 + s3));
      if (distance <= bestDistance && !exclude?.has(this.keys[s] as number)) {
        bestDistance = distance;
        best = s;
      }
    }
    return best < 0 ? null : (this.keys[best] as number);
  }

  private grow(): void {
    const capacity = this.counts.length * 2;
    const sums = new Float64Array(capacity * this.dims);
    sums.set(this.sums);
    this.sums = sums;
    const centroids = new Float32Array(capacity * this.dims);
    centroids.set(this.centroids);
    this.centroids = centroids;
    const counts = new Int32Array(capacity);
    counts.set(this.counts);
    this.counts = counts;
  }
}

interface CentroidCache {
  fingerprint: string;
  /** Per descriptor length (one model's), the people's centroids. */
  index: CentroidIndex | null;
  exclusions: Map<number, Set<number>>;
}

export interface RegroupSummary {
  faces: number;
  people: number;
  newGroups: number;
  ungrouped: number;
  ms: number;
}

/**
 * Puts faces into people. As photos are stored, each new face joins the person whose centroid is nearest within
 * the dev-chosen distance, from centroids kept in memory (reloaded only when someone else changed the people);
 * a full regrouping (density clustering) runs after large changes. Both honour the user's decisions.
 */
export class FaceGrouper {
  private cache: CentroidCache | null = null;

  constructor(private readonly options = groupingDefaults) {}

  private centroids(library: LibraryDatabase): CentroidCache {
    const fingerprint = library.faces.peopleFingerprint();
    if (this.cache?.fingerprint === fingerprint) return this.cache;
    let index: CentroidIndex | null = null;
    for (const face of library.faces.embedded()) {
      if (face.personId === null) continue;
      index ??= new CentroidIndex(face.embedding.length);
      index.add(face.personId, face.embedding);
    }
    this.cache = { fingerprint, index, exclusions: library.faces.exclusions() };
    return this.cache;
  }

  /**
   * Runs inside the photo's store transaction: its faces (just written, ids in order) join people. Faces the user
   * already placed stay; a face never joins a person it was taken out of.
   */
  assignNew(library: LibraryDatabase, faceIds: readonly number[], embeddings: readonly (Float32Array | null)[], now: number): void {
    const pending = faceIds.flatMap((id, i) => {
      const embedding = embeddings[i];
      const stored = library.faces.byId(id);
      return embedding && stored && stored.assignedBy !== 'user' ? [{ id, embedding }] : [];
    });
    if (pending.length === 0) return;
    const cache = this.centroids(library);
    const touched = new Set<number>();
    for (const face of pending) {
      const person = cache.index?.nearest(face.embedding, this.options.joinDistance, cache.exclusions.get(face.id)) ?? null;
      if (person === null || !library.faces.person(person)) continue;
      library.faces.assign(face.id, person, 'auto');
      cache.index?.add(person, face.embedding);
      touched.add(person);
    }
    for (const person of touched) library.faces.touchPerson(person, now);
    // Our own change: the cache already holds it.
    if (touched.size > 0) cache.fingerprint = library.faces.peopleFingerprint();
  }

  /** Forget the cached centroids (after a regrouping, a merge or a naming in this process). */
  invalidate(): void {
    this.cache = null;
  }

  /**
   * New people among the faces in no group, clustered among themselves only (no face in a group moves): the
   * cheap regrouping for a library too large to cluster whole after every pass. Returns the new groups' count.
   */
  groupUngrouped(library: LibraryDatabase, now: number): number {
    const created = library.transaction(() => {
      const faces = library.faces.embedded().filter((f) => f.personId === null);
      const labels = densityClusters(faces, this.options.clusterDistance, this.options.minFaces);
      const groups = new Map<number, typeof faces>();
      faces.forEach((f, i) => {
        const l = labels[i] as number;
        if (l < 0) return;
        const members = groups.get(l);
        if (members) members.push(f);
        else groups.set(l, [f]);
      });
      for (const members of groups.values()) {
        const person = library.faces.createPerson(null, now);
        for (const f of members) library.faces.assign(f.id, person, 'auto');
        for (const photoId of new Set(members.map((f) => f.photoId))) library.searchIndex.refresh(photoId);
      }
      return groups.size;
    });
    this.invalidate();
    return created;
  }

  /**
   * Clusters every face again, in one transaction: the model's assignments are replaced, the user's kept (see
   * clusterFaces.regroup); photos whose people changed get their search rows refreshed. On the calling thread:
   * fine for a few thousand faces; `regroupAllInBackground` for more.
   */
  regroupAll(library: LibraryDatabase, now: number): RegroupSummary {
    const started = performance.now();
    const summary = library.transaction(() => {
      const input = this.regroupInput(library);
      return this.applyRegroup(library, input, regroup(input.faces, input.constraints, this.regroupOptions()), now);
    });
    this.invalidate();
    return { ...summary, ms: Math.round(performance.now() - started) };
  }

  /**
   * The same regrouping with the clustering in a worker thread: the faces are read here, clustered there while the
   * event loop stays free, and the result written here in one transaction, provided no one changed the faces or
   * the people meanwhile (else it starts again, up to three times, then gives up with an error: the next pass or
   * `people --regroup` tries again).
   */
  async regroupAllInBackground(library: LibraryDatabase, now: number, worker: RegroupWorker): Promise<RegroupSummary> {
    const started = performance.now();
    for (let attempt = 0; attempt < 3; attempt++) {
      const input = this.regroupInput(library);
      const state = this.faceState(library);
      const result = await worker.regroup(input.faces, input.constraints, this.regroupOptions());
      const summary = library.transaction(() => (this.faceState(library) === state ? this.applyRegroup(library, input, result, now) : null));
      if (summary) {
        this.invalidate();
        return { ...summary, ms: Math.round(performance.now() - started) };
      }
    }
    throw new Error('the faces kept changing while they were regrouped: try again when indexing is done');
  }

  private regroupOptions(): { distance: number; minFaces: number; joinDistance: number } {
    return { distance: this.options.clusterDistance, minFaces: this.options.minFaces, joinDistance: this.options.joinDistance };
  }

  /** What a regrouping's result depends on: the people (names, assignments) and the set of described faces. */
  private faceState(library: LibraryDatabase): string {
    return `${library.faces.peopleFingerprint()}|${library.faces.embeddedCount()}|${library.faces.exclusions().size}`;
  }

  private regroupInput(library: LibraryDatabase): RegroupInput {
    const faces = library.faces.embedded();
    const mustLink = new Map<number, number[]>();
    for (const f of faces) {
      if (f.assignedBy !== 'user' || f.personId === null) continue;
      const ids = mustLink.get(f.personId);
      if (ids) ids.push(f.id);
      else mustLink.set(f.personId, [f.id]);
    }
    return { faces, constraints: { mustLink, cannotLink: library.faces.exclusions() } };
  }

  /** Writes a regrouping's result (inside the caller's transaction). */
  private applyRegroup(library: LibraryDatabase, input: RegroupInput, result: RegroupResult, now: number): Omit<RegroupSummary, 'ms'> {
    const { faces } = input;
    const mustLink = input.constraints.mustLink;
    const pinnedFaces = new Set([...mustLink.values()].flat());
    const before = new Map(faces.map((f) => [f.id, f.personId]));
    library.faces.clearAutomaticAssignments();
    // An unnamed group whose faces stay together keeps its id (and so its place in a list the user is looking at).
    const after = new Map<number, number>();
    for (const [faceId, person] of result.toPerson) {
      after.set(faceId, person);
      if (!pinnedFaces.has(faceId)) library.faces.assign(faceId, person, 'auto');
    }
    const kept = new Set<number>();
    for (const members of result.newGroups) {
      const previous = members.map((id) => before.get(id)).filter((p): p is number => p !== null && p !== undefined);
      const keep = previous.length === members.length && new Set(previous).size === 1 && !mustLink.has(previous[0] as number) ? (previous[0] as number) : null;
      const person = keep !== null && !kept.has(keep) && library.faces.person(keep)?.name === null ? keep : library.faces.createPerson(null, now);
      kept.add(person);
      for (const id of members) {
        library.faces.assign(id, person, 'auto');
        after.set(id, person);
      }
      library.faces.touchPerson(person, now);
    }
    library.faces.deleteEmptyPeople();
    const changedPhotos = new Set<number>();
    for (const f of faces) if ((before.get(f.id) ?? null) !== (after.get(f.id) ?? null)) changedPhotos.add(f.photoId);
    for (const photoId of changedPhotos) library.searchIndex.refresh(photoId);
    return {
      faces: faces.length,
      people: new Set(after.values()).size,
      newGroups: result.newGroups.length,
      ungrouped: faces.length - after.size,
    };
  }
}
