import * as tf from '@tensorflow/tfjs';
import type { RawRgbImage } from './types.js';

/** Where the scaled photo (or crop) sits in the square model input, so boxes can be mapped back to the photo. */
export interface LetterboxPlacement {
  /** Model-input pixels per photo pixel. */
  scale: number;
  /** Photo-pixel origin of the crop that was scaled. */
  cropX: number;
  cropY: number;
  /** Scaled crop size in model-input pixels (the rest of the square is padding). */
  width: number;
  height: number;
  flipped: boolean;
}

export interface LetterboxOptions {
  size: number;
  /** Padding grey level, 0..255. */
  padValue?: number;
  /** A sub-rectangle of the photo to use instead of all of it (photo pixels), for tiled inference. */
  crop?: { x: number; y: number; width: number; height: number };
  flip?: boolean;
}

/** The photo as an int tensor [h, w, 3]; the Buffer is viewed, not copied. */
export function imageTensor(image: RawRgbImage): tf.Tensor3D {
  if (image.channels !== 3 || image.data.length < image.width * image.height * 3) {
    throw new Error(`expected ${image.width}x${image.height}x3 RGB bytes, got ${image.data.length} bytes with ${image.channels} channels`);
  }
  const bytes = new Uint8Array(image.data.buffer, image.data.byteOffset, image.width * image.height * 3);
  return tf.tensor3d(bytes, [image.height, image.width, 3], 'int32');
}

/**
 * Scales the photo (or a crop of it) to fit a size×size square without distortion and pads the rest, top-left
 * aligned. Both detectors were trained on undistorted objects: stretching to a square costs ≈3 points of F1.
 * Returns float RGB 0..255, [size, size, 3].
 */
export function letterbox(image: RawRgbImage, options: LetterboxOptions): { input: tf.Tensor3D; placement: LetterboxPlacement } {
  const crop = options.crop ?? { x: 0, y: 0, width: image.width, height: image.height };
  const scale = options.size / Math.max(crop.width, crop.height);
  const width = Math.min(options.size, Math.max(1, Math.round(crop.width * scale)));
  const height = Math.min(options.size, Math.max(1, Math.round(crop.height * scale)));
  const input = tf.tidy(() => {
    let pixels: tf.Tensor3D = imageTensor(image).toFloat();
    if (options.crop) pixels = tf.slice3d(pixels, [crop.y, crop.x, 0], [crop.height, crop.width, 3]);
    let resized = tf.image.resizeBilinear(pixels, [height, width], false, true);
    if (options.flip) resized = tf.reverse3d(resized, 1);
    const pad = options.padValue ?? 0;
    return tf.pad3d(resized, [[0, options.size - height], [0, options.size - width], [0, 0]], pad);
  });
  return { input, placement: { scale, cropX: crop.x, cropY: crop.y, width, height, flipped: Boolean(options.flip) } };
}

/** Maps a box in model-input pixels back to fractions (0..1) of the whole photo, clipped to it. */
export function boxToPhoto(
  box: readonly [number, number, number, number],
  placement: LetterboxPlacement,
  photo: { width: number; height: number },
): [number, number, number, number] {
  let [x1, , x2] = box;
  const [, y1, , y2] = box;
  if (placement.flipped) [x1, x2] = [placement.width - x2, placement.width - x1];
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  return [
    clip((placement.cropX + x1 / placement.scale) / photo.width),
    clip((placement.cropY + y1 / placement.scale) / photo.height),
    clip((placement.cropX + x2 / placement.scale) / photo.width),
    clip((placement.cropY + y2 / placement.scale) / photo.height),
  ];
}
