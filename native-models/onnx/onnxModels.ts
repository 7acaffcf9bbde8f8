import path from 'node:path';
import { embeddingNode } from '../embedding/embeddingSpec.js';
import { defaultModelDir, yolov5ModelDir } from '../loading/modelDir.js';

/** The shipped tfjs graphs Phototag runs on ONNX Runtime, and what each converted graph takes and gives. */
export type OnnxModelName = 'centernet' | 'yolov5s' | 'blazeface-back' | 'faceres';

export interface OnnxModelSpec {
  name: OnnxModelName;
  /** The source model.json. */
  source: string;
  /** Placeholder name → NHWC shape, -1 for the batch. */
  inputs: Record<string, number[]>;
  /** TensorFlow tensors the ONNX graph exposes, under the same names. */
  outputs: string[];
}

export const onnxModelNames: readonly OnnxModelName[] = ['centernet', 'yolov5s', 'blazeface-back', 'faceres'];

/** Where each model's tfjs source lives for a models folder (default: the installed packages, as the tagger loads them). */
export function onnxModelSpec(name: OnnxModelName, modelDir?: string): OnnxModelSpec {
  const human = modelDir ?? defaultModelDir();
  switch (name) {
    case 'centernet':
      // The heatmap and box sizes the tagger decodes itself, and the embedding's block (see embeddingSpec.ts).
      return { name, source: path.join(human, 'centernet.json'), inputs: { 'tower_0/images': [-1, 512, 512, 3] }, outputs: ['tower_0/keypoints', 'tower_0/wh', embeddingNode] };
    case 'yolov5s':
      return { name, source: path.join(yolov5ModelDir(modelDir), 'model.json'), inputs: { input_1: [-1, 640, 640, 3] }, outputs: ['Identity'] };
    case 'blazeface-back':
      return { name, source: path.join(human, 'blazeface-back.json'), inputs: { input: [-1, 256, 256, 3] }, outputs: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3'] };
    case 'faceres':
      // Only the pooled 1024-d descriptor; the age and gender heads are not used.
      return { name, source: path.join(human, 'faceres.json'), inputs: { input_1: [-1, 224, 224, 3] }, outputs: ['global_pooling/Mean'] };
  }
}
