import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { FeatureVersions, PhotoFeatureMatrix } from '../../../db/repositories/VectorMatrixRepository.js';
import type { TagVerdict } from '../../../db/repositories/LearningLabelRepository.js';
import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';
import { compileHead, scoreRows, type TagHead } from '../../../native-models/heads/tagHead.js';
import { fitNormalizer, type FeatureNormalizer } from '../../../native-models/learning/features.js';
import { learningRecipe, type LearningRecipe } from '../../../native-models/learning/learningRecipe.js';
import { exampleGroups, type ExampleGroup, type TagExamples } from '../../../native-models/learning/trainTagHead.js';
import { currentFeatureVersions, headReads, modelClassOf } from './learningInputs.js';
import { classesNamedBy } from './namePrior.js';

export interface CollectOptions {
  /** Only these tags (by name); every tag with enough labels when absent. */
  tags?: readonly string[];
  /** The analyzer's tag threshold, the bar a correction head must clear like the model did. */
  modelThreshold: number;
  recipe?: LearningRecipe;
  /** Library photos sampled for the feature normaliser, unlabeled negatives and pseudo-labels. */
  sampleSize?: number;
  seed?: number;
  /** Examples the user is picking but has not confirmed yet (a preview): treated as accepted, never stored. */
  pending?: { tag: string; photoIds: readonly number[] };
}

export interface CollectedTag {
  tagId: number;
  examples: TagExamples;
  /** Library photo id of each example row. */
  photoIds: Int32Array;
  /** Version of the head that was live when the run started, if any and if it reads the current vectors. */
  liveVersion: number | null;
}

export interface TrainingData {
  versions: FeatureVersions;
  source: PhotoFeatureMatrix;
  normalizer: FeatureNormalizer;
  tags: CollectedTag[];
  /** Tags with labels but too few to train, with what they still need. */
  waiting: { tag: string; reason: string }[];
}

const group = (g: ExampleGroup): number => exampleGroups.indexOf(g);

/** A stable coin per (photo, tag): the same label is held out on every run, so runs compare like with like. */
function heldOutCoin(photoId: number, tagId: number, fraction: number): boolean {
  let h = Math.imul(photoId ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(tagId + 0x27d4eb2f, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 12;
  return ((h >>> 0) % 10_000) / 10_000 < fraction;
}

function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  if (items.length <= count) return [...items];
  const copy = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

/**
 * Reads what the user taught from the library — their verdicts, the photos they reviewed, a sample of the rest —
 * and builds every trainable tag's examples over the stored vectors. Never decodes a photo.
 */
export function collectExamples(library: LibraryDatabase, options: CollectOptions): TrainingData | null {
  const recipe = options.recipe ?? learningRecipe;
  const versions = currentFeatureVersions(library);
  if (!versions) return null;
  const random = seededRandom(options.seed ?? 20_240_601);
  const allIds = library.vectorMatrix.photoIds(versions);
  const present = new Set(allIds);
  const verdicts = library.learningLabels.verdicts().filter((v) => present.has(v.photoId));
  if (options.pending) {
    const { tag, photoIds } = options.pending;
    const existing = verdicts.find((v) => v.tagName.toLowerCase() === tag.toLowerCase());
    // A tag that does not exist yet gets an id no real tag has.
    const tagId = existing?.tagId ?? -1;
    const judged = new Set(verdicts.filter((v) => v.tagId === tagId).map((v) => v.photoId));
    for (const photoId of photoIds) if (present.has(photoId) && !judged.has(photoId)) verdicts.push({ photoId, tagId, tagName: existing?.tagName ?? tag, tagKind: 'user', verdict: 'accepted' });
  }
  const reviewed = [...new Set(verdicts.map((v) => v.photoId))];
  const reviewedSet = new Set(reviewed);
  const shown = new Set(library.learningLabels.suggestionsOnReviewedPhotos().map((s) => `${s.photoId}:${s.tagId}`));
  const sampled = sample(allIds.filter((id) => !reviewedSet.has(id)), options.sampleSize ?? 2000, random);
  const source = library.vectorMatrix.matrixOf(versions, [...reviewed, ...sampled]);
  const rowOf = new Map<number, number>();
  source.photoIds.forEach((id, row) => rowOf.set(id, row));
  const sampleRows = sampled.flatMap((id) => (rowOf.has(id) ? [rowOf.get(id) as number] : []));
  const normalizer = fitNormalizer(source, sampleRows.length >= 50 ? sampleRows : undefined);

  const byTag = new Map<number, TagVerdict[]>();
  for (const v of verdicts) byTag.set(v.tagId, [...(byTag.get(v.tagId) ?? []), v]);
  // Each new tag's examples, to find the user's tags that never share a photo (see siblingsOf).
  const newTagExamples = new Map<number, Set<number>>();
  for (const [tagId, tagVerdicts] of byTag) {
    if (modelClassOf((tagVerdicts[0] as TagVerdict).tagName) !== null) continue;
    const accepted = tagVerdicts.filter((v) => v.verdict === 'accepted').map((v) => v.photoId);
    if (accepted.length > 0) newTagExamples.set(tagId, new Set(accepted));
  }
  const wanted = options.tags ? new Set(options.tags.map((t) => t.toLowerCase())) : null;
  const tags: CollectedTag[] = [];
  const waiting: { tag: string; reason: string }[] = [];
  for (const [tagId, tagVerdicts] of byTag) {
    const name = (tagVerdicts[0] as TagVerdict).tagName;
    if (wanted && !wanted.has(name.toLowerCase())) continue;
    const baseIndex = modelClassOf(name);
    const positives = tagVerdicts.filter((v) => v.verdict === 'accepted').length;
    if (baseIndex !== null && tagVerdicts.length < recipe.minCorrections) {
      waiting.push({ tag: name, reason: `needs ${recipe.minCorrections - tagVerdicts.length} more correction(s) before it is retrained` });
      continue;
    }
    if (baseIndex === null && positives < recipe.minExamples) {
      waiting.push({ tag: name, reason: `needs ${recipe.minExamples - positives} more example photo(s)` });
      continue;
    }
    const siblings = baseIndex === null && recipe.newTag.groupTotals.sibling > 0 ? siblingsOf(tagId, newTagExamples) : [];
    tags.push(buildTag(library, tagId, name, baseIndex, tagVerdicts, { reviewed, shown, sampleRows, rowOf, source, random, recipe, threshold: options.modelThreshold, siblings, versions }));
  }
  return { versions, source, normalizer, tags, waiting };
}

/**
 * The examples of the user's other new tags that share no example with this one: someone who filed these photos
 * under "my street" and those under "my forest", and never one photo under both, treats the two as different
 * things. Their examples are this tag's negatives, whatever its head suggested on them. Tags that do share a
 * photo ("beach", "sunset") are left out: for them an example of one says nothing about the other.
 */
function siblingsOf(tagId: number, newTagExamples: Map<number, Set<number>>): number[] {
  const own = newTagExamples.get(tagId);
  if (!own) return [];
  const out = new Set<number>();
  for (const [other, examples] of newTagExamples) {
    if (other === tagId) continue;
    let overlaps = false;
    for (const id of examples) {
      if (own.has(id)) {
        overlaps = true;
        break;
      }
    }
    if (!overlaps) for (const id of examples) out.add(id);
  }
  return [...out];
}

interface BuildContext {
  reviewed: number[];
  shown: Set<string>;
  sampleRows: number[];
  rowOf: Map<number, number>;
  source: PhotoFeatureMatrix;
  random: () => number;
  recipe: LearningRecipe;
  threshold: number;
  /** Photos that are examples of the user's other, never-overlapping new tags (new tags only). */
  siblings: number[];
  versions: FeatureVersions;
}

function buildTag(library: LibraryDatabase, tagId: number, name: string, baseIndex: number | null, verdicts: TagVerdict[], ctx: BuildContext): CollectedTag {
  const { recipe, rowOf } = ctx;
  const rows: number[] = [];
  const targets: number[] = [];
  const groups: number[] = [];
  const add = (row: number, target: number, g: ExampleGroup) => {
    rows.push(row);
    targets.push(target);
    groups.push(group(g));
  };
  const judged = new Set<number>();
  for (const v of verdicts) {
    const row = rowOf.get(v.photoId);
    if (row === undefined) continue;
    judged.add(v.photoId);
    add(row, v.verdict === 'accepted' ? 1 : 0, 'user');
  }
  // What reviewed photos show for this tag, unjudged, is what the user let stand. Capped: a library with
  // thousands of corrections must still train in seconds, and every implicit "yes" is kept. A new tag's
  // suggestions were written by its own head, so one left standing says nothing (it would teach the head its
  // own guesses); only its absence counts, as a "no".
  const siblings = ctx.siblings.filter((id) => !judged.has(id) && rowOf.has(id));
  for (const id of siblings) add(rowOf.get(id) as number, 0, 'sibling');
  const siblingSet = new Set(siblings);
  const implicit = ctx.reviewed.filter((id) => !judged.has(id) && !siblingSet.has(id));
  const shownHere = (id: number) => ctx.shown.has(`${id}:${tagId}`);
  const implicitYes = baseIndex === null ? [] : implicit.filter(shownHere);
  const implicitNo = sample(implicit.filter((id) => !shownHere(id)), 600, ctx.random);
  for (const id of implicitYes) add(rowOf.get(id) as number, 1, 'implicit');
  for (const id of implicitNo) add(rowOf.get(id) as number, 0, 'implicit');
  const scoresDim = ctx.source.scoresDim;
  if (baseIndex === null) {
    for (const row of ctx.sampleRows.slice(0, recipe.newTag.unlabeledSample)) add(row, 0, 'unlabeled');
  } else {
    const c = recipe.correction;
    const high: number[] = [];
    const low: number[] = [];
    for (const row of ctx.sampleRows) {
      const s = ctx.source.scores[row * scoresDim + baseIndex] as number;
      if (s >= c.pseudoHigh) high.push(row);
      else if (s <= c.pseudoLow) low.push(row);
    }
    const highKept = high.slice(0, Math.floor(c.pseudoSample / 2));
    for (const row of highKept) add(row, 1, 'pseudo');
    for (const row of low.slice(0, c.pseudoSample - highKept.length)) add(row, 0, 'pseudo');
  }

  const n = rows.length;
  const heldOut = new Uint8Array(n);
  const labelled = groups.map((g, i) => (g === group('user') || g === group('implicit') || g === group('sibling') ? i : -1)).filter((i) => i >= 0);
  const photoIds = Int32Array.from(rows, (row) => ctx.source.photoIds[row] as number);
  const coin = labelled.filter((i) => heldOutCoin(photoIds[i] as number, tagId, recipe.holdout.fraction));
  const heldPositives = coin.filter((i) => (targets[i] as number) >= 0.5).length;
  const trainPositives = labelled.filter((i) => (targets[i] as number) >= 0.5).length - heldPositives;
  // Hold out only when both sides keep enough: a five-example tag needs all five to learn from.
  const enough =
    labelled.filter((i) => (targets[i] as number) >= 0.5).length >= recipe.holdout.minPositives &&
    labelled.filter((i) => (targets[i] as number) < 0.5).length >= recipe.holdout.minNegatives &&
    heldPositives > 0 &&
    trainPositives >= recipe.minExamples;
  if (enough) for (const i of coin) heldOut[i] = 1;

  const stored = library.heads.activeOf(tagId);
  const storedHead = stored ? (JSON.parse(stored.head) as TagHead) : null;
  // A live head trained on other vectors (the tagger changed) applies to no photo now: it is no bar to clear, and
  // keeping it because a new head scores below it on vectors it was never meant to read would leave the tag bare.
  const live = stored && storedHead && headReads(storedHead.inputs, ctx.versions) ? { version: stored.version, head: storedHead } : null;
  const rowsArray = Int32Array.from(rows);
  let before: TagExamples['before'] = null;
  if (live) {
    const compiled = compileHead(live.head, ctx.source.embeddingDim, scoresDim);
    before = { scores: scoreRows(compiled, ctx.source, rowsArray), threshold: live.head.threshold };
  } else if (baseIndex !== null) {
    before = { scores: Float32Array.from(rows, (row) => ctx.source.scores[row * scoresDim + baseIndex] as number), threshold: ctx.threshold };
  }
  return {
    tagId,
    photoIds,
    liveVersion: live?.version ?? null,
    examples: {
      tag: name,
      kind: baseIndex === null ? 'new-tag' : 'correction',
      baseIndex,
      rows: rowsArray,
      targets: Float32Array.from(targets),
      groups: Uint8Array.from(groups),
      heldOut,
      before,
      ...(baseIndex === null ? { namedClasses: classesNamedBy(name) } : {}),
    },
  };
}
