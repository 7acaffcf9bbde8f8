import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';
import { compileHead, scoreRows } from '../../../native-models/heads/tagHead.js';
import { fitNormalizer, logitOf, type FeatureSource } from '../../../native-models/learning/features.js';
import { learningRecipe, type LearningRecipe } from '../../../native-models/learning/learningRecipe.js';
import { exampleGroups, trainTagHead, type TagExamples, type TagTrainingResult } from '../../../native-models/learning/trainTagHead.js';
import { decideSwap } from '../../../electron/core/learning/decideSwap.js';

const e = 16;
const s = 4;
/** Photos in two looks (cluster 0 = "beach"), with class 0's detector score high on the first look. */
function library(n: number, seed = 4): { source: FeatureSource; cluster: Uint8Array } {
  const random = seededRandom(seed);
  const cluster = new Uint8Array(n);
  const embeddings = new Int8Array(n * e);
  const scores = new Float32Array(n * s);
  for (let i = 0; i < n; i++) {
    cluster[i] = random() < 0.2 ? 0 : 1;
    for (let j = 0; j < e; j++) embeddings[i * e + j] = Math.round((random() - 0.5) * 120 + (cluster[i] === 0 && j < 8 ? 70 : 0));
    for (let j = 0; j < s; j++) scores[i * s + j] = j === 0 ? (cluster[i] === 0 ? 0.6 : 0.1) * random() + 0.05 : random() * 0.1;
  }
  return { source: { embeddingDim: e, embeddings, embeddingScales: new Float32Array(n).fill(0.01), scoresDim: s, scores }, cluster };
}

const group = (g: (typeof exampleGroups)[number]) => exampleGroups.indexOf(g);

/** A new tag "beach" over `rows`, whose first five are the user's examples; `groupOf` files every row by index. */
const beachExamples = (rows: Int32Array, groupOf: (k: number) => number): TagExamples => ({
  tag: 'beach',
  kind: 'new-tag',
  baseIndex: null,
  rows,
  targets: Float32Array.from(rows, (_, k) => (k < 5 ? 1 : 0)),
  groups: Uint8Array.from(rows, (_, k) => groupOf(k)),
  heldOut: new Uint8Array(rows.length),
  before: null,
});

describe('trainTagHead', () => {
  const { source, cluster } = library(400);
  const normalizer = fitNormalizer(source);
  const inputs = { embedding: 'e', scores: 's' };

  it("counts the examples of the user's other tags as labelled negatives that weigh like the user's own", () => {
    const positives = [...cluster.keys()].filter((i) => cluster[i] === 0).slice(0, 5);
    const siblings = [...cluster.keys()].filter((i) => cluster[i] === 1).slice(0, 10);
    const unlabeled = [...cluster.keys()].filter((i) => !positives.includes(i) && !siblings.includes(i)).slice(0, 200);
    const rows = Int32Array.from([...positives, ...siblings, ...unlabeled]);
    const groupOf = (k: number) => (k < 5 ? group('user') : k < 15 ? group('sibling') : group('unlabeled'));
    const examples = beachExamples(rows, groupOf);
    const result = trainTagHead(source, normalizer, examples, { inputs });
    expect(result.counts).toMatchObject({ positives: 5, user: 5, sibling: 10, unlabeled: 200 });
    // Judged on the labelled rows: the examples and the siblings, not the unlabeled photos.
    expect(result.evaluation).toMatchObject({ on: 'training', rows: 15, positives: 5 });
    const scores = scoreRows(compileHead(result.head, e, s), source, Int32Array.from(siblings));
    expect(Math.max(...scores)).toBeLessThan(result.head.threshold);
  });

  it('learns a new tag from five examples against unlabeled photos, better than chance on the rest', () => {
    const positives = [...cluster.keys()].filter((i) => cluster[i] === 0).slice(0, 5);
    const unlabeled = [...cluster.keys()].filter((i) => !positives.includes(i)).slice(0, 300);
    const rows = Int32Array.from([...positives, ...unlabeled]);
    const examples = beachExamples(rows, (k) => (k < 5 ? group('user') : group('unlabeled')));
    const result = trainTagHead(source, normalizer, examples, { inputs });
    expect(result.evaluation.on).toBe('training');
    expect(result.curve.at(-1)?.loss).toBeLessThan(result.curve[0]?.loss as number);
    const scores = scoreRows(compileHead(result.head, e, s), source);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    scores.forEach((p, i) => {
      if (positives.includes(i)) return;
      if (p >= result.head.threshold && cluster[i] === 0) tp++;
      else if (p >= result.head.threshold) fp++;
      else if (cluster[i] === 0) fn++;
    });
    expect((2 * tp) / (2 * tp + fp + fn)).toBeGreaterThan(0.7);
    expect(JSON.parse(JSON.stringify(result.head))).toEqual(result.head);
  });

  it('a tag taught from enough examples alone weighs the unlabelled photos less (its threshold is read from the library), one from five does not', () => {
    // Ten examples of the first look, all of them scoring high on class 0: the other photos of that look are in
    // the unlabelled photos, taken as weak "no"s.
    const positives = [...cluster.keys()].filter((i) => cluster[i] === 0 && (source.scores[i * s] as number) >= 0.3);
    const teach = (k: number, recipe: LearningRecipe) => {
      const rows = Int32Array.from([...positives.slice(0, k), ...[...cluster.keys()].filter((i) => !positives.slice(0, k).includes(i)).slice(0, 300)]);
      const examples = { ...beachExamples(rows, (j) => (j < k ? group('user') : group('unlabeled'))), targets: Float32Array.from(rows, (_, j) => (j < k ? 1 : 0)) };
      const result = trainTagHead(source, normalizer, examples, { inputs, recipe });
      const hidden = [...rows.slice(k)].filter((i) => cluster[i] === 0);
      const scores = scoreRows(compileHead(result.head, e, s), source, Int32Array.from(hidden));
      return { result, meanHidden: scores.reduce((a, v) => a + v, 0) / scores.length };
    };
    const rule = learningRecipe.newTag.libraryThreshold;
    const many = rule?.manyExamples;
    if (!rule || !many) throw new Error('the recipe has no many-examples rule');
    expect(many.negativeBalance).toBeLessThan(learningRecipe.newTag.groupTotals.negativeBalance);
    // The same recipe, but the unlabelled photos weighing as with few examples.
    const asBefore: LearningRecipe = { ...learningRecipe, newTag: { ...learningRecipe.newTag, libraryThreshold: { ...rule, manyExamples: { ...many, negativeBalance: learningRecipe.newTag.groupTotals.negativeBalance } } } };
    const ten = teach(10, learningRecipe);
    expect(ten.meanHidden).toBeGreaterThan(teach(10, asBefore).meanHidden + 0.05);
    expect(ten.result.library).toHaveProperty('estimatedPrecision');
    // Five examples keep the strict threshold, and so the full weight: the same head either way.
    expect(teach(5, learningRecipe).result.head).toEqual(teach(5, asBefore).result.head);
  });

  it('a correction head without evidence against the model stays the model, and is judged on held-out labels', () => {
    const rows = Int32Array.from({ length: 200 }, (_, i) => i);
    // Labels that agree with the model at its threshold: nothing to correct.
    const targets = Float32Array.from(rows, (i) => ((source.scores[i * s] as number) >= 0.3 ? 1 : 0));
    const heldOut = Uint8Array.from(rows, (i) => (i % 4 === 0 ? 1 : 0));
    const examples: TagExamples = {
      tag: 'kite',
      kind: 'correction',
      baseIndex: 0,
      rows,
      targets,
      groups: new Uint8Array(200).fill(group('implicit')),
      heldOut,
      before: { scores: Float32Array.from(rows, (i) => source.scores[i * s] as number), threshold: 0.3 },
    };
    const result = trainTagHead(source, normalizer, examples, { inputs });
    expect(result.evaluation.on).toBe('held-out');
    expect(result.evaluation.rows).toBe(50);
    expect(result.evaluation.before?.f1).toBe(1);
    const head = compileHead(result.head, e, s);
    // Still close to the model where it is sure.
    const sure = [...rows].filter((i) => Math.abs(logitOf(source.scores[i * s] as number) - logitOf(0.3)) > 1.5);
    const agree = sure.filter((i) => ((scoreRows(head, source, [i])[0] as number) >= 0.3) === ((source.scores[i * s] as number) >= 0.3));
    expect(agree.length / sure.length).toBeGreaterThan(0.9);
  });

  it('judges a correction with too few labels to hold out on out-of-fold scores, and learns what the model misses', () => {
    // The user's tag is the first look; the model's score finds only its brighter half at the 0.3 threshold.
    const looks = (c: number, n: number) => [...cluster.keys()].filter((i) => cluster[i] === c).slice(0, n);
    const rows = Int32Array.from([...looks(0, 20), ...looks(1, 20)]);
    const correction = (labelled: Int32Array): TagExamples => ({
      tag: 'kite',
      kind: 'correction',
      baseIndex: 0,
      rows: labelled,
      targets: Float32Array.from(labelled, (i) => (cluster[i] === 0 ? 1 : 0)),
      groups: new Uint8Array(labelled.length).fill(group('user')),
      heldOut: new Uint8Array(labelled.length),
      before: { scores: Float32Array.from(labelled, (i) => source.scores[i * s] as number), threshold: 0.3 },
    });
    const result = trainTagHead(source, normalizer, correction(rows), { inputs });
    expect(result.evaluation).toMatchObject({ on: 'cross-validated', rows: 40, positives: 20 });
    expect(result.evaluation.after.f1).toBeGreaterThan(result.evaluation.before?.f1 as number);
    expect(decideSwap(result, false)).toMatchObject({ swap: true, reason: expect.stringMatching(/out-of-fold/) });
    // Three labels of each kind cannot fill four folds: judged on its own training labels, so the model stays.
    const few = trainTagHead(source, normalizer, correction(Int32Array.from([...looks(0, 3), ...looks(1, 3)])), { inputs });
    expect(few.evaluation.on).toBe('training');
    expect(decideSwap(few, false).swap).toBe(false);
  });
});

describe('decideSwap', () => {
  const result = (kind: TagTrainingResult['kind'], on: TagTrainingResult['evaluation']['on'], before: number | null, after: number): TagTrainingResult =>
    ({
      kind,
      stopped: false,
      evaluation: { on, rows: 10, positives: 5, before: before === null ? null : { f1: before }, after: { f1: after } },
    }) as unknown as TagTrainingResult;

  it('swaps a head that is not worse than the live one on held-out labels, and keeps the live one otherwise', () => {
    expect(decideSwap(result('new-tag', 'held-out', 0.7, 0.7), true).swap).toBe(true);
    expect(decideSwap(result('new-tag', 'held-out', 0.7, 0.69), true).swap).toBe(false);
  });

  it('keeps the model unless a correction head beats it outright', () => {
    expect(decideSwap(result('correction', 'held-out', 0.8, 0.8), false).swap).toBe(false);
    expect(decideSwap(result('correction', 'held-out', 0.8, 0.81), false).swap).toBe(true);
    expect(decideSwap(result('correction', 'training', 0.5, 0.9), false).swap).toBe(false);
    expect(decideSwap(result('correction', 'cross-validated', 0.5, 0.5), false).swap).toBe(false);
    expect(decideSwap(result('correction', 'cross-validated', 0.5, 0.6), false).swap).toBe(true);
  });

  it('lets a new tag take its newest head while it has too few labels to hold out, and never swaps a cancelled one', () => {
    expect(decideSwap(result('new-tag', 'training', null, 0.9), false)).toMatchObject({ swap: true, reason: 'first head for this tag' });
    expect(decideSwap({ ...result('new-tag', 'training', null, 0.9), stopped: true }, false).swap).toBe(false);
  });
});
