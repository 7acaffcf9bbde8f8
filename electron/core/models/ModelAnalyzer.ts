import { composeCaption, type CaptionObject } from '../../../native-models/captioner/composeCaption.js';
import { embeddingVersion } from '../../../native-models/embedding/embeddingSpec.js';
import type { TaggerPool } from '../../../native-models/tagger/TaggerPool.js';
import type { TaggedPhoto, TaggerWorkerInfo } from '../../../native-models/tagger/taggerProtocol.js';
import { tagVocabulary } from '../../../native-models/tagger/tagVocabulary.js';
import type { DetectedFace, TagResult } from '../../../native-models/tagger/types.js';
import { cutFaceRegion, faceGeometry, sharperBelowEyePixels } from '../../../native-models/faces/faceRegion.js';
import type { VocabularyEntry } from '../../../db/repositories/TagRepository.js';
import type { AnalyzeBatchOptions, AnalyzerFace, AnalyzerInput, AnalyzerTag, PhotoAnalysis, PhotoAnalyzer } from '../pipeline/PhotoAnalyzer.js';

/** Bumped when the caption rules change, so captions written by older rules can be told apart. */
const captionRulesVersion = 'rules-v1';

export interface ModelAnalyzerOptions {
  batchSize: number;
}

/** What one photo's tagger result becomes in the library: tags, a caption, and the vectors learning needs. */
export function analysisFromTags(result: TagResult, input: AnalyzerInput, taggerVersion: string, neuralCaption: string | null = null): PhotoAnalysis {
  const tags: AnalyzerTag[] = [
    ...result.tags.map((t) => ({ name: t.name, kind: 'object', confidence: t.confidence, count: t.count })),
    ...result.scenes.map((s) => ({ name: s.name, kind: 'scene', confidence: s.confidence, count: null })),
  ];
  // A face needs a person: on coco dev, every "face" on a photo without people was a clock, an animal or a toilet
  // (10 of 51 such photos), and none of the 37 face-bearing photos with people lost its faces to this rule.
  const withPeople = result.faces.length > 0 && result.tags.some((t) => t.name === 'person');
  if (withPeople) {
    tags.push({ name: 'face', kind: 'object', confidence: Math.max(...result.faces.map((f) => f.score)), count: result.faces.length });
  }
  // The same rule keeps clock faces and animals out of People.
  const faces: AnalyzerFace[] = withPeople
    ? result.faces.map((f) => ({ box: f.box, score: f.score, landmarks: f.landmarks, embedding: f.embedding ?? null, skipped: f.skipped ?? null }))
    : [];
  const objects: CaptionObject[] = result.tags.flatMap((t) => (t.boxes ?? []).map((b) => ({ name: t.name, score: b.score, box: b.box })));
  const caption = neuralCaption ?? composeCaption({ objects, scenes: result.scenes, takenAt: input.metadata.takenAt });
  const vectors = [{ kind: 'coco-scores', version: taggerVersion, values: result.scores }];
  if (result.embedding.length > 0) vectors.push({ kind: 'embedding', version: embeddingVersion, values: result.embedding });
  return { tags, caption, vectors, faces };
}

/**
 * The shipped models as the pipeline sees them: previews go to the tagger's worker threads in batches, and each
 * result becomes tags (objects with counts, scenes), a composed caption and the stored vectors.
 */
export class ModelAnalyzer implements PhotoAnalyzer {
  readonly version: string;
  readonly vocabulary: readonly VocabularyEntry[] = tagVocabulary;
  readonly batchSize: number;

  constructor(
    private readonly tagger: TaggerPool,
    options: ModelAnalyzerOptions,
  ) {
    this.version = `${tagger.info.version}+${tagger.info.captionPackVersion ?? captionRulesVersion}${tagger.info.faceVersion ? `+${tagger.info.faceVersion}/detail${sharperBelowEyePixels}` : ''}`;
    this.batchSize = Math.max(1, options.batchSize);
  }

  get tagThreshold(): number {
    return this.tagger.info.threshold;
  }

  get parallelism(): number {
    return this.tagger.workers;
  }

  /** The tagger's backend, worker count, threshold and weights version, for doctor, logs and benchmarks. */
  get modelInfo(): TaggerWorkerInfo & { workers: number } {
    return { ...this.tagger.info, workers: this.tagger.workers };
  }

  async analyzeBatch(inputs: readonly AnalyzerInput[], options: AnalyzeBatchOptions = {}): Promise<PhotoAnalysis[]> {
    // The previews' pixels move to the workers: keep their sizes for the faces' geometry.
    const previewSizes = inputs.map((i) => ({ width: i.preview.width, height: i.preview.height }));
    const describeFaces = options.describeFaces !== false;
    const results = await this.tagger.tagBatch(inputs.map((i) => i.preview), options.signal, { describeFaces });
    if (describeFaces) await Promise.all(results.map((r, i) => this.sharpenSmallFaces(r.tags.faces, inputs[i] as AnalyzerInput, previewSizes[i] as { width: number; height: number })));
    return results.map((result: TaggedPhoto, i) => analysisFromTags(result.tags, inputs[i] as AnalyzerInput, this.tagger.info.version, result.neuralCaption));
  }

  /**
   * Faces small in the 1024-px preview are described again from a sharper decode of the original: on faces `dev`
   * shrunk into a scene, describing them from a decode twice the preview's size took test grouping F1 from 0.88 to
   * 0.99 (README, People). Only photos with such faces pay the second decode.
   */
  private async sharpenSmallFaces(faces: DetectedFace[], input: AnalyzerInput, preview: { width: number; height: number }): Promise<void> {
    if (!input.detail || !input.size) return;
    // Not worth a decode unless the original is clearly sharper than the preview.
    if (Math.max(input.size.width, input.size.height) < 1.5 * Math.max(preview.width, preview.height)) return;
    const small = faces.filter((f) => f.skipped !== 'turned' && faceGeometry(f, preview).eyeDistance < sharperBelowEyePixels);
    if (small.length === 0) return;
    const detail = await input.detail();
    if (!detail) return;
    let embeddings: (Float32Array | null)[];
    try {
      embeddings = await this.tagger.describeFaces(small.map((f) => cutFaceRegion(detail, f)));
    } catch {
      // The preview's descriptors stand: a failed second look must not cost the photo its whole analysis.
      return;
    }
    small.forEach((face, k) => {
      const embedding = embeddings[k] ?? null;
      face.embedding = embedding;
      face.skipped = embedding ? undefined : 'small';
    });
  }

  close(): Promise<void> {
    return this.tagger.close();
  }
}
