import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { tfjsEngine } from '../inference/GraphRunner.js';
import type { GraphEngine, GraphRunner } from '../inference/GraphRunner.js';
import { loadGraphRunner } from '../inference/loadGraphRunner.js';
import { loadGraphModelFile } from '../loading/loadGraphModelFile.js';

/** The exported graph's grid constants are baked in for 640×640, so only the batch can vary. */
export const yolov5InputSize = 640;
/** The grey Ultralytics pads with when it letterboxes for training; black padding reads as a dark object. */
export const yolov5PadValue = 114;
const inputNode = 'input_1';
const classCount = 80;

export async function loadYolov5(dir: string, engine: GraphEngine = tfjsEngine): Promise<GraphRunner> {
  return loadGraphRunner(engine, 'yolov5s', dir, () => loadGraphModelFile(path.join(dir, 'model.json'), { inputShapes: { [inputNode]: [-1, yolov5InputSize, yolov5InputSize, 3] } }));
}

/**
 * Per-class image-level score for each letterboxed RGB 0..255 input [640,640,3]: the maximum over all 25,200
 * anchors of objectness × class probability, which is how YOLOv5 itself ranks a detection. No NMS is needed for
 * an image-level tag, and skipping it keeps the whole pass on the backend. Runs `perCall` inputs per graph call:
 * a 640² batch holds that many times the activations, which only pays on a backend that runs a batch faster.
 */
export async function runYolov5(model: GraphRunner, inputs: readonly tf.Tensor3D[], perCall = inputs.length): Promise<Float32Array[]> {
  const results: Float32Array[] = [];
  const step = Math.max(1, perCall);
  for (let start = 0; start < inputs.length; start += step) {
    const chunk = inputs.slice(start, start + step);
    const batch = tf.tidy(() => tf.stack(chunk).div(255) as tf.Tensor4D);
    const [raw] = (await model.run(batch)) as [tf.Tensor3D];
    const classMax = tf.tidy(() => {
      const objectness = raw.slice([0, 0, 4], [-1, -1, 1]);
      const classes = raw.slice([0, 0, 5], [-1, -1, classCount]);
      return classes.mul(objectness).max(1) as tf.Tensor2D;
    });
    const data = (await classMax.data()) as Float32Array;
    tf.dispose([batch, raw, classMax]);
    chunk.forEach((_, i) => results.push(data.slice(i * classCount, (i + 1) * classCount)));
  }
  return results;
}
