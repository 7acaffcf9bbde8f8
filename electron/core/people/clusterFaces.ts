/**
 * Grouping faces into people from their L2-normalised descriptors (cosine distance = 1 − dot product).
 * Pure functions: the library service feeds them stored faces and writes the result back.
 */

/** Chosen on faces `dev` with `npm run eval:faces` (README, People). */
export const groupingDefaults = {
  /** A face within this cosine distance of a group's centroid joins it as it is stored. */
  joinDistance: 0.3,
  /** Neighbourhood radius for density clustering (a full regrouping). */
  clusterDistance: 0.34,
  /** A new group needs at least this many faces: two look-alike strangers should not become a "person". */
  minFaces: 3,
};

export interface FaceVector {
  id: number;
  embedding: Float32Array;
}

export interface GroupingConstraints {
  /** Faces the user put in a person: they stay together, in that person. */
  mustLink: ReadonlyMap<number, readonly number[]>;
  /** Faces the user took out of a person: they never go back to it. faceId → person ids. */
  cannotLink: ReadonlyMap<number, ReadonlySet<number>>;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

export function centroid(vectors: readonly Float32Array[]): Float32Array {
  const first = vectors[0];
  if (!first) return new Float32Array();
  const c = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < c.length; i++) c[i] = (c[i] as number) + (v[i] as number);
  let norm = 0;
  for (const x of c) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < c.length; i++) c[i] = (c[i] as number) / norm;
  return c;
}

/** The nearest group whose centroid lies within `maxDistance`, or null: a face that matches no one stays ungrouped. */
export function nearestGroup<K>(embedding: Float32Array, groups: ReadonlyMap<K, Float32Array>, maxDistance: number, exclude?: ReadonlySet<K>): K | null {
  let best: K | null = null;
  let bestDistance = maxDistance;
  for (const [key, c] of groups) {
    if (exclude?.has(key)) continue;
    const d = 1 - dot(embedding, c);
    if (d <= bestDistance) {
      bestDistance = d;
      best = key;
    }
  }
  return best;
}

/**
 * DBSCAN over cosine distance: a face with at least `minFaces` faces (itself included) within `distance` is a
 * core; cores within reach of each other form one group; other faces join the group of their nearest core within
 * reach, or stay ungrouped (-1). Returns a label per input face, groups numbered from 0. O(n²): fine for tens of
 * thousands of faces in the background, not for every stored photo (that is what `nearestGroup` is for).
 */
export function densityClusters(faces: readonly FaceVector[], distance: number, minFaces: number): number[] {
  const n = faces.length;
  const neighbours: number[][] = faces.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (1 - dot((faces[i] as FaceVector).embedding, (faces[j] as FaceVector).embedding) <= distance) {
        (neighbours[i] as number[]).push(j);
        (neighbours[j] as number[]).push(i);
      }
    }
  }
  const core = neighbours.map((ns) => ns.length + 1 >= minFaces);
  const labels = new Array<number>(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i] || labels[i] !== -1) continue;
    const label = next++;
    const stack = [i];
    labels[i] = label;
    while (stack.length > 0) {
      const p = stack.pop() as number;
      for (const q of neighbours[p] as number[]) {
        if (labels[q] !== -1 || !core[q]) continue;
        labels[q] = label;
        stack.push(q);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (core[i]) continue;
    let best = -1;
    let bestDistance = Infinity;
    for (const q of neighbours[i] as number[]) {
      if (!core[q]) continue;
      const d = 1 - dot((faces[i] as FaceVector).embedding, (faces[q] as FaceVector).embedding);
      if (d < bestDistance) {
        bestDistance = d;
        best = labels[q] as number;
      }
    }
    labels[i] = best;
  }
  return labels;
}

export interface RegroupResult {
  /** faceId → the named person it belongs to (existing id). */
  toPerson: Map<number, number>;
  /** New unnamed groups, each a list of face ids. */
  newGroups: number[][];
}

/**
 * A full regrouping that never undoes the user: faces they put in a person stay there; the other faces are
 * clustered from scratch; a cluster holding faces of exactly one named person (and at least one of its pinned
 * faces nearby) joins that person, other clusters become new unnamed groups; a face never lands in a person it
 * was taken out of (it is left ungrouped instead).
 */
export function regroup(faces: readonly FaceVector[], constraints: GroupingConstraints, options: { distance: number; minFaces: number; joinDistance: number }): RegroupResult {
  const pinned = new Map<number, number>();
  for (const [person, ids] of constraints.mustLink) for (const id of ids) pinned.set(id, person);
  const labels = densityClusters(faces, options.distance, options.minFaces);
  const toPerson = new Map<number, number>(pinned);
  const clusters = new Map<number, FaceVector[]>();
  faces.forEach((f, i) => {
    const l = labels[i] as number;
    if (l >= 0) clusters.set(l, [...(clusters.get(l) ?? []), f]);
  });
  const personCentroids = new Map<number, Float32Array>();
  const byId = new Map(faces.map((f) => [f.id, f.embedding]));
  for (const [person, ids] of constraints.mustLink) {
    const vs = ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as Float32Array] : []));
    if (vs.length > 0) personCentroids.set(person, centroid(vs));
  }
  const newGroups: number[][] = [];
  for (const members of clusters.values()) {
    const persons = new Set(members.flatMap((m) => (pinned.has(m.id) ? [pinned.get(m.id) as number] : [])));
    const free = members.filter((m) => !pinned.has(m.id));
    if (persons.size === 1) {
      const person = [...persons][0] as number;
      for (const m of free) if (!constraints.cannotLink.get(m.id)?.has(person)) toPerson.set(m.id, person);
      continue;
    }
    // Several named people in one cluster: each free face goes to the nearest of them it may join.
    if (persons.size > 1) {
      const candidates = new Map([...persons].flatMap((p) => (personCentroids.has(p) ? [[p, personCentroids.get(p) as Float32Array] as const] : [])));
      for (const m of free) {
        const p = nearestGroup(m.embedding, candidates, options.joinDistance, constraints.cannotLink.get(m.id));
        if (p !== null) toPerson.set(m.id, p);
      }
      continue;
    }
    // No named face: a named person nearby may still claim the cluster as a whole (the user named a few faces and
    // the rest were clustered apart), else it is a new group.
    const c = centroid(free.map((m) => m.embedding));
    const p = nearestGroup(c, personCentroids, options.joinDistance);
    if (p !== null) {
      for (const m of free) if (!constraints.cannotLink.get(m.id)?.has(p)) toPerson.set(m.id, p);
    } else if (free.length >= options.minFaces) {
      newGroups.push(free.map((m) => m.id));
    }
  }
  return { toPerson, newGroups };
}
