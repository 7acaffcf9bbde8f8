import { describe, expect, it } from 'vitest';
import { applyLinearHead, trainLinearHead } from '../../../native-models/heads/linearHead.js';
import { nearestNeighbours } from '../../../native-models/embedding/nearestNeighbours.js';

// Two clusters around different directions, as few-shot user tags would give.
const around = (centre: number[], k: number) => centre.map((v, j) => v + 0.05 * Math.sin(k * 7 + j * 3));

describe('trainLinearHead', () => {
  it('learns a new tag from a few examples against negatives', () => {
    const beach = [0.9, 0.1, 0.1, 0.4];
    const other = [0.1, 0.8, 0.3, 0.4];
    const xs = [...[1, 2, 3, 4, 5].map((k) => around(beach, k)), ...[1, 2, 3, 4, 5, 6, 7, 8].map((k) => around(other, k))];
    const labels = [...Array(5).fill('beach'), ...Array(8).fill('other')] as string[];
    const head = trainLinearHead(xs, labels);
    expect(applyLinearHead(head, around(beach, 11))[0]?.label).toBe('beach');
    expect(applyLinearHead(head, around(other, 12))[0]?.label).toBe('other');
    expect(JSON.parse(JSON.stringify(head))).toEqual(head);
  });

  it('refuses a single label (no negatives)', () => {
    expect(() => trainLinearHead([[1, 0]], ['beach'])).toThrow(/two labels/);
  });
});

describe('nearestNeighbours', () => {
  it('ranks by cosine similarity', () => {
    const items = [
      { id: 'a', embedding: [1, 0] },
      { id: 'b', embedding: [0.6, 0.8] },
      { id: 'c', embedding: [0, 1] },
    ];
    expect(nearestNeighbours([0.995, 0.0995], items, 2).map((r) => r.id)).toEqual(['a', 'b']);
  });
});
