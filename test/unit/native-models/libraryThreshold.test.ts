import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';
import { chooseEstimatedF1Threshold, chooseLibraryThreshold, normalCdf, normalQuantile } from '../../../native-models/learning/libraryThreshold.js';
import { trainTagHead, exampleGroups, type TagExamples } from '../../../native-models/learning/trainTagHead.js';
import { fitNormalizer } from '../../../native-models/learning/features.js';
import { learningRecipe } from '../../../native-models/learning/learningRecipe.js';

const rule = { minRecall: 0.6, smoothing: 5, floor: 0.4 };

/** Two clusters in a 6-d embedding: the tag's (`tagged` photos) and the rest (300); the first `taught` are taught. */
function twoClusters(taught: number, tagged = 12) {
  const random = seededRandom(3);
  const rows = 300 + tagged;
  const dim = 6;
  // Stored embeddings are int8 with a per-row scale, as in the library.
  const embeddings = new Int8Array(rows * dim);
  for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) embeddings[r * dim + j] = Math.round(40 * ((r < tagged ? (j === 0 ? 2 : 0) : j === 1 ? 2 : 0) + random() - 0.5));
  const source = { embeddings, embeddingDim: dim, embeddingScales: new Float32Array(rows).fill(1 / 40), scores: new Float32Array(0), scoresDim: 0 };
  const picked = Array.from({ length: taught }, (_, i) => i);
  const unlabeled = Array.from({ length: rows - taught }, (_, i) => i + taught);
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
  return { source, examples, unlabeled };
}

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
    const { source, examples, unlabeled } = twoClusters(5);
    const result = trainTagHead(source, fitNormalizer(source), examples, { inputs: { embedding: 'e', scores: 's' } });
    expect(result.library).not.toBeNull();
    expect(result.head.threshold).toBe(result.library?.threshold);
    expect(result.library?.librarySize).toBe(unlabeled.length);
    // The seven untaught photos of the tag's cluster are what the library count should be about.
    expect(result.library?.libraryCount).toBeGreaterThanOrEqual(5);
    expect(result.library?.libraryCount).toBeLessThanOrEqual(12);
  });

  it('from enough examples, aims at the best estimated F1: below the examples when the library has more like them', () => {
    const many = learningRecipe.newTag.libraryThreshold?.manyExamples;
    if (!many) throw new Error('the recipe has no rule for many examples');
    // Ten examples scoring 0.2–0.65 out of fold; in the library 60 photos of the tag score like them and 440 others
    // score near 0.05. Keeping every example would cut at 0.4 and lose half of the 60.
    const examples = [0.2, 0.28, 0.33, 0.38, 0.42, 0.45, 0.5, 0.55, 0.6, 0.65];
    const library = [...Array.from({ length: 60 }, (_, i) => 0.2 + (0.45 * i) / 59), ...Array.from({ length: 440 }, (_, i) => 0.02 + (0.06 * i) / 439)];
    const chosen = chooseEstimatedF1Threshold(examples, library, many);
    expect(chosen.threshold).toBeLessThan(0.35);
    expect(chosen.threshold).toBeGreaterThanOrEqual(many.floor);
    expect(chosen.prevalence).toBeGreaterThan(0.08);
    expect(chosen.prevalence).toBeLessThan(0.2);
    expect(chosen.libraryCount).toBeGreaterThanOrEqual(45);
    // Examples that score high, in a library with only 10 photos like them and a crowd of 490 below (0.05–0.45):
    // going lower would tag the crowd, so the threshold stays above it.
    const high = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9];
    const crowded = [...Array.from({ length: 10 }, (_, i) => 0.5 + (0.4 * i) / 9), ...Array.from({ length: 490 }, (_, i) => 0.05 + (0.4 * i) / 489)];
    const strict = chooseEstimatedF1Threshold(high, crowded, many);
    expect(strict.threshold).toBeGreaterThan(0.45);
    expect(strict.libraryCount).toBeLessThanOrEqual(12);
  });

  it('reads the normal distribution right', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
    for (const p of [0.001, 0.02, 0.3, 0.5, 0.7, 0.975, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 5);
  });

  it('trainTagHead uses the estimated-F1 rule from enough examples and no "no" from the user, the strict one otherwise', () => {
    const many = learningRecipe.newTag.libraryThreshold?.manyExamples;
    if (!many) throw new Error('the recipe has no rule for many examples');
    const few = twoClusters(many.from - 1, 40);
    const fewResult = trainTagHead(few.source, fitNormalizer(few.source), few.examples, { inputs: { embedding: 'e', scores: 's' } });
    expect(fewResult.library && 'prevalence' in fewResult.library).toBe(false);
    expect(fewResult.head.threshold).toBeGreaterThanOrEqual(0.4);
    const enough = twoClusters(many.from, 40);
    const result = trainTagHead(enough.source, fitNormalizer(enough.source), enough.examples, { inputs: { embedding: 'e', scores: 's' } });
    expect(result.library && 'prevalence' in result.library).toBe(true);
    expect(result.head.threshold).toBe(result.library?.threshold);
    // 40 − 8 photos of the tag are left in the library of 304: most of them are tagged, and few others.
    expect(result.library?.libraryCount).toBeGreaterThanOrEqual(24);
    expect(result.library?.libraryCount).toBeLessThanOrEqual(48);
    // One rejection (a photo of the other cluster the user said "no" to) and the strict rule is back.
    const rejecting = twoClusters(many.from, 40);
    rejecting.examples.groups[rejecting.examples.rows.length - 1] = exampleGroups.indexOf('user');
    const withNo = trainTagHead(rejecting.source, fitNormalizer(rejecting.source), rejecting.examples, { inputs: { embedding: 'e', scores: 's' } });
    expect(withNo.library && 'prevalence' in withNo.library).toBe(false);
    expect(withNo.head.threshold).toBeGreaterThanOrEqual(0.4);
  });

  it('a tag taught from examples the detector sees things in leans on the class scores more (examplesOnlyL2); with a "no", or faint class scores, it does not', () => {
    // 6-d embedding noise and 3 class scores; the tag's 40 photos have class 0's score high.
    const random = seededRandom(5);
    const rows = 340;
    const e = 6;
    const embeddings = Int8Array.from({ length: rows * e }, () => Math.round(40 * (random() - 0.5)));
    const scores = Float32Array.from({ length: rows * 3 }, (_, k) => (k % 3 === 0 && Math.floor(k / 3) < 40 ? 0.6 + 0.3 * random() : 0.1 * random()));
    const source = { embeddings, embeddingDim: e, embeddingScales: new Float32Array(rows).fill(1 / 40), scores, scoresDim: 3 };
    const order = Array.from({ length: rows }, (_, i) => i);
    const examples = (rejected: boolean): TagExamples => ({
      tag: 'my thing',
      kind: 'new-tag',
      baseIndex: null,
      rows: Int32Array.from(order),
      targets: Float32Array.from(order, (i) => (i < 10 ? 1 : 0)),
      groups: Uint8Array.from(order, (i) => exampleGroups.indexOf(i < 10 || (rejected && i === rows - 1) ? 'user' : 'unlabeled')),
      heldOut: new Uint8Array(rows),
      before: null,
    });
    const blocks = learningRecipe.newTag.examplesOnlyL2;
    if (!blocks) throw new Error('the recipe has no examples-only L2');
    expect(blocks.scores).toBeLessThan(learningRecipe.newTag.l2);
    const scoreWeight = (r: ReturnType<typeof trainTagHead>) => r.head.weights[e] as number;
    const alone = trainTagHead(source, fitNormalizer(source), examples(false), { inputs: { embedding: 'e', scores: 's' } });
    const plain = trainTagHead(source, fitNormalizer(source), examples(false), { inputs: { embedding: 'e', scores: 's' }, recipe: { ...learningRecipe, newTag: { ...learningRecipe.newTag, examplesOnlyL2: null } } });
    const withNo = trainTagHead(source, fitNormalizer(source), examples(true), { inputs: { embedding: 'e', scores: 's' } });
    expect(scoreWeight(alone)).toBeGreaterThan(scoreWeight(plain) * 1.2);
    // With a rejection the plain L2 applies: the score weight is about what L2 1 gives, not the examples-only one.
    expect(scoreWeight(withNo)).toBeLessThan(scoreWeight(alone));
    // Examples the detector sees nothing in (every class score under the bar, as in landscapes): plain L2 too.
    const faint = { ...source, scores: Float32Array.from(scores, (v) => v * (blocks.classScore / 1.01)) };
    const faintAlone = trainTagHead(faint, fitNormalizer(faint), examples(false), { inputs: { embedding: 'e', scores: 's' } });
    const faintPlain = trainTagHead(faint, fitNormalizer(faint), examples(false), { inputs: { embedding: 'e', scores: 's' }, recipe: { ...learningRecipe, newTag: { ...learningRecipe.newTag, examplesOnlyL2: null } } });
    expect(faintAlone.head.weights).toEqual(faintPlain.head.weights);
  });
});
