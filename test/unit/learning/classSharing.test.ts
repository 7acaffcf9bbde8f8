import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';
import { classSharingMatrix, shareClassScores, unshareClassWeights, type ClassSharingRule, type FeatureSource } from '../../../native-models/learning/features.js';

const e = 8;
const s = 4;
/** Classes 0 and 1 are found together, class 2 alone, class 3 never. */
function library(n: number): FeatureSource {
  const random = seededRandom(3);
  const embeddings = new Int8Array(n * e);
  const scores = new Float32Array(n * s);
  for (let i = 0; i < n; i++) {
    const kind = random() < 0.3 ? 0 : random() < 0.5 ? 1 : 2;
    for (let j = 0; j < e; j++) embeddings[i * e + j] = Math.round((random() - 0.5) * 60 + (kind === 0 && j < 4 ? 50 : kind === 1 && j >= 4 ? 50 : 0));
    if (kind === 0) {
      scores[i * s] = 0.5 + 0.4 * random();
      scores[i * s + 1] = 0.4 + 0.4 * random();
    } else if (kind === 1) scores[i * s + 2] = 0.5 + 0.4 * random();
  }
  return { embeddingDim: e, embeddings, embeddingScales: new Float32Array(n).fill(0.01), scoresDim: s, scores };
}

describe('class sharing', () => {
  const source = library(300);
  it("shares a class's feature with the classes found with it in the library, and leaves a class with none alone", () => {
    const rule: ClassSharingRule = { weight: 0.5, neighbours: 1, rows: 1000 };
    const m = classSharingMatrix(source, rule);
    // Column j: what smoothed feature j reads. Classes 0 and 1 read each other half; class 3 only itself.
    expect(m[0 * s + 0]).toBeCloseTo(0.5);
    expect(m[1 * s + 0]).toBeCloseTo(0.5);
    expect(m[0 * s + 1]).toBeCloseTo(0.5);
    expect(m[3 * s + 3]).toBe(1);
    for (let i = 0; i < s; i++) if (i !== 3) expect(m[i * s + 3]).toBe(0);
    // Every column sums to 1: a smoothed feature is a weighted mean of standardised ones.
    for (let j = 0; j < s; j++) expect(Array.from({ length: s }, (_, i) => m[i * s + j] as number).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('weights learnt on the shared features, folded back, give the same logits on the original ones', () => {
    const m = classSharingMatrix(source, { weight: 0.5, neighbours: 2, rows: 1000 });
    const dim = e + s;
    const random = seededRandom(5);
    const x = Float32Array.from({ length: 10 * dim }, () => random() * 2 - 1);
    const shared = Float32Array.from(x);
    shareClassScores(shared, dim, e, m, s);
    const w = Float64Array.from({ length: dim }, () => random() * 2 - 1);
    const folded = Float64Array.from(w);
    unshareClassWeights(folded, e, m, s);
    for (let r = 0; r < 10; r++) {
      let onShared = 0;
      let onOriginal = 0;
      for (let j = 0; j < dim; j++) {
        onShared += (shared[r * dim + j] as number) * (w[j] as number);
        onOriginal += (x[r * dim + j] as number) * (folded[j] as number);
      }
      expect(onOriginal).toBeCloseTo(onShared, 4);
    }
  });
});
