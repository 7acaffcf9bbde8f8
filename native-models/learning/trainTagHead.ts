import { logisticLoss, rowLogit, sigmoid, trainLogistic, type BinaryTrainingSet, type LogisticParameters, type LogisticTrainOptions } from '../heads/binaryLogistic.js';
import { binaryMetrics, type BinaryMetrics } from '../heads/binaryMetrics.js';
import type { TagHead, TagHeadKind } from '../heads/tagHead.js';
import { classSharingMatrix, featureCount, featureMatrix, shareClassScores, unshareClassWeights, type FeatureNormalizer, type FeatureSource } from './features.js';
import { learningRecipe, type LearningRecipe } from './learningRecipe.js';
import { chooseEstimatedF1Threshold, chooseLibraryThreshold, type LibraryThreshold } from './libraryThreshold.js';

/**
 * Where a training row's label comes from, in decreasing trust:
 * - user: the user accepted or rejected this tag on this photo;
 * - implicit: the photo carries some verdict of the user's (so they looked at it) and this tag's state is what
 *   they left: shown and not rejected = yes, not shown and not added = no;
 * - unlabeled: a library photo nobody judged, taken as a weak "no" for a new tag (most photos are not "my bike");
 * - pseudo: the model was confident (≥ 0.8 or ≤ 0.02) on a photo nobody judged — a semi-supervised anchor that
 *   keeps a correction head close to the model where the model is right;
 * - sibling: an example of another of the user's new tags whose examples never overlap this one's ("my forest"
 *   and "my street" share no photo), a "no" they said by filing the photo elsewhere.
 */
export const exampleGroups = ['user', 'implicit', 'unlabeled', 'pseudo', 'sibling'] as const;
export type ExampleGroup = (typeof exampleGroups)[number];

/** One tag's training rows, as the collector found them in the library. */
export interface TagExamples {
  tag: string;
  kind: TagHeadKind;
  /** A correction head's class in the stored scores; null for a new tag. */
  baseIndex: number | null;
  /** Rows of the feature source. */
  rows: Int32Array;
  /** 1 = has the tag, 0 = has not. */
  targets: Float32Array;
  /** Index into exampleGroups. */
  groups: Uint8Array;
  /** 1 = kept out of training to judge the new head against the live one. Only user and implicit rows are. */
  heldOut: Uint8Array;
  /** The live model's confidence on each row (the active head's, or the analyzer's score), null if the tag has none. */
  before: { scores: Float32Array; threshold: number } | null;
  /**
   * A new tag's detector classes that its name covers (electron/core/learning/namePrior.ts: "vehicle" → car,
   * boat…, by the WordNet hierarchy), the prior of the recipe's `namePrior`; none or absent when it names none.
   */
  namedClasses?: readonly number[];
}

export interface EpochPoint {
  epoch: number;
  /** Weighted training log-loss. */
  loss: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface HeadEvaluation {
  /**
   * 'held-out': labels the head never saw. 'cross-validated': too few labels to hold a share out, so each label
   * was scored by a head trained without its fold (out-of-fold). 'training': fewer still, so this is optimistic.
   */
  on: 'held-out' | 'cross-validated' | 'training';
  rows: number;
  positives: number;
  before: BinaryMetrics | null;
  after: BinaryMetrics;
}

export interface TagTrainingResult {
  tag: string;
  kind: TagHeadKind;
  head: TagHead;
  curve: EpochPoint[];
  evaluation: HeadEvaluation;
  counts: { positives: number; negatives: number } & Record<ExampleGroup, number>;
  trainMs: number;
  stopped: boolean;
  /** A new tag's threshold as chosen for the library (null when it kept the recipe's fixed one). */
  library: LibraryThreshold | null;
  /** What it was chosen from, with `keepLibraryScores` (for tuning the rule). */
  libraryScores?: { outOfFold: number[]; library: number[] };
}

export interface TrainTagHeadOptions {
  inputs: { embedding: string; scores: string };
  recipe?: LearningRecipe;
  shouldStop?: () => boolean;
  onEpoch?: (epoch: number, epochs: number) => void;
  /** Return the scores the library threshold was chosen from (test/eval/tune-teach-threshold.ts). */
  keepLibraryScores?: boolean;
}

const groupIndex = (g: ExampleGroup): number => exampleGroups.indexOf(g);

/**
 * Per-row weights from the row groups, by the recipe for the head's kind; held-out rows weigh nothing.
 * `negativeBalance`: what the unlabeled photos fill the negatives up to, when not the recipe's (`manyExamples`).
 */
function rowWeights(examples: TagExamples, recipe: LearningRecipe, negativeBalance = recipe.newTag.groupTotals.negativeBalance): Float32Array {
  const n = examples.rows.length;
  const weights = new Float32Array(n);
  if (examples.kind === 'correction') {
    const w = recipe.correction.weights;
    for (let i = 0; i < n; i++) {
      if (examples.heldOut[i]) continue;
      weights[i] = w[exampleGroups[examples.groups[i] as number] as ExampleGroup];
    }
    return weights;
  }
  // A new tag's groups are balanced by total weight: five examples must outweigh a thousand unlabeled photos.
  const totals = recipe.newTag.groupTotals;
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    if (examples.heldOut[i]) continue;
    const group = exampleGroups[examples.groups[i] as number] as ExampleGroup;
    const key = group === 'user' ? ((examples.targets[i] as number) >= 0.5 ? 'userPositive' : 'userNegative') : group;
    const list = buckets.get(key) ?? [];
    list.push(i);
    buckets.set(key, list);
  }
  // Unlabeled photos make up whatever the other negatives leave of a balanced total: a first tag, with no
  // rejections and no other reviewed photos, leans on them fully; later ones mostly on what the user judged.
  const otherNegatives = (buckets.has('userNegative') ? totals.userNegative : 0) + (buckets.has('implicit') ? totals.implicit : 0) + (buckets.has('sibling') ? totals.sibling : 0);
  // With few unlabeled photos, each hidden positive is a larger share of them, so their joint "no" weighs less.
  const unlabeledCount = buckets.get('unlabeled')?.length ?? 0;
  const unlabeledTotal = Math.max(totals.unlabeled, negativeBalance - otherNegatives) * Math.min(1, unlabeledCount / totals.unlabeledFullAt);
  for (const [key, list] of buckets) {
    const total = key === 'unlabeled' ? unlabeledTotal : (totals[key as keyof typeof totals] ?? 0);
    for (const i of list) weights[i] = total / list.length;
  }
  return weights;
}

function epochsFor(rows: number, batchSize: number, recipe: { steps: number; minEpochs: number; maxEpochs: number }): number {
  const batches = Math.max(1, Math.ceil(rows / batchSize));
  return Math.max(recipe.minEpochs, Math.min(recipe.maxEpochs, Math.ceil(recipe.steps / batches)));
}

/**
 * Trains one tag's head from its examples and evaluates it against the live model on held-out labels, with a
 * per-epoch curve (training loss; precision, recall, F1 on the evaluation rows) for the training report.
 */
export function trainTagHead(source: FeatureSource, normalizer: FeatureNormalizer, examples: TagExamples, options: TrainTagHeadOptions): TagTrainingResult {
  const started = performance.now();
  const recipe = options.recipe ?? learningRecipe;
  const { x, dim } = featureMatrix(source, examples.rows, normalizer, examples.baseIndex);
  // Enough examples and no "no" from the user (rejections, or examples of their other tags): the threshold will
  // be the best estimated F1 in the library (below), and the unlabelled photos weigh the recipe's `manyExamples`
  // share. The estimate cannot tell a crowd of look-alikes from more of the tag, and look-alikes are what a
  // user's "no"s single out ("glacier" taught beside "mountain": on scenes dev, 10-shot F1 0.75 with the strict
  // rule, 0.68 with this one).
  const rule = recipe.newTag.libraryThreshold;
  const many = examples.kind === 'new-tag' ? (rule?.manyExamples ?? null) : null;
  const estimated = many !== null && userPositiveCount(examples) >= many.from && !hasUserNegatives(examples);
  const weights = rowWeights(examples, recipe, estimated ? many.negativeBalance : recipe.newTag.groupTotals.negativeBalance);
  const set = { x, dim, targets: examples.targets, weights };
  const n = examples.rows.length;

  const heldOut: number[] = [];
  const trainingLabelled: number[] = [];
  for (let i = 0; i < n; i++) {
    const group = exampleGroups[examples.groups[i] as number];
    if (examples.heldOut[i]) heldOut.push(i);
    else if (group === 'user' || group === 'implicit' || group === 'sibling') trainingLabelled.push(i);
  }
  const hasHeldOut = heldOut.some((i) => (examples.targets[i] as number) >= 0.5);
  const evalRows = hasHeldOut ? heldOut : trainingLabelled;
  // The per-epoch curve reads a fixed subset of at most 400 of them: a curve's shape needs no more, and scoring
  // a thousand rows every epoch would cost as much as the training itself.
  const curveRows = evalRows.length <= 400 ? evalRows : evalRows.filter((_, k) => k % Math.ceil(evalRows.length / 400) === 0);

  const isCorrection = examples.kind === 'correction';
  const kindRecipe = isCorrection ? recipe.correction : recipe.newTag;
  let threshold = isCorrection ? (examples.before?.threshold ?? recipe.correction.defaultThreshold) : recipe.newTag.threshold;
  const base = featureCount(source);
  const l2 = new Float64Array(dim);
  let prior: LogisticParameters | undefined;
  let shared: Float64Array | null = null;
  if (isCorrection) {
    const c = recipe.correction;
    for (let j = 0; j < dim; j++) l2[j] = j < source.embeddingDim ? c.l2.embedding : j < base ? c.l2.scores : c.l2.base;
    // Starts as, and is pulled back towards, the model itself: weight 1 on its own logit, nothing else.
    prior = { weights: new Float64Array(dim), bias: 0 };
    prior.weights[base] = 1;
  } else {
    // Taught from examples alone, and examples the detector sees things in, the head leans on the detector's class
    // scores more (see the recipe's `examplesOnlyL2`); once the user has said "no", or for landscapes the
    // detector finds nothing in, on the embedding as before.
    const blocks = recipe.newTag.examplesOnlyL2;
    if (blocks && !hasUserNegatives(examples) && showsDetectorClasses(source, examples, blocks)) {
      for (let j = 0; j < dim; j++) l2[j] = j < source.embeddingDim ? blocks.embedding : blocks.scores;
      // Such a head also shares what it learns on one class with the classes related to it in the library (the
      // recipe's `classSharing`): trained on x·M, its class-score weights are M·w once folded back.
      const sharing = recipe.newTag.classSharing;
      if (sharing && sharing.weight > 0) {
        shared = classSharingMatrix(source, sharing);
        shareClassScores(x, dim, source.embeddingDim, shared, source.scoresDim);
      }
      // A name that covers detector classes ("vehicle") starts the head at, and pulls it towards, a weight on
      // each of them (the recipe's `namePrior`): the classes the examples happen not to show still count.
      const named = recipe.newTag.namePrior;
      if (named && named.weight > 0 && examples.namedClasses && examples.namedClasses.length > 0) {
        prior = { weights: new Float64Array(dim), bias: 0 };
        for (const c of examples.namedClasses) prior.weights[source.embeddingDim + c] = named.weight;
      }
    } else l2.fill(recipe.newTag.l2);
  }
  const batchSize = Math.min(n, kindRecipe.batchSize);
  const epochs = epochsFor(n, batchSize, kindRecipe);

  const scoresNow = new Float32Array(n);
  const evaluate = (p: LogisticParameters, rows: number[] = evalRows): BinaryMetrics => {
    for (const i of rows) scoresNow[i] = sigmoid(rowLogit(x, dim, i, p.weights, p.bias));
    return binaryMetrics(scoresNow, examples.targets, threshold, rows);
  };
  const curve: EpochPoint[] = [];
  let stopped = false;
  const trainOptions = { epochs, learningRate: kindRecipe.learningRate, batchSize, l2, ...(prior ? { prior, biasL2: recipe.correction.l2.bias } : {}), seed: 7 };
  const params = trainLogistic(set, {
    ...trainOptions,
    onEpoch: (epoch, p) => {
      const m = evaluate(p, curveRows);
      curve.push({ epoch: epoch.epoch, loss: round(epoch.loss), precision: round(m.precision), recall: round(m.recall), f1: round(m.f1) });
      options.onEpoch?.(epoch.epoch, epochs);
    },
    shouldStop: () => {
      stopped = options.shouldStop?.() ?? false;
      return stopped;
    },
  });
  if (curve.length === 0) curve.push({ epoch: 0, loss: round(logisticLoss(set, params)), ...pick(evaluate(params)) });
  // A new tag's threshold for the library (libraryThreshold.ts): the user's examples are dealt into folds, each
  // scored by a head trained without it; the unlabelled library photos are scored by the head itself.
  let library: TagTrainingResult['library'] = null;
  // Few examples: the strict rule (keep them all, never below the floor); enough of them (`estimated`, above):
  // the best estimated F1, for which the examples are dealt into folds by their main detector class (the
  // recipe's `classFolds`, see foldsOf).
  const classGroups = estimated && many.classFolds ? exampleClassGroups(source, normalizer, examples, many.classFolds) : null;
  const libraryScores = !isCorrection && rule && !stopped ? libraryThresholdScores(set, examples, params, rule, trainOptions, () => options.shouldStop?.() ?? false, classGroups) : null;
  if (rule && libraryScores) {
    library =
      estimated && many && libraryScores.outOfFold.length >= many.from
        ? chooseEstimatedF1Threshold(libraryScores.outOfFold, libraryScores.library, many)
        : chooseLibraryThreshold(libraryScores.outOfFold, libraryScores.library, { minRecall: rule.minRecall, smoothing: rule.smoothing, floor: rule.floor });
    threshold = library.threshold;
  }

  const headWeights = Float64Array.from(params.weights);
  if (shared) unshareClassWeights(headWeights, source.embeddingDim, shared, source.scoresDim);
  const head: TagHead = {
    kind: examples.kind,
    inputs: options.inputs,
    baseIndex: examples.baseIndex,
    normalizer,
    weights: Array.from(headWeights, (w) => +w.toPrecision(7)),
    bias: +params.bias.toPrecision(7),
    threshold,
  };
  const before = examples.before ? binaryMetrics(examples.before.scores, examples.targets, examples.before.threshold, evalRows) : null;
  // A correction head may only replace the model on labels it never saw; with too few to hold a share out, every
  // label is scored by a head trained without it (new tags need no such check: there is no model to beat).
  const outOfFold = !hasHeldOut && isCorrection && !stopped ? outOfFoldScores(set, examples.targets, trainingLabelled, recipe.crossValidation, trainOptions, () => options.shouldStop?.() ?? false) : null;
  if (outOfFold === null && options.shouldStop?.()) stopped = true;
  const on: HeadEvaluation['on'] = hasHeldOut ? 'held-out' : outOfFold ? 'cross-validated' : 'training';
  const after = outOfFold ? binaryMetrics(outOfFold, examples.targets, threshold, evalRows) : evaluate(params);
  const counts = { positives: 0, negatives: 0, user: 0, implicit: 0, unlabeled: 0, pseudo: 0, sibling: 0 };
  for (let i = 0; i < n; i++) {
    const group = exampleGroups[examples.groups[i] as number] as ExampleGroup;
    counts[group]++;
    if (group === 'user') {
      if ((examples.targets[i] as number) >= 0.5) counts.positives++;
      else counts.negatives++;
    }
  }
  return {
    tag: examples.tag,
    kind: examples.kind,
    head,
    curve,
    evaluation: {
      on,
      rows: evalRows.length,
      positives: evalRows.filter((i) => (examples.targets[i] as number) >= 0.5).length,
      before,
      after,
    },
    counts,
    trainMs: Math.round(performance.now() - started),
    stopped,
    library,
    ...(options.keepLibraryScores && libraryScores ? { libraryScores } : {}),
  };
}

/**
 * Out-of-fold scores of the labelled rows: the rows are dealt into folds (positives and negatives separately, so
 * each fold has both) and each fold is scored by a head trained with that fold's weights at zero. Null when the
 * labels are too few for every fold to hold a positive and a negative, or when stopped.
 */
function outOfFoldScores(
  set: BinaryTrainingSet,
  targets: Float32Array,
  labelled: readonly number[],
  cv: LearningRecipe['crossValidation'],
  trainOptions: LogisticTrainOptions,
  shouldStop: () => boolean,
): Float32Array | null {
  const positives = labelled.filter((i) => (targets[i] as number) >= 0.5);
  const negatives = labelled.filter((i) => (targets[i] as number) < 0.5);
  if (positives.length < Math.max(cv.folds, cv.minPositives) || negatives.length < Math.max(cv.folds, cv.minNegatives)) return null;
  const foldOf = new Map<number, number>();
  [positives, negatives].forEach((rows) => rows.forEach((row, k) => foldOf.set(row, k % cv.folds)));
  const scores = new Float32Array(targets.length);
  for (let fold = 0; fold < cv.folds; fold++) {
    if (shouldStop()) return null;
    const weights = Float32Array.from(set.weights);
    for (const [row, f] of foldOf) if (f === fold) weights[row] = 0;
    const p = trainLogistic({ ...set, weights }, { ...trainOptions, shouldStop });
    for (const [row, f] of foldOf) if (f === fold) scores[row] = sigmoid(rowLogit(set.x, set.dim, row, p.weights, p.bias));
  }
  return scores;
}

/** Whether at least `share` of the tag's examples have some detector class scored at `classScore` or more. */
function showsDetectorClasses(source: FeatureSource, examples: TagExamples, rule: { classScore: number; share: number }): boolean {
  let positives = 0;
  let showing = 0;
  for (let i = 0; i < examples.rows.length; i++) {
    if (examples.heldOut[i] || exampleGroups[examples.groups[i] as number] !== 'user' || (examples.targets[i] as number) < 0.5) continue;
    positives++;
    const row = examples.rows[i] as number;
    for (let j = 0; j < source.scoresDim; j++) {
      if ((source.scores[row * source.scoresDim + j] as number) >= rule.classScore) {
        showing++;
        break;
      }
    }
  }
  return positives > 0 && showing >= rule.share * positives;
}

/** Whether the user said "no" to the tag anywhere the head trains on: a rejection, or an example of another tag. */
function hasUserNegatives(examples: TagExamples): boolean {
  for (let i = 0; i < examples.rows.length; i++) {
    if (examples.heldOut[i]) continue;
    const group = exampleGroups[examples.groups[i] as number];
    if (group === 'sibling' || (group === 'user' && (examples.targets[i] as number) < 0.5)) return true;
  }
  return false;
}

/** The scores the library threshold is chosen from: the examples' out-of-fold and the unlabelled photos'. */
export function libraryThresholdScores(
  set: BinaryTrainingSet,
  examples: TagExamples,
  params: LogisticParameters,
  rule: { folds: number; minPositives: number },
  trainOptions: LogisticTrainOptions,
  shouldStop: () => boolean = () => false,
  classGroups: Map<number, number> | null = null,
): { outOfFold: number[]; library: number[] } | null {
  const positives: number[] = [];
  const unlabeled: number[] = [];
  for (let i = 0; i < examples.rows.length; i++) {
    if (examples.heldOut[i]) continue;
    const group = exampleGroups[examples.groups[i] as number];
    if (group === 'user' && (examples.targets[i] as number) >= 0.5) positives.push(i);
    else if (group === 'unlabeled') unlabeled.push(i);
  }
  if (positives.length < rule.minPositives || unlabeled.length < 50) return null;
  const folds = Math.min(rule.folds, positives.length);
  const foldOf = foldsOf(positives, folds, classGroups);
  const outOfFold: number[] = [];
  for (let fold = 0; fold < folds; fold++) {
    if (shouldStop()) return null;
    const weights = Float32Array.from(set.weights);
    const left = positives.filter((_, k) => foldOf[k] === fold);
    for (const i of left) weights[i] = 0;
    const p = trainLogistic({ ...set, weights }, { ...trainOptions, shouldStop });
    for (const i of left) outOfFold.push(sigmoid(rowLogit(set.x, set.dim, i, p.weights, p.bias)));
  }
  return { outOfFold, library: unlabeled.map((i) => sigmoid(rowLogit(set.x, set.dim, i, params.weights, params.bias))) };
}

/**
 * The fold of each example (by position in `positives`): dealt in turn (k mod folds), or, given each example's
 * main detector class (`classGroups`, row → class) and two classes or more among them, dealt so that the examples
 * of one class share as few folds as equal fold sizes allow (larger classes first, then contiguous runs). A held-out
 * example is then scored by a head that saw few or none of its class, as the library's photos of the classes the
 * examples do not show will be: ten *sport* examples, four of them baseball, otherwise each had other baseball
 * photos in its training folds, which read the tag's photos in the library as scoring higher than they do.
 */
export function foldsOf(positives: readonly number[], folds: number, classGroups: ReadonlyMap<number, number> | null): number[] {
  const dealt = positives.map((_, k) => k % folds);
  if (!classGroups) return dealt;
  const groups = positives.map((i) => classGroups.get(i) ?? -1);
  if (new Set(groups).size < 2) return dealt;
  const size = new Map<number, number>();
  for (const g of groups) size.set(g, (size.get(g) ?? 0) + 1);
  const group = (k: number) => groups[k] as number;
  const order = positives.map((_, k) => k).sort((a, b) => (size.get(group(b)) as number) - (size.get(group(a)) as number) || group(a) - group(b) || a - b);
  const foldOf = new Array<number>(positives.length).fill(0);
  order.forEach((k, p) => (foldOf[k] = Math.floor((p * folds) / positives.length)));
  return foldOf;
}

/**
 * Each user example's main detector class (row → class): of the classes scored at `classScore` or more, the one
 * whose score stands out most from the library's (standardised: "person", in most photos, does not stand for all
 * of them); -1 when none is scored that high.
 */
function exampleClassGroups(source: FeatureSource, normalizer: FeatureNormalizer, examples: TagExamples, rule: { classScore: number }): Map<number, number> {
  const groups = new Map<number, number>();
  for (let i = 0; i < examples.rows.length; i++) {
    if (examples.heldOut[i] || exampleGroups[examples.groups[i] as number] !== 'user' || (examples.targets[i] as number) < 0.5) continue;
    const row = examples.rows[i] as number;
    let best = -1;
    let bestZ = -Infinity;
    for (let j = 0; j < source.scoresDim; j++) {
      const v = source.scores[row * source.scoresDim + j] as number;
      if (v < rule.classScore) continue;
      const z = (v - (normalizer.centre[source.embeddingDim + j] as number)) / (normalizer.scale[source.embeddingDim + j] as number);
      if (z > bestZ) {
        bestZ = z;
        best = j;
      }
    }
    groups.set(i, best);
  }
  return groups;
}

/** The user's examples the head trains on. */
function userPositiveCount(examples: TagExamples): number {
  let n = 0;
  for (let i = 0; i < examples.rows.length; i++) if (!examples.heldOut[i] && exampleGroups[examples.groups[i] as number] === 'user' && (examples.targets[i] as number) >= 0.5) n++;
  return n;
}

const round = (v: number): number => Math.round(v * 10_000) / 10_000;
const pick = (m: BinaryMetrics) => ({ precision: round(m.precision), recall: round(m.recall), f1: round(m.f1) });

export { groupIndex };
