import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { tfjsEngine } from '../inference/GraphRunner.js';
import type { GraphEngine } from '../inference/GraphRunner.js';
import { loadGraphRunner } from '../inference/loadGraphRunner.js';
import { loadGraphModelFile } from '../loading/loadGraphModelFile.js';
import { boxToPhoto, letterbox } from '../tagger/letterbox.js';
import type { DetectedFace, RawRgbImage } from '../tagger/types.js';
import { faceAnchors } from './faceAnchors.js';

/** BlazeFace "back camera" (the longer-range variant): 256×256 RGB in [-1, 1]. */
const inputSize = 256;
const grids = [
  { stride: 16, perCell: 2 },
  { stride: 32, perCell: 6 },
] as const;
const anchors = faceAnchors(inputSize, grids);
const anchorCount = anchors.length / 2;
/** Box columns per anchor: centre offset (2), size (2), six landmarks (12). */
const boxColumns = 16;

export interface FaceDetectorOptions {
  /** Faces at or above this confidence count (0.5: on coco dev photos this counted visible faces, not hands or backs of heads). */
  minConfidence?: number;
  /** Overlapping detections of one face merge above this IoU. */
  maxOverlap?: number;
  maxFaces?: number;
}

export interface FaceDetector {
  detect(images: readonly RawRgbImage[]): Promise<DetectedFace[][]>;
  dispose(): void;
}

/**
 * Faces in photos, for face counts ("two people, two faces") and a `face` tag. The shipped model's outputs come
 * as four unnamed tensors (scores and boxes for each of the two grids); they are told apart by size.
 */
export async function loadFaceDetector(modelDir: string, options: FaceDetectorOptions = {}, engine: GraphEngine = tfjsEngine): Promise<FaceDetector> {
  const model = await loadGraphRunner(engine, 'blazeface-back', modelDir, () => loadGraphModelFile(path.join(modelDir, 'blazeface-back.json')));
  const minConfidence = options.minConfidence ?? 0.5;
  const maxOverlap = options.maxOverlap ?? 0.3;
  const maxFaces = options.maxFaces ?? 50;

  async function detectOne(image: RawRgbImage): Promise<DetectedFace[]> {
    const { input, placement } = letterbox(image, { size: inputSize });
    const scaled = tf.tidy(() => input.div(127.5).sub(1).expandDims(0));
    input.dispose();
    const outputs = await model.run(scaled).finally(() => scaled.dispose());
    try {
      const bySize = [...outputs].sort((a, b) => a.size - b.size);
      const [scores384, scores512, boxes384, boxes512] = bySize as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      if (scores512.size + scores384.size !== anchorCount || boxes512.size + boxes384.size !== anchorCount * boxColumns) {
        throw new Error(`the face model's outputs do not match its ${anchorCount} anchors`);
      }
      const [logits, raw] = await Promise.all([
        tf.tidy(() => tf.concat([scores512.reshape([-1]), scores384.reshape([-1])])).data(),
        tf.tidy(() => tf.concat([boxes512.reshape([-1]), boxes384.reshape([-1])])).data(),
      ]);
      const scores = new Float32Array(anchorCount);
      const corners = new Float32Array(anchorCount * 4);
      for (let i = 0; i < anchorCount; i++) {
        scores[i] = 1 / (1 + Math.exp(-(logits[i] as number)));
        const cx = (anchors[2 * i] as number) + (raw[i * boxColumns] as number);
        const cy = (anchors[2 * i + 1] as number) + (raw[i * boxColumns + 1] as number);
        const w = raw[i * boxColumns + 2] as number;
        const h = raw[i * boxColumns + 3] as number;
        // nonMaxSuppression takes [y1, x1, y2, x2].
        corners.set([cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2], i * 4);
      }
      const boxesT = tf.tensor2d(corners, [anchorCount, 4]);
      const scoresT = tf.tensor1d(scores);
      const keptT = await tf.image.nonMaxSuppressionAsync(boxesT, scoresT, maxFaces, maxOverlap, minConfidence);
      const kept = await keptT.data();
      tf.dispose([boxesT, scoresT, keptT]);
      return [...kept].map((i) => {
        const [y1, x1, y2, x2] = corners.subarray(i * 4, i * 4 + 4) as unknown as [number, number, number, number];
        // Six landmarks (the subject's right eye, left eye, nose tip, mouth, right ear, left ear), offsets from the anchor.
        const landmarks: [number, number][] = [];
        for (let k = 0; k < 6; k++) {
          const x = (anchors[2 * i] as number) + (raw[i * boxColumns + 4 + 2 * k] as number);
          const y = (anchors[2 * i + 1] as number) + (raw[i * boxColumns + 5 + 2 * k] as number);
          const [px, py] = boxToPhoto([x, y, x, y], placement, image);
          landmarks.push([px, py]);
        }
        return { box: boxToPhoto([x1, y1, x2, y2], placement, image), score: scores[i] as number, landmarks };
      });
    } finally {
      tf.dispose(outputs);
    }
  }

  return {
    // The graph's batch is fixed at 1; a face pass is ~5 % of CenterNet's cost, so photos go one by one.
    async detect(images) {
      const found: DetectedFace[][] = [];
      for (const image of images) found.push(await detectOne(image));
      return found;
    },
    dispose: () => model.dispose(),
  };
}
