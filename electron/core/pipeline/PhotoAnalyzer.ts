import type { VocabularyEntry } from '../../../db/repositories/TagRepository.js';
import type { PhotoMetadata, RawRgbImage } from '../imaging/types.js';

export interface AnalyzerTag {
  name: string;
  kind: string;
  confidence: number;
  count?: number | null;
}

export interface PhotoAnalysis {
  tags: AnalyzerTag[];
  caption: string | null;
  embedding: Float32Array | null;
}

export interface AnalyzerInput {
  preview: RawRgbImage;
  metadata: PhotoMetadata;
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
  analyzeBatch(inputs: readonly AnalyzerInput[]): Promise<PhotoAnalysis[]>;
  close(): Promise<void>;
}
