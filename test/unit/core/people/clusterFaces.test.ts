import { describe, expect, it } from 'vitest';
import { densityClusters, nearestGroup, regroup, type FaceVector } from '../../../../electron/core/people/clusterFaces.js';

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
