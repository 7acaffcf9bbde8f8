import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';
import { chooseLibraryThreshold } from '../../../native-models/learning/libraryThreshold.js';
import { trainTagHead, exampleGroups, type TagExamples } from '../../../native-models/learning/trainTagHead.js';
import { fitNormalizer } from '../../../native-models/learning/features.js';

const rule = { minRecall: 0.6, smoothing: 5, floor: 0.4 };

describe('a new tag\'s threshold chosen for the library', () => {
  it('rises above a crowd of library photos that score just over the fixed threshold', () => {
    // Out-of-fold scores of five examples, and a library where 100 of 500 photos sit at 0.5 (what "pet" from five
    // cats gave pizzas and laptops) while 10 score like the examples.
    const examples = [0.95, 0.9, 0.85, 0.8, 0.45];
    const library = [...Array.from({ length: 390 }, () => 0.1), ...Array.from({ length: 100 }, () => 0.5), ...Array.from({ length: 10 }, () => 0.88)];
    const chosen = chooseLibraryThreshold(examples, library, rule);
    expect(chosen.threshold).toBeGreaterThan(0.5);
    expect(chosen.libraryCount).toBe(10);
    expect(chosen.recall).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps the floor when nothing in the library crowds it', () => {
    const chosen = chooseLibraryThreshold([0.9, 0.8, 0.7, 0.6, 0.5], Array.from({ length: 500 }, (_, i) => (i < 20 ? 0.7 : 0.05)), rule);
    expect(chosen.threshold).toBeGreaterThanOrEqual(0.4);
    expect(chosen.libraryCount).toBe(20);
  });

  it('never drops below the examples it must keep, even when every library photo scores high', () => {
    const chosen = chooseLibraryThreshold([0.9, 0.8, 0.7, 0.6, 0.5], Array.from({ length: 200 }, () => 0.95), rule);
    expect(chosen.recall).toBeGreaterThanOrEqual(0.6);
    expect(chosen.threshold).toBeGreaterThanOrEqual(0.4);
  });

  it('is what trainTagHead stores in a new tag\'s head, from examples and unlabelled photos alone', () => {
    // Two clusters in a 6-d embedding: the tag's (12 photos) and the rest (300); five examples are taught.
    const random = seededRandom(3);
    const rows = 312;
    const dim = 6;
    // Stored embeddings are int8 with a per-row scale, as in the library.
    const embeddings = new Int8Array(rows * dim);
    for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) embeddings[r * dim + j] = Math.round(40 * ((r < 12 ? (j === 0 ? 2 : 0) : j === 1 ? 2 : 0) + random() - 0.5));
    const source = { embeddings, embeddingDim: dim, embeddingScales: new Float32Array(rows).fill(1 / 40), scores: new Float32Array(0), scoresDim: 0 };
    const picked = [0, 1, 2, 3, 4];
    const unlabeled = Array.from({ length: rows - 5 }, (_, i) => i + 5);
    const order = [...picked, ...unlabeled];
    const examples: TagExamples = {
      tag: 'my thing',
      kind: 'new-tag',
      baseIndex: null,
      rows: Int32Array.from(order),
      targets: Float32Array.from(order, (_, k) => (k < picked.length ? 1 : 0)),
      groups: Uint8Array.from(order, (_, k) => exampleGroups.indexOf(k < picked.length ? 'user' : 'unlabeled')),
      heldOut: new Uint8Array(order.length),
      before: null,
    };
    const result = trainTagHead(source, fitNormalizer(source), examples, { inputs: { embedding: 'e', scores: 's' } });
    expect(result.library).not.toBeNull();
    expect(result.head.threshold).toBe(result.library?.threshold);
    expect(result.library?.librarySize).toBe(unlabeled.length);
    // The seven untaught photos of the tag's cluster are what the library count should be about.
    expect(result.library?.libraryCount).toBeGreaterThanOrEqual(5);
    expect(result.library?.libraryCount).toBeLessThanOrEqual(12);
  });
});
