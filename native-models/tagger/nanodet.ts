import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadGraphModelFile } from '../loading/loadGraphModelFile.js';

export const nanodetInputSize = 416;
/** The training normalisation (BGR, ImageNet statistics in 0..255); the Human library's RGB/255 loses ≈17 F1 points. */
const bgrMean = [103.53, 116.28, 123.675] as const;
const bgrStd = [57.375, 57.12, 58.395] as const;

export async function loadNanodet(modelDir: string): Promise<tf.GraphModel> {
  return loadGraphModelFile(path.join(modelDir, 'nanodet.json'));
}

/** Letterboxed RGB 0..255 [416,416,3] → the model's normalised BGR NCHW [1,3,416,416]. */
export function nanodetInput(rgb: tf.Tensor3D): tf.Tensor4D {
  return tf.tidy(() => {
    const bgr = tf.reverse(rgb, -1);
    const normalised = bgr.sub(tf.tensor1d([...bgrMean])).div(tf.tensor1d([...bgrStd]));
    return normalised.transpose([2, 0, 1]).expandDims(0) as tf.Tensor4D;
  });
}

/**
 * Per-class maximum score (sigmoid) over NanoDet's three pyramid levels for each image. Runs one image per call:
 * the graph flattens its outputs with the batch fixed at 1, so a larger batch would interleave images.
 */
export async function runNanodet(model: tf.GraphModel, inputs: readonly tf.Tensor3D[]): Promise<Float32Array[]> {
  const results: Float32Array[] = [];
  for (const rgb of inputs) {
    const x = nanodetInput(rgb);
    const outputs = model.execute(x) as tf.Tensor[];
    // Output order differs between conversions; the score maps are the ones with 80 channels.
    const scoreMaps = outputs.filter((o) => o.shape[o.shape.length - 1] === 80);
    const classMax = tf.tidy(() => tf.concat(scoreMaps.map((m) => m.reshape([-1, 80])), 0).max(0));
    results.push((await classMax.data()) as Float32Array);
    tf.dispose([x, classMax, ...outputs]);
  }
  return results;
}
