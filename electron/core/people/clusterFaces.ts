import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';

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

/** How the neighbour index behind `densityClusters` is built (the defaults suit FaceRes descriptors). */
export interface NeighbourIndexOptions {
  /** Up to this many faces every pair is compared (exact); above, candidates come from the index. */
  exactUpTo: number;
  /** Dimensions of the random projection the index compares in (cheap estimates of the dot product). */
  projectedDims: number;
  /** Coarse cells (spherical k-means in the projected space); 0 = √n. */
  cells: number;
  /** A face also joins every cell whose centre is this close (projected cosine) to its best one, up to `maxCellsPerFace`. */
  cellSlack: number;
  maxCellsPerFace: number;
  /** A pair is compared exactly when its projected dot product lies within this of the cluster distance's. */
  projectedMargin: number;
  seed: number;
}

export const neighbourIndexDefaults: NeighbourIndexOptions = {
  exactUpTo: 2000,
  projectedDims: 128,
  cells: 0,
  cellSlack: 0.15,
  maxCellsPerFace: 5,
  projectedMargin: 0.3,
  seed: 1,
};

/** Figures of one clustering, for the bench and the log. */
export interface ClusterStats {
  faces: number;
  mode: 'exact' | 'indexed';
  cells: number;
  candidatePairs: number;
  exactDots: number;
  ms: { index: number; candidates: number; cluster: number };
}

/** Pairs of face indices, appended in chunks (a regrouping of 100,000 faces has millions of candidates). */
class PairList {
  a = new Int32Array(1 << 16);
  b = new Int32Array(1 << 16);
  length = 0;
  push(i: number, j: number): void {
    if (this.length === this.a.length) {
      const a = new Int32Array(this.a.length * 2);
      a.set(this.a);
      this.a = a;
      const b = new Int32Array(this.b.length * 2);
      b.set(this.b);
      this.b = b;
    }
    this.a[this.length] = i;
    this.b[this.length] = j;
    this.length++;
  }
}

/** Dot product of rows i of x and j of y (rows `m` long), over their first `length` entries. */
function dotRows(x: Float32Array, i: number, y: Float32Array, j: number, m: number, length = m): number {
  const oi = i * m;
  const oj = j * m;
  // Four running sums: independent additions the CPU overlaps.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < length; k += 4) {
    s0 += (x[oi + k] as number) * (y[oj + k] as number);
    s1 += (x[oi + k + 1] as number) * (y[oj + k + 1] as number);
    s2 += (x[oi + k + 2] as number) * (y[oj + k + 2] as number);
    s3 += (x[oi + k + 3] as number) * (y[oj + k + 3] as number);
  }
  for (; k < length; k++) s0 += (x[oi + k] as number) * (y[oj + k] as number);
  return s0 + s1 + (s2 + s3);
}

/**
 * Candidate pairs from an approximate index: every face is projected to `projectedDims` random directions, the
 * projections are partitioned by spherical k-means, each face joins its nearest cell (and near-tied ones), and
 * only pairs sharing a cell whose projected dot product comes near the cluster distance are kept. The pairs are
 * then checked exactly, so the index can only miss a neighbour (it never adds one); the bench measures how often.
 */
function indexedCandidates(faces: readonly FaceVector[], distance: number, o: NeighbourIndexOptions, stats: ClusterStats): PairList {
  const n = faces.length;
  const d = faces[0]?.embedding.length ?? 0;
  const m = o.projectedDims;
  const random = seededRandom(o.seed);
  let started = performance.now();
  // A very sparse random projection (Li, Hastie & Church 2006): each of the m rows reads `perRow` random
  // coordinates with random signs, scaled so that E[Px·Py] = x·y; m·perRow multiplications a face, not m·d.
  const perRow = Math.min(d, 64);
  const taps = new Int32Array(m * perRow);
  const signs = new Float32Array(m * perRow);
  const scale = Math.sqrt(d / perRow / m);
  for (let t = 0; t < taps.length; t++) {
    taps[t] = Math.floor(random() * d);
    signs[t] = random() < 0.5 ? -scale : scale;
  }
  // Centred first: descriptors of strangers share a large common part (cosine ~0.1–0.3), which would crowd every
  // cell; x·y = (x−μ)·(y−μ) + x·μ + y·μ − μ·μ, so the estimate stays one of the true dot product.
  const mean = new Float64Array(d);
  for (const f of faces) for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + ((f.embedding[k] as number | undefined) ?? 0) / n;
  let meanSquare = 0;
  for (const x of mean) meanSquare += x * x;
  const towardMean = new Float64Array(n);
  const projected = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    const e = (faces[i] as FaceVector).embedding;
    let a = 0;
    for (let k = 0; k < d; k++) a += ((e[k] as number | undefined) ?? 0) * (mean[k] as number);
    towardMean[i] = a;
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let t = r * perRow; t < (r + 1) * perRow; t++) {
        const k = taps[t] as number;
        s += (signs[t] as number) * (((e[k] as number | undefined) ?? 0) - (mean[k] as number));
      }
      projected[i * m + r] = s;
    }
  }
  // Spherical k-means on a sample, then every face to its cells.
  const k = Math.max(1, Math.min(n, o.cells > 0 ? o.cells : Math.round(Math.sqrt(n))));
  const centres = new Float32Array(k * m);
  const normaliseRow = (x: Float32Array, row: number) => {
    let norm = 0;
    for (let r = 0; r < m; r++) norm += (x[row * m + r] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < m; r++) x[row * m + r] = (x[row * m + r] as number) / norm;
  };
  const pick = () => Math.floor(random() * n);
  const row = (x: Float32Array, i: number) => x.subarray(i * m, i * m + m);
  for (let c = 0; c < k; c++) {
    centres.set(row(projected, pick()), c * m);
    normaliseRow(centres, c);
  }
  const sample = Array.from({ length: Math.min(n, 30 * k) }, pick);
  const nearestCentre = (i: number): number => {
    let best = 0;
    let bestSim = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = dotRows(projected, i, centres, c, m);
      if (s > bestSim) [bestSim, best] = [s, c];
    }
    return best;
  };
  for (let iteration = 0; iteration < 5; iteration++) {
    const sums = new Float32Array(k * m);
    const counts = new Int32Array(k);
    for (const i of sample) {
      const c = nearestCentre(i);
      counts[c] = (counts[c] as number) + 1;
      for (let r = 0; r < m; r++) sums[c * m + r] = (sums[c * m + r] as number) + (projected[i * m + r] as number);
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) sums.set(row(projected, pick()), c * m);
      normaliseRow(sums, c);
    }
    centres.set(sums);
  }
  const cellsOf: number[][] = new Array<number[]>(n);
  const members: number[][] = Array.from({ length: k }, () => []);
  const sims = new Float32Array(k);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let r = 0; r < m; r++) norm += (projected[i * m + r] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    let bestSim = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = dotRows(projected, i, centres, c, m) / norm;
      sims[c] = s;
      if (s > bestSim) bestSim = s;
    }
    const mine: number[] = [];
    for (let c = 0; c < k; c++) if ((sims[c] as number) >= bestSim - o.cellSlack) mine.push(c);
    mine.sort((x, y) => (sims[y] as number) - (sims[x] as number));
    mine.length = Math.min(mine.length, o.maxCellsPerFace);
    mine.sort((x, y) => x - y);
    cellsOf[i] = mine;
    for (const c of mine) (members[c] as number[]).push(i);
  }
  stats.cells = k;
  stats.ms.index = Math.round(performance.now() - started);
  started = performance.now();
  // Within each cell, the pairs whose projected dot product comes near the limit; a pair sharing several cells is
  // taken in the first of them only.
  const limit = 1 - distance - o.projectedMargin + meanSquare;
  const quarter = m >> 2;
  const quarterLimit = limit - 1.5 * o.projectedMargin;
  const pairs = new PairList();
  for (let c = 0; c < k; c++) {
    const list = members[c] as number[];
    for (let x = 0; x < list.length; x++) {
      const i = list[x] as number;
      const ci = cellsOf[i] as number[];
      for (let y = x + 1; y < list.length; y++) {
        const j = list[y] as number;
        const offset = (towardMean[i] as number) + (towardMean[j] as number);
        // A quarter of the projection first (4× the variance: twice the spread, and a wider margin), then all of it.
        if (dotRows(projected, i, projected, j, m, quarter) * 4 + offset < quarterLimit) continue;
        if (dotRows(projected, i, projected, j, m) + offset < limit) continue;
        if (ci.length > 1 || (cellsOf[j] as number[]).length > 1) {
          const cj = cellsOf[j] as number[];
          let first = -1;
          for (const a of ci) if (cj.includes(a)) { first = a; break; }
          if (first !== c) continue;
        }
        pairs.push(i, j);
      }
    }
  }
  stats.ms.candidates = Math.round(performance.now() - started);
  return pairs;
}

function allPairs(n: number): PairList {
  const pairs = new PairList();
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push(i, j);
  return pairs;
}

/**
 * DBSCAN over cosine distance: a face with at least `minFaces` faces (itself included) within `distance` is a
 * core; cores within reach of each other form one group; other faces join the group of their nearest core within
 * reach (the lowest index on a tie), or stay ungrouped (-1). Returns a label per input face, groups numbered from
 * 0 in the order of their first core. Up to `exactUpTo` faces every pair is compared; above, an approximate
 * neighbour index proposes the pairs (see indexedCandidates), which are checked exactly. Either way each pair is
 * judged by the same `1 − dot ≤ distance`, so the labels are those of the all-pairs algorithm whenever the index
 * proposes every neighbour pair. Three passes over the pairs: core counts (stopping once both faces are cores),
 * links between cores (skipping pairs already connected), then each border face's nearest core.
 */
export function densityClusters(faces: readonly FaceVector[], distance: number, minFaces: number, options: Partial<NeighbourIndexOptions> = {}, stats?: ClusterStats): number[] {
  const o = { ...neighbourIndexDefaults, ...options };
  const n = faces.length;
  const s: ClusterStats = Object.assign(stats ?? ({} as ClusterStats), { faces: n, mode: 'exact', cells: 0, candidatePairs: 0, exactDots: 0, ms: { index: 0, candidates: 0, cluster: 0 } } satisfies ClusterStats);
  s.mode = n > o.exactUpTo ? 'indexed' : 'exact';
  const pairs = n > o.exactUpTo ? indexedCandidates(faces, distance, o, s) : allPairs(n);
  s.candidatePairs = pairs.length;
  const started = performance.now();
  const emb = faces.map((f) => f.embedding);
  let dots = 0;
  const within = (i: number, j: number): boolean => {
    dots++;
    return 1 - dot(emb[i] as Float32Array, emb[j] as Float32Array) <= distance;
  };
  const need = minFaces - 1;
  const count = new Int32Array(n);
  for (let p = 0; p < pairs.length; p++) {
    const i = pairs.a[p] as number;
    const j = pairs.b[p] as number;
    if ((count[i] as number) >= need && (count[j] as number) >= need) continue;
    if (within(i, j)) {
      count[i] = (count[i] as number) + 1;
      count[j] = (count[j] as number) + 1;
    }
  }
  const core = Array.from(count, (c) => c >= need);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (let p = 0; p < pairs.length; p++) {
    const i = pairs.a[p] as number;
    const j = pairs.b[p] as number;
    if (!core[i] || !core[j]) continue;
    const ri = find(i);
    const rj = find(j);
    if (ri === rj || !within(i, j)) continue;
    parent[Math.max(ri, rj)] = Math.min(ri, rj);
  }
  const labels = new Array<number>(n).fill(-1);
  const labelOfRoot = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!core[i]) continue;
    const r = find(i);
    let l = labelOfRoot.get(r);
    if (l === undefined) labelOfRoot.set(r, (l = labelOfRoot.size));
    labels[i] = l;
  }
  const bestDistance = new Float64Array(n).fill(Infinity);
  const bestCore = new Int32Array(n).fill(-1);
  const consider = (i: number, q: number) => {
    const dist = 1 - dot(emb[i] as Float32Array, emb[q] as Float32Array);
    dots++;
    if (dist > distance) return;
    if (dist < (bestDistance[i] as number) || (dist === bestDistance[i] && q < (bestCore[i] as number))) {
      bestDistance[i] = dist;
      bestCore[i] = q;
    }
  };
  for (let p = 0; p < pairs.length; p++) {
    const i = pairs.a[p] as number;
    const j = pairs.b[p] as number;
    if (!core[i] && core[j]) consider(i, j);
    else if (core[i] && !core[j]) consider(j, i);
  }
  for (let i = 0; i < n; i++) if (!core[i] && (bestCore[i] as number) >= 0) labels[i] = labels[bestCore[i] as number] as number;
  s.exactDots = dots;
  s.ms.cluster = Math.round(performance.now() - started);
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
    if (l < 0) return;
    const members = clusters.get(l);
    if (members) members.push(f);
    else clusters.set(l, [f]);
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
