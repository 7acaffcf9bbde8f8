import * as tf from '@tensorflow/tfjs';
import { imageTensor } from '../../tagger/letterbox.js';
import type { RawRgbImage } from '../../tagger/types.js';
import type { ImageSpec } from './manifest.js';

/** The largest centred window of the photo with the model input's aspect ratio. */
function centreCropWindow(image: RawRgbImage, spec: ImageSpec): { x: number; y: number; width: number; height: number } {
  const target = spec.width / spec.height;
  if (image.width / image.height > target) {
    const width = Math.max(1, Math.round(image.height * target));
    return { x: Math.floor((image.width - width) / 2), y: 0, width, height: image.height };
  }
  const height = Math.max(1, Math.round(image.width / target));
  return { x: 0, y: Math.floor((image.height - height) / 2), width: image.width, height };
}

/**
 * The photo as the pack's encoder was trained to see it: [1, height, width, 3] float32, resized the pack's way
 * and normalised as (pixel × scale − mean) / std. Bilinear with half-pixel centres and no antialiasing is what
 * TF2's tf.image.resize does, which is how the Keras captioning example resizes its training images.
 */
export function preprocessImage(image: RawRgbImage, spec: ImageSpec): tf.Tensor4D {
  return tf.tidy(() => {
    let pixels: tf.Tensor3D = imageTensor(image).toFloat();
    if (spec.resize === 'center-crop') {
      const crop = centreCropWindow(image, spec);
      pixels = tf.slice3d(pixels, [crop.y, crop.x, 0], [crop.height, crop.width, 3]);
    }
    const resized = tf.image.resizeBilinear(pixels, [spec.height, spec.width], false, true);
    const normalised = resized.mul(spec.scale).sub(tf.tensor1d(spec.mean)).div(tf.tensor1d(spec.std));
    return normalised.expandDims(0) as tf.Tensor4D;
  });
}
