import type { VocabularyEntry } from '../../../db/repositories/TagRepository.js';
import type { PhotoMetadata, RawRgbImage } from '../imaging/types.js';

export interface AnalyzerTag {
  name: string;
  kind: string;
  confidence: number;
  count?: number | null;
}

/** A per-photo vector kept so that learning and re-scoring never decode the photo again. */
export interface AnalyzerVector {
  /** 'embedding' (backbone features) or 'coco-scores' (the detector's confidence for each of the 80 classes). */
  kind: string;
  /** Vectors of different versions are not comparable; retraining uses one version only. */
  version: string;
  values: Float32Array;
}

/** One face: box and landmarks as fractions of the photo, and its identity descriptor when it could be recognised. */
export interface AnalyzerFace {
  box: [number, number, number, number];
  score: number;
  landmarks: [number, number][];
  embedding: Float32Array | null;
  /** Why it has no descriptor: 'small' or 'turned'. */
  skipped: string | null;
}

export interface PhotoAnalysis {
  tags: AnalyzerTag[];
  caption: string | null;
  vectors: AnalyzerVector[];
  /** Absent: the analyzer does not look for faces (the photo's stored faces are cleared). */
  faces?: AnalyzerFace[];
}

export interface AnalyzerInput {
  preview: RawRgbImage;
  metadata: PhotoMetadata;
  /** The photo's full size, upright. */
  size?: { width: number; height: number };
  /**
   * A sharper upright decode than the preview (long side up to 3072), read again from the file on demand, for
   * faces too small in the preview to recognise well; null when the file changed or cannot be decoded again.
   */
  detail?: () => Promise<RawRgbImage | null>;
}

export interface AnalyzeBatchOptions {
  /**
   * Aborted when the indexer stops: a batch that has not reached a model yet is withdrawn and the call rejects
   * with an error named 'TaskWithdrawnError', so its photos go back to the queue; a batch already running finishes.
   */
  signal?: AbortSignal;
  /** False when the library's face recognition is off: faces are found and counted, never described. */
  describeFaces?: boolean;
}

/**
 * What the models contribute to the pipeline. The core hands over upright previews in batches and stores what
 * comes back; how the models run (backend, workers) is theirs.
 */
export interface PhotoAnalyzer {
  /** Stored with every tag and caption it produces, so a newer model's output can be told apart. */
  readonly version: string;
  readonly vocabulary: readonly VocabularyEntry[];
  readonly batchSize: number;
  /** Batches it can work on at once (its worker threads); the pipeline keeps that many in flight, no more. */
  readonly parallelism: number;
  /** Confidence from which its tags are shown; learned corrections of its tags keep the same bar. */
  readonly tagThreshold?: number;
  analyzeBatch(inputs: readonly AnalyzerInput[], options?: AnalyzeBatchOptions): Promise<PhotoAnalysis[]>;
  close(): Promise<void>;
}
