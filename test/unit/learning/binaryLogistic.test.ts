import { describe, expect, it } from 'vitest';
import { logisticLoss, rowLogit, seededRandom, trainLogistic, type BinaryTrainingSet } from '../../../native-models/heads/binaryLogistic.js';

/** Two Gaussian blobs in `dim` dimensions, apart along the first axis. */
function blobs(n: number, dim: number, seed = 3): BinaryTrainingSet {
  const random = seededRandom(seed);
  const x = new Float32Array(n * dim);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const y = i % 2;
    targets[i] = y;
    for (let j = 0; j < dim; j++) x[i * dim + j] = random() - 0.5 + (j === 0 ? (y ? 1 : -1) : 0);
  }
  return { x, dim, targets, weights: new Float32Array(n).fill(1) };
}

const accuracy = (set: BinaryTrainingSet, p: { weights: Float64Array; bias: number }) => {
  let right = 0;
  for (let i = 0; i < set.targets.length; i++) if ((rowLogit(set.x, set.dim, i, p.weights, p.bias) > 0 ? 1 : 0) === set.targets[i]) right++;
  return right / set.targets.length;
};

describe('trainLogistic', () => {
  it('separates two classes and lowers the loss every few epochs', () => {
    const set = blobs(200, 8);
    const losses: number[] = [];
    const p = trainLogistic(set, { epochs: 60, l2: 1e-3, onEpoch: (e) => losses.push(e.loss) });
    expect(accuracy(set, p)).toBe(1);
    expect(losses).toHaveLength(60);
    expect(losses[59]).toBeLessThan((losses[0] as number) / 3);
    expect(logisticLoss(set, p)).toBeCloseTo(losses[59] as number, 6);
  });

  it('gives the same head for the same data and seed, whatever the batch size does to the path', () => {
    const set = blobs(100, 4);
    const a = trainLogistic(set, { epochs: 20, l2: 0.01, batchSize: 16, seed: 5 });
    const b = trainLogistic(set, { epochs: 20, l2: 0.01, batchSize: 16, seed: 5 });
    expect([...a.weights]).toEqual([...b.weights]);
  });

  it('stays near its prior when the penalty towards it outweighs the data', () => {
    const set = blobs(50, 3);
    const prior = { weights: Float64Array.from([0.5, -2, 3]), bias: 0.25 };
    // The data term is normalised to total weight 1, so its gradient is at most ~1 per weight: λ = 1000 allows ~0.001.
    const p = trainLogistic(set, { epochs: 200, l2: 1000, prior, biasL2: 1000, learningRate: 0.002 });
    [...p.weights].forEach((w, j) => expect(w).toBeCloseTo(prior.weights[j] as number, 2));
    expect(p.bias).toBeCloseTo(0.25, 2);
  });

  it('ignores rows of weight zero', () => {
    const set = blobs(100, 2);
    // Flip every label but give the flipped rows no weight: the fit must not notice.
    const flipped = { ...set, x: new Float32Array([...set.x, ...set.x]), targets: new Float32Array([...set.targets, ...set.targets.map((t) => 1 - t)]), weights: new Float32Array([...set.weights, ...new Float32Array(100)]) };
    const p = trainLogistic(flipped, { epochs: 40, l2: 1e-3 });
    expect(accuracy(set, p)).toBe(1);
  });

  it('stops when asked, keeping what it has', () => {
    const set = blobs(100, 2);
    let polls = 0;
    let epochs = 0;
    trainLogistic(set, { epochs: 1000, l2: 1e-3, batchSize: 10, shouldStop: () => ++polls > 25, onEpoch: () => epochs++ });
    expect(epochs).toBeLessThan(5);
  });

  it('refuses a set without weight', () => {
    const set = blobs(4, 2);
    set.weights.fill(0);
    expect(() => trainLogistic(set, { epochs: 1, l2: 0 })).toThrow(/no weighted rows/);
  });
});
