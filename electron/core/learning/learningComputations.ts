import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { compileHead, scoreRows, type TagHead } from '../../../native-models/heads/tagHead.js';
import { trainTagHead } from '../../../native-models/learning/trainTagHead.js';
import { collectExamples } from './collectExamples.js';
import { decideSwap } from './decideSwap.js';
import { baseModelVersion, currentFeatureVersions, headModelVersion, headReads, modelClassOf, storedConfidence } from './learningInputs.js';
import { controlPhases, controlSlot, type ControlPhase, type PreviewComputation, type PreviewRequest, type RetrainComputation, type RetrainRequest, type ScoreComputation, type ScoreRequest, type TagChanges, type TrainedTag } from './learningProtocol.js';

/** The worker's side of the control block. */
export class ControlBlock {
  private readonly slots: Int32Array;
  constructor(buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
  }
  get cancelled(): boolean {
    return Atomics.load(this.slots, controlSlot.cancel) === 1;
  }
  report(phase: ControlPhase, done: number, total: number): void {
    Atomics.store(this.slots, controlSlot.phase, controlPhases.indexOf(phase));
    Atomics.store(this.slots, controlSlot.done, done);
    Atomics.store(this.slots, controlSlot.total, total);
  }
}

/**
 * Collects every trainable tag's examples, trains each head and decides whether it may replace the live one.
 * Reads the library only (the caller stores the results), so it runs on a read-only connection in a worker.
 */
export function computeRetrain(library: LibraryDatabase, request: RetrainRequest, control: ControlBlock): RetrainComputation {
  const started = performance.now();
  control.report('collecting', 0, 0);
  const data = collectExamples(library, { modelThreshold: request.modelThreshold, ...(request.tags ? { tags: request.tags } : {}) });
  const collectMs = Math.round(performance.now() - started);
  if (!data) return { type: 'retrain', versions: null, trained: [], waiting: [], cancelled: false, collectMs, trainMs: 0 };
  const trainStarted = performance.now();
  const trained: TrainedTag[] = [];
  // Progress counts epochs across all tags, so a run with one big tag still moves.
  const total = data.tags.length * 100;
  let cancelled = false;
  data.tags.forEach((tag, k) => {
    if (cancelled || control.cancelled) {
      cancelled = true;
      return;
    }
    const result = trainTagHead(data.source, data.normalizer, tag.examples, {
      inputs: data.versions,
      shouldStop: () => control.cancelled,
      onEpoch: (epoch, epochs) => control.report('training', k * 100 + Math.round((epoch / epochs) * 100), total),
    });
    if (result.stopped) cancelled = true;
    const decision = decideSwap(result, tag.liveVersion !== null);
    trained.push({
      tagId: tag.tagId,
      tag: result.tag,
      kind: result.kind,
      head: result.head,
      curve: result.curve,
      evaluation: result.evaluation,
      counts: result.counts,
      trainMs: result.trainMs,
      liveVersion: tag.liveVersion,
      swap: decision.swap,
      reason: decision.reason,
    });
  });
  return { type: 'retrain', versions: data.versions, trained, waiting: data.waiting, cancelled, collectMs, trainMs: Math.round(performance.now() - trainStarted) };
}

/**
 * What a tag taught from `examples` would tag in this library, before anything is stored: its head is trained as
 * a retrain would train it (the library-aware threshold included) and scored over every stored vector.
 */
export function computePreview(library: LibraryDatabase, request: PreviewRequest, control: ControlBlock): PreviewComputation {
  control.report('collecting', 0, 0);
  const empty = (problem: string): PreviewComputation => ({ type: 'preview', count: 0, scored: 0, threshold: 1, sample: [], problem });
  const data = collectExamples(library, { modelThreshold: request.modelThreshold, tags: [request.tag], pending: { tag: request.tag, photoIds: request.examples } });
  if (!data) return empty('no photo has stored vectors yet: index the library with the models first');
  const tag = data.tags[0];
  if (!tag) return empty(data.waiting[0]?.reason ?? 'pick a few photos that show it');
  control.report('training', 0, 100);
  const result = trainTagHead(data.source, data.normalizer, tag.examples, { inputs: data.versions, shouldStop: () => control.cancelled, onEpoch: (epoch, epochs) => control.report('training', Math.round((epoch / epochs) * 100), 100) });
  control.report('scoring', 0, 1);
  const source = library.vectorMatrix.matrix(data.versions);
  const confidences = scoreRows(compileHead(result.head, source.embeddingDim, source.scoresDim), source);
  const judged = new Set([...request.examples, ...(tag.tagId >= 0 ? library.learningLabels.verdictsOf(tag.tagId).map((v) => v.photoId) : [])]);
  const tagged: { photoId: number; confidence: number }[] = [];
  for (let row = 0; row < source.photoIds.length; row++) {
    const photoId = source.photoIds[row] as number;
    const confidence = confidences[row] as number;
    if (!judged.has(photoId) && confidence >= result.head.threshold) tagged.push({ photoId, confidence: storedConfidence(confidence) });
  }
  tagged.sort((a, b) => b.confidence - a.confidence);
  // The sample shows the surest half and the half nearest the threshold: where a wrong tag would show first.
  const half = Math.ceil(request.sampleSize / 2);
  const sample = tagged.length <= request.sampleSize ? tagged : [...tagged.slice(0, half), ...tagged.slice(tagged.length - (request.sampleSize - half))];
  control.report('scoring', 1, 1);
  return { type: 'preview', count: tagged.length, scored: source.photoIds.length, threshold: result.head.threshold, sample, problem: null };
}

/**
 * Scores tags over the stored vectors of the library (or of some photos) and works out what changes in
 * photo_tags: only photos crossing the threshold, or whose confidence moved, are sent back.
 */
export function computeScores(library: LibraryDatabase, request: ScoreRequest, control: ControlBlock): ScoreComputation {
  const started = performance.now();
  const versions = currentFeatureVersions(library);
  if (!versions) return { type: 'score', versions: null, photos: 0, tags: [], loadMs: 0, scoreMs: 0 };
  control.report('scoring', 0, 1);
  const source = request.photoIds ? library.vectorMatrix.matrixOf(versions, request.photoIds) : library.vectorMatrix.matrix(versions);
  const loadMs = Math.round(performance.now() - started);
  const scoringStarted = performance.now();
  const active = new Map(library.heads.active().map((h) => [h.tagId, h]));
  const tagIds = request.tagIds ?? [...active.keys()];
  const n = source.photoIds.length;
  const tags: TagChanges[] = [];
  tagIds.forEach((tagId, k) => {
    control.report('scoring', k, tagIds.length);
    const live = active.get(tagId);
    const baseIndex = live ? null : modelClassOf(library.learningLabels.tagName(tagId) ?? '');
    let confidences: Float32Array | null = null;
    let threshold = 1;
    let scorer: TagChanges['scorer'] = { type: 'none' };
    if (live) {
      const head = JSON.parse(live.head) as TagHead;
      if (!headReads(head.inputs, versions)) return;
      confidences = scoreRows(compileHead(head, source.embeddingDim, source.scoresDim), source);
      threshold = head.threshold;
      scorer = { type: 'head', version: live.version };
    } else if (baseIndex !== null) {
      confidences = new Float32Array(n);
      for (let row = 0; row < n; row++) confidences[row] = source.scores[row * source.scoresDim + baseIndex] as number;
      threshold = request.modelThreshold;
      scorer = { type: 'base' };
    }
    const modelVersion = scorer.type === 'head' ? headModelVersion(scorer.version) : baseModelVersion(versions.scores);
    tags.push(diffTag(library, tagId, scorer, modelVersion, source.photoIds, confidences, threshold));
  });
  control.report('scoring', 1, 1);
  return { type: 'score', versions, photos: n, tags, loadMs, scoreMs: Math.round(performance.now() - scoringStarted) };
}

/**
 * Compares one tag's new confidences with its rows. A row the user owns is never in the diff; photos that were
 * not scored (a partial re-score, or no vectors of the current version) keep what they have. With
 * `confidences` null the tag is dropped everywhere.
 */
function diffTag(
  library: LibraryDatabase,
  tagId: number,
  scorer: TagChanges['scorer'],
  modelVersion: string,
  photoIds: Int32Array,
  confidences: Float32Array | null,
  threshold: number,
): TagChanges {
  const current = new Map<number, { confidence: number | null; modelVersion: string | null }>();
  const judged = new Set<number>();
  for (const row of library.learningLabels.tagRows(tagId)) {
    if (row.source === 'model' && row.state === 'suggested') current.set(row.photoId, row);
    else judged.add(row.photoId);
  }
  const added: number[] = [];
  const addedConfidences: number[] = [];
  const updated: number[] = [];
  const updatedConfidences: number[] = [];
  const removed: number[] = [];
  if (confidences === null) {
    removed.push(...current.keys());
  } else {
    for (let k = 0; k < photoIds.length; k++) {
      const photoId = photoIds[k] as number;
      if (judged.has(photoId)) continue;
      const confidence = storedConfidence(confidences[k] as number);
      const existing = current.get(photoId);
      if (confidence >= threshold) {
        if (!existing) {
          added.push(photoId);
          addedConfidences.push(confidence);
        } else if (Math.abs((existing.confidence ?? -1) - confidence) > 5e-4 || existing.modelVersion !== modelVersion) {
          updated.push(photoId);
          updatedConfidences.push(confidence);
        }
      } else if (existing) {
        removed.push(photoId);
      }
    }
  }
  return {
    tagId,
    scorer,
    modelVersion,
    added: Int32Array.from(added),
    addedConfidences: Float32Array.from(addedConfidences),
    updated: Int32Array.from(updated),
    updatedConfidences: Float32Array.from(updatedConfidences),
    removed: Int32Array.from(removed),
  };
}
