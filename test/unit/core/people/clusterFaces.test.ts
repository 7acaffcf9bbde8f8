import { describe, expect, it } from 'vitest';
import { centroid, densityClusters, dot, nearestGroup, regroup, type ClusterStats, type FaceVector } from '../../../../electron/core/people/clusterFaces.js';
import { CentroidIndex } from '../../../../electron/core/people/FaceGrouper.js';
import { syntheticFaces } from '../../../bench/syntheticFaces.js';

/** Unit vectors near one of a few orthogonal directions: faces of three people, plus a stranger. */
function near(axis: number, wobble: number, dims = 8): Float32Array {
  const v = new Float32Array(dims);
  v[axis] = 1;
  v[(axis + 1) % dims] = wobble;
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}
const faces: FaceVector[] = [
  { id: 1, embedding: near(0, 0.05) },
  { id: 2, embedding: near(0, 0.1) },
  { id: 3, embedding: near(0, 0.15) },
  { id: 4, embedding: near(2, 0.05) },
  { id: 5, embedding: near(2, 0.1) },
  { id: 6, embedding: near(2, 0.15) },
  { id: 7, embedding: near(4, 0) },
  { id: 8, embedding: near(4, 0.1) },
  { id: 9, embedding: near(6, 0) },
];
const options = { distance: 0.1, minFaces: 3, joinDistance: 0.2 };

describe('densityClusters', () => {
  it('makes a group of each person with enough faces and leaves the rest ungrouped', () => {
    const labels = densityClusters(faces, 0.1, 3);
    expect(labels.slice(0, 3).every((l) => l === labels[0])).toBe(true);
    expect(labels.slice(3, 6).every((l) => l === labels[3])).toBe(true);
    expect(labels[0]).not.toBe(labels[3]);
    // Two faces are not enough for a new person; a face like no one else stays alone.
    expect(labels.slice(6)).toEqual([-1, -1, -1]);
  });
});

/** The all-pairs DBSCAN as it shipped first (neighbour lists, a stack): the oracle the faster passes must equal. */
function referenceClusters(all: readonly FaceVector[], distance: number, minFaces: number): number[] {
  const n = all.length;
  const neighbours: number[][] = all.map(() => []);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (1 - dot((all[i] as FaceVector).embedding, (all[j] as FaceVector).embedding) <= distance) {
        (neighbours[i] as number[]).push(j);
        (neighbours[j] as number[]).push(i);
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
      const d = 1 - dot((all[i] as FaceVector).embedding, (all[q] as FaceVector).embedding);
      if (core[q] && d < bestDistance) [bestDistance, best] = [d, labels[q] as number];
    }
    labels[i] = best;
  }
  return labels;
}

describe('densityClusters at scale', () => {
  // 1,200 synthetic FaceRes-like descriptors (1024-d): people of varied sizes, strangers seen once.
  const data = syntheticFaces(1200, { seed: 3 });
  const reference = referenceClusters(data.faces, 0.34, 3);

  it('gives, comparing every pair, exactly the labels of the first all-pairs implementation', () => {
    expect(densityClusters(data.faces, 0.34, 3)).toEqual(reference);
    expect(densityClusters(faces, 0.1, 3)).toEqual(referenceClusters(faces, 0.1, 3));
  });

  it('gives nearly the same groups through the neighbour index, checking a small share of the pairs', () => {
    const stats = {} as ClusterStats;
    const indexed = densityClusters(data.faces, 0.34, 3, { exactUpTo: 0 }, stats);
    expect(stats.mode).toBe('indexed');
    expect(stats.candidatePairs).toBeLessThan((1200 * 1199) / 2 / 10);
    expect(new Set(reference.filter((l) => l >= 0)).size).toBeGreaterThan(20);
    // The index can miss a neighbour pair (never invent one: every pair is checked exactly), so a group can split.
    let together = 0;
    let both = 0;
    let exactTogether = 0;
    for (let i = 0; i < 1200; i++)
      for (let j = i + 1; j < 1200; j++) {
        const e = (reference[i] as number) >= 0 && reference[i] === reference[j];
        const x = (indexed[i] as number) >= 0 && indexed[i] === indexed[j];
        if (e) exactTogether++;
        if (x) together++;
        if (e && x) both++;
      }
    expect(both / together).toBeGreaterThanOrEqual(0.999);
    expect(both / exactTogether).toBeGreaterThanOrEqual(0.97);
    // With cells wide enough it finds them all here.
    expect(densityClusters(data.faces, 0.34, 3, { exactUpTo: 0, cellSlack: 0.25, maxCellsPerFace: 8 })).toEqual(reference);
  });
});

describe('CentroidIndex', () => {
  it('picks the person nearestGroup picks from the same faces, and none beyond the distance or excluded', () => {
    const data = syntheticFaces(600, { seed: 5 });
    const index = new CentroidIndex(1024);
    const members = new Map<number, Float32Array[]>();
    data.faces.slice(0, 500).forEach((f, i) => {
      const person = data.truth[i] as number;
      if (person < 0) return;
      index.add(person, f.embedding);
      members.set(person, [...(members.get(person) ?? []), f.embedding]);
    });
    const groups = new Map([...members].map(([p, vs]) => [p, centroid(vs)] as const));
    let joined = 0;
    for (const f of data.faces.slice(500)) {
      const expected = nearestGroup(f.embedding, groups, 0.3);
      expect(index.nearest(f.embedding, 0.3)).toBe(expected);
      if (expected !== null) {
        joined++;
        expect(index.nearest(f.embedding, 0.3, new Set([expected]))).not.toBe(expected);
      }
    }
    expect(joined).toBeGreaterThan(10);
  });
});

describe('nearestGroup', () => {
  it('joins the nearest centroid within the distance, never an excluded one, else none', () => {
    const groups = new Map([
      [10, near(0, 0)],
      [20, near(2, 0)],
    ]);
    expect(nearestGroup(near(0, 0.1), groups, 0.2)).toBe(10);
    expect(nearestGroup(near(0, 0.1), groups, 0.2, new Set([10]))).toBeNull();
    expect(nearestGroup(near(6, 0), groups, 0.2)).toBeNull();
  });
});

describe('regroup', () => {
  it('keeps the faces the user placed, and gives a named person the cluster around them', () => {
    // The user put face 8, which looks like no one in the cluster, in Alice (100) with face 1.
    const result = regroup(faces, { mustLink: new Map([[100, [1, 8]]]), cannotLink: new Map() }, options);
    expect(result.toPerson.get(8)).toBe(100);
    expect([1, 2, 3].map((id) => result.toPerson.get(id))).toEqual([100, 100, 100]);
    expect(result.newGroups).toEqual([[4, 5, 6]]);
  });

  it('never puts a face back in a person it was taken out of', () => {
    const result = regroup(faces, { mustLink: new Map([[100, [1]]]), cannotLink: new Map([[3, new Set([100])]]) }, options);
    expect(result.toPerson.get(2)).toBe(100);
    expect(result.toPerson.has(3)).toBe(false);
  });
});
