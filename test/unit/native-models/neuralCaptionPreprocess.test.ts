import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../native-models/backends/selectBackend.js';
import type { ImageSpec } from '../../../native-models/captioner/neural/manifest.js';
import { preprocessImage } from '../../../native-models/captioner/neural/preprocess.js';
import type { RawRgbImage } from '../../../native-models/tagger/types.js';

beforeAll(async () => {
  await selectBackend({ startAt: 'cpu' });
});

/** An image whose columns (or rows) are black or white by `isWhite(x, y)`. */
function pattern(width: number, height: number, isWhite: (x: number, y: number) => boolean): RawRgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(isWhite(x, y) ? 255 : 0, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { data, width, height, channels: 3 };
}

const unit: Omit<ImageSpec, 'width' | 'height' | 'resize'> = { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] };

function pixels(image: RawRgbImage, spec: ImageSpec): number[][][] {
  const tensor = preprocessImage(image, spec);
  try {
    expect(tensor.shape).toEqual([1, spec.height, spec.width, 3]);
    return (tensor.arraySync() as number[][][][])[0] as number[][][];
  } finally {
    tensor.dispose();
  }
}

describe('preprocessImage', () => {
  it('normalises each channel as (pixel × scale − mean) / std', () => {
    const data = Buffer.alloc(2 * 2 * 3);
    for (let i = 0; i < 4; i++) data.set([255, 0, 51], i * 3);
    const spec: ImageSpec = { width: 2, height: 2, resize: 'stretch', scale: 1 / 255, mean: [0.5, 0.25, 0], std: [0.5, 0.25, 0.2] };
    const [r, g, b] = pixels({ data, width: 2, height: 2, channels: 3 }, spec)[1]?.[1] ?? [];
    expect(r).toBeCloseTo(1, 5);
    expect(g).toBeCloseTo(-1, 5);
    expect(b).toBeCloseTo(1, 5);
  });

  it('stretches the whole photo to the input size', () => {
    const leftBlackRightWhite = pattern(12, 4, (x) => x >= 6);
    const out = pixels(leftBlackRightWhite, { ...unit, width: 8, height: 8, resize: 'stretch' });
    expect(out[4]?.[0]?.[0]).toBeCloseTo(0, 5);
    expect(out[4]?.[7]?.[0]).toBeCloseTo(1, 5);
  });

  it('centre-crops to the input aspect ratio, cutting the sides of a wide photo and the ends of a tall one', () => {
    const wide = pattern(12, 4, (x) => x >= 4 && x < 8);
    const tall = pattern(4, 12, (_, y) => y >= 4 && y < 8);
    for (const image of [wide, tall]) {
      const flat = pixels(image, { ...unit, width: 8, height: 8, resize: 'center-crop' }).flat(2);
      expect(Math.min(...flat)).toBeCloseTo(1, 5);
    }
    // A wide input from a square photo keeps the middle rows.
    const middleRows = pattern(8, 8, (_, y) => y >= 2 && y < 6);
    expect(Math.min(...pixels(middleRows, { ...unit, width: 8, height: 4, resize: 'center-crop' }).flat(2))).toBeCloseTo(1, 5);
  });

  it('keeps nothing but its result', () => {
    const before = tf.memory().numTensors;
    const tensor = preprocessImage(pattern(30, 20, (x) => x > 10), { ...unit, width: 8, height: 8, resize: 'center-crop' });
    expect(tf.memory().numTensors).toBe(before + 1);
    tensor.dispose();
  });
});
