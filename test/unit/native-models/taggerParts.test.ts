import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { instancesByClass } from '../../../native-models/tagger/counting.js';
import { fuseScores } from '../../../native-models/tagger/fusion.js';
import { boxToPhoto, letterbox } from '../../../native-models/tagger/letterbox.js';
import { cornerTiles } from '../../../native-models/tagger/tiles.js';
import type { RawRgbImage } from '../../../native-models/tagger/types.js';
import { poolEmbedding } from '../../../native-models/embedding/poolEmbedding.js';

const solid = (width: number, height: number, rgb: [number, number, number]): RawRgbImage => {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { data, width, height, channels: 3 };
};

describe('letterbox', () => {
  it('keeps the aspect ratio, pads the rest, and maps boxes back to photo fractions', async () => {
    const { input, placement } = letterbox(solid(200, 100, [255, 0, 0]), { size: 64 });
    expect(input.shape).toEqual([64, 64, 3]);
    expect(placement).toMatchObject({ width: 64, height: 32, scale: 0.32 });
    const pixels = (await input.array()) as number[][][];
    expect(pixels[10]?.[10]).toEqual([255, 0, 0]);
    expect(pixels[50]?.[10]).toEqual([0, 0, 0]);
    input.dispose();
    expect(boxToPhoto([0, 0, 32, 16], placement, { width: 200, height: 100 })).toEqual([0, 0, 0.5, 0.5]);
  });

  it('maps a box found on a mirrored crop back to the right place', () => {
    const { input, placement } = letterbox(solid(100, 100, [0, 0, 0]), { size: 50, crop: { x: 50, y: 0, width: 50, height: 50 }, flip: true });
    input.dispose();
    // The left 10 input pixels of the mirrored right-hand crop are the photo's right-most 10 pixels.
    const [x1, , x2] = boxToPhoto([0, 0, 10, 10], placement, { width: 100, height: 100 });
    expect(x1).toBeCloseTo(0.9);
    expect(x2).toBeCloseTo(1);
  });

  it('rejects a buffer that does not hold width × height RGB pixels', () => {
    expect(() => letterbox({ data: Buffer.alloc(10), width: 10, height: 10, channels: 3 }, { size: 16 })).toThrow(/10x10x3/);
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });
});

describe('cornerTiles', () => {
  it('covers the photo with four overlapping crops inside it', () => {
    const tiles = cornerTiles(640, 480);
    expect(tiles).toHaveLength(4);
    for (const t of tiles) {
      expect(t.x + t.width).toBeLessThanOrEqual(640);
      expect(t.y + t.height).toBeLessThanOrEqual(480);
    }
    expect(Math.max(...tiles.map((t) => t.x + t.width))).toBe(640);
    expect(Math.max(...tiles.map((t) => t.y + t.height))).toBe(480);
  });
});

describe('fuseScores', () => {
  it('applies shared weights to every class logit', () => {
    const model = { features: ['centernet', 'nanodet'] as const, weights: [1, 1], bias: 0, threshold: 0.5 };
    const fused = fuseScores(model, { centernet: [0.5, 0.9], nanodet: [0.5, 0.9] }, 2);
    expect(fused[0]).toBeCloseTo(0.5);
    expect(fused[1]).toBeCloseTo(1 / (1 + (0.1 / 0.9) ** 2), 4);
    expect(() => fuseScores(model, { centernet: [0.5, 0.5] }, 2)).toThrow(/nanodet/);
  });
});

describe('instancesByClass', () => {
  it('counts peaks above the threshold and merges same-class duplicates', () => {
    const peaks = [
      { classIndex: 0, score: 0.9, box: [0, 0, 10, 10] as [number, number, number, number] },
      { classIndex: 0, score: 0.8, box: [1, 0, 11, 10] as [number, number, number, number] },
      { classIndex: 0, score: 0.7, box: [50, 50, 60, 60] as [number, number, number, number] },
      { classIndex: 2, score: 0.6, box: [0, 0, 10, 10] as [number, number, number, number] },
      { classIndex: 0, score: 0.1, box: [80, 80, 90, 90] as [number, number, number, number] },
    ];
    const byClass = instancesByClass(peaks, 0.3);
    expect(byClass.get(0)).toHaveLength(2);
    expect(byClass.get(2)).toHaveLength(1);
  });
});

describe('poolEmbedding', () => {
  it('averages the photo area only, then signed-square-roots and L2-normalises', () => {
    // 2×2 map, 2 channels; the photo covers the left column only (padding holds 100s).
    const map = new Float32Array([4, -16, 100, 100, 12, -32, 100, 100]);
    const v = poolEmbedding(map, 2, 2, 2, 2, 1);
    // means 8 and -24 → signed roots √8 and -√24 → normalised by √32.
    expect(v[0]).toBeCloseTo(Math.sqrt(8 / 32));
    expect(v[1]).toBeCloseTo(-Math.sqrt(24 / 32));
  });
});
