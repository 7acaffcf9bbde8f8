// Messages between the main thread and the learning worker (see learningWorkerThread.ts).
import type { HeadEvaluation, EpochPoint, TagTrainingResult } from '../../../native-models/learning/trainTagHead.js';
import type { TagHead } from '../../../native-models/heads/tagHead.js';
import type { FeatureVersions } from '../../../db/repositories/VectorMatrixRepository.js';

/**
 * A SharedArrayBuffer both threads see, so the worker can be cancelled and report progress while it trains in
 * one synchronous loop (messages would wait until it finished). Int32 slots, see controlSlot.
 */
export const controlSlot = { cancel: 0, phase: 1, done: 2, total: 3 } as const;
export const controlPhases = ['idle', 'collecting', 'training', 'scoring'] as const;
export type ControlPhase = (typeof controlPhases)[number];

export interface RetrainRequest {
  type: 'retrain';
  dbFile: string;
  tags: string[] | null;
  modelThreshold: number;
  control: SharedArrayBuffer;
}

export interface ScoreRequest {
  type: 'score';
  dbFile: string;
  /** Tags to score (null: every tag with an active head). */
  tagIds: number[] | null;
  /** Photos to score (null: the whole library). */
  photoIds: number[] | null;
  modelThreshold: number;
  control: SharedArrayBuffer;
}

/** Trains a new tag from examples not yet written anywhere, and says what it would tag: nothing is stored. */
export interface PreviewRequest {
  type: 'preview';
  dbFile: string;
  tag: string;
  examples: number[];
  sampleSize: number;
  modelThreshold: number;
  control: SharedArrayBuffer;
}

export type LearningRequest = RetrainRequest | ScoreRequest | PreviewRequest;

export interface TrainedTag {
  tagId: number;
  tag: string;
  kind: TagTrainingResult['kind'];
  head: TagHead;
  curve: EpochPoint[];
  evaluation: HeadEvaluation;
  counts: TagTrainingResult['counts'];
  trainMs: number;
  liveVersion: number | null;
  swap: boolean;
  reason: string;
}

export interface RetrainComputation {
  type: 'retrain';
  versions: FeatureVersions | null;
  trained: TrainedTag[];
  waiting: { tag: string; reason: string }[];
  cancelled: boolean;
  collectMs: number;
  trainMs: number;
}

/**
 * What re-scoring one tag changes, worked out in the worker against its snapshot of photo_tags: the main
 * thread only applies it (guarded writes that never touch a user's row, so a verdict given meanwhile stands).
 * The scorer is the tag's live head, the detector's own score (a model tag with no head), or none (drop all).
 */
export interface TagChanges {
  tagId: number;
  scorer: { type: 'head'; version: number } | { type: 'base' } | { type: 'none' };
  modelVersion: string;
  /** Photos gaining the suggestion. */
  added: Int32Array;
  addedConfidences: Float32Array;
  /** Photos keeping it with a new confidence or version. */
  updated: Int32Array;
  updatedConfidences: Float32Array;
  /** Photos losing it. */
  removed: Int32Array;
}

export interface ScoreComputation {
  type: 'score';
  versions: FeatureVersions | null;
  /** How many photos were scored. */
  photos: number;
  tags: TagChanges[];
  loadMs: number;
  scoreMs: number;
}

export interface PreviewComputation {
  type: 'preview';
  /** Library photos (not counting the examples, nor photos the user already judged for the tag) it would tag. */
  count: number;
  /** Photos with stored vectors, i.e. that it was scored on. */
  scored: number;
  threshold: number;
  /** The ones it would tag, most confident first, then some from near its threshold, up to sampleSize. */
  sample: { photoId: number; confidence: number }[];
  /** Why nothing could be trained (too few examples, no stored vectors), or null. */
  problem: string | null;
}

export type LearningResponse = RetrainComputation | ScoreComputation | PreviewComputation;
