import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { poolEmbedding } from '../embedding/poolEmbedding.js';
import type { FeaturePooling } from '../embedding/poolEmbedding.js';
import { tfjsEngine } from '../inference/GraphRunner.js';
import type { GraphEngine, GraphRunner } from '../inference/GraphRunner.js';
import { loadGraphRunner } from '../inference/loadGraphRunner.js';
import { loadGraphModelFile } from '../loading/loadGraphModelFile.js';

/** CenterNet's fixed input side; its upsampling sizes are baked into the graph, so only the batch can vary. */
export const centernetInputSize = 512;
const stride = 4;
const heatmapNode = 'tower_0/keypoints';
const sizeNode = 'tower_0/wh';

/** One heatmap peak: a candidate instance, box in model-input pixels. */
export interface CenternetPeak {
  classIndex: number;
  score: number;
  box: [number, number, number, number];
}

export interface CenternetOutput {
  /** Spatial maximum of each class heatmap (sigmoid), COCO order. */
  classMax: Float32Array;
  /** Strongest local maxima (3×3) over all classes, best first. */
  peaks: CenternetPeak[];
  /** Pooled backbone features over the photo area, when an embedding was requested. */
  embedding?: Float32Array;
}

export interface CenternetRunOptions {
  /** Pool this node over each input's photo area (model-input pixels; the rest is letterbox padding). */
  embedding?: { node: string; photoSizes: readonly { width: number; height: number }[]; pooling?: FeaturePooling };
  maxPeaks?: number;
}

export async function loadCenternet(modelDir: string, engine: GraphEngine = tfjsEngine): Promise<GraphRunner> {
  // The graph pins the batch to 1 only in its declared input shape; every op accepts a batch.
  return loadGraphRunner(engine, 'centernet', modelDir, () =>
    loadGraphModelFile(path.join(modelDir, 'centernet.json'), { inputShapes: { 'tower_0/images': [-1, centernetInputSize, centernetInputSize, 3] } }),
  );
}

/**
 * Runs CenterNet on a batch of letterboxed RGB 0..255 inputs [N,512,512,3]. The graph's own detection tail is
 * skipped: it reshapes with batch 1 baked in, and decoding here also gives the per-class heatmap maxima.
 */
export async function runCenternet(model: GraphRunner, batch: tf.Tensor4D, options: CenternetRunOptions = {}): Promise<CenternetOutput[]> {
  const n = batch.shape[0];
  const maxPeaks = options.maxPeaks ?? 100;
  const embedding = options.embedding;
  const outputs = (await model.run(batch, embedding ? [heatmapNode, sizeNode, embedding.node] : [heatmapNode, sizeNode])) as tf.Tensor4D[];
  const [heatmap, sizes, featureMap] = outputs as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D | undefined];
  const [classMaxT, peakValuesT, peakIndicesT] = tf.tidy(() => {
    const classMax = heatmap.max([1, 2]);
    const local = tf.maxPool(heatmap, 3, 1, 'same');
    const peaksOnly = heatmap.mul(heatmap.equal(local).toFloat()).reshape([n, -1]);
    const { values, indices } = tf.topk(peaksOnly, maxPeaks);
    return [classMax, values, indices] as const;
  });
  const [classMax, peakValues, peakIndices, sizeData, featureData] = await Promise.all([
    classMaxT.data() as Promise<Float32Array>,
    peakValuesT.data() as Promise<Float32Array>,
    peakIndicesT.data() as Promise<Int32Array>,
    sizes.data() as Promise<Float32Array>,
    featureMap ? (featureMap.data() as Promise<Float32Array>) : Promise.resolve(undefined),
  ]);
  tf.dispose([...outputs, classMaxT, peakValuesT, peakIndicesT]);

  const [, gridH, gridW, classes] = heatmap.shape;
  const results: CenternetOutput[] = [];
  for (let i = 0; i < n; i++) {
    const peaks: CenternetPeak[] = [];
    for (let k = 0; k < maxPeaks; k++) {
      const flat = peakIndices[i * maxPeaks + k] as number;
      const score = peakValues[i * maxPeaks + k] as number;
      const classIndex = flat % classes;
      const cell = Math.floor(flat / classes);
      const gx = cell % gridW;
      const gy = Math.floor(cell / gridW);
      const s = ((i * gridH + gy) * gridW + gx) * 4;
      const cx = gx * stride;
      const cy = gy * stride;
      peaks.push({ classIndex, score, box: [cx - (sizeData[s] as number), cy - (sizeData[s + 1] as number), cx + (sizeData[s + 2] as number), cy + (sizeData[s + 3] as number)] });
    }
    const result: CenternetOutput = { classMax: classMax.slice(i * classes, (i + 1) * classes), peaks };
    if (featureMap && featureData && embedding) {
      const [, rows, cols, channels] = featureMap.shape;
      const per = rows * cols * channels;
      const photo = embedding.photoSizes[i] ?? { width: centernetInputSize, height: centernetInputSize };
      const cell = centernetInputSize / rows;
      result.embedding = (embedding.pooling ?? poolEmbedding)(featureData.subarray(i * per, (i + 1) * per), rows, cols, channels, Math.ceil(photo.height / cell), Math.ceil(photo.width / cell));
    }
    results.push(result);
  }
  return results;
}
