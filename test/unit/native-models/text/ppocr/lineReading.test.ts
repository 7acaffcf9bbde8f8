import { describe, expect, it } from 'vitest';
import { decodeCtc, lineInputHeight, lineWords, sampleLine } from '../../../../../native-models/text/ppocr/lineReading.js';

describe('reading a line', () => {
  it('decodes CTC greedily: repeats merged, blanks dropped, each character with its step', () => {
    const characters = ['', 'a', 'b', ' '];
    // Steps: a a blank a b space b
    const best = [1, 1, 0, 1, 2, 3, 2];
    const probabilities = new Float32Array(best.length * characters.length);
    best.forEach((k, t) => {
      for (let c = 0; c < characters.length; c++) probabilities[t * characters.length + c] = c === k ? 0.7 + t / 100 : 0.1;
    });
    const chars = decodeCtc(probabilities, best.length, characters.length, characters);
    expect(chars.map((c) => c.char).join('')).toBe('aab b');
    expect(chars.map((c) => c.step)).toEqual([0, 3, 4, 5, 6]);
    const words = lineWords(chars);
    expect(words.map((w) => w.text)).toEqual(['aab', 'b']);
    expect(words[0]).toMatchObject({ firstStep: 0, lastStep: 4 });
    expect(words[0]?.probability).toBeCloseTo(0.7, 5);
  });

  it('samples the box turned level, in BGR planes scaled to -1…1', () => {
    // 4 × 2 image: left half red, right half blue.
    const data = new Uint8Array(4 * 2 * 3);
    for (let y = 0; y < 2; y++) {
      for (let x = 0; x < 4; x++) data.set(x < 2 ? [255, 0, 0] : [0, 0, 255], (y * 4 + x) * 3);
    }
    const image = { data, width: 4, height: 2 };
    // The box over the image, turned half round: its first columns are the image's right (blue) side.
    const input = sampleLine(image, { cx: 2, cy: 1, length: 4, thickness: 2, angle: Math.PI, score: 1 }, 8, 10);
    const plane = lineInputHeight * 10;
    const at = (channel: number, col: number) => input[channel * plane + 10 * 24 + col] as number;
    expect(at(0, 0)).toBeCloseTo(1); // blue plane first
    expect(at(2, 0)).toBeCloseTo(-1);
    expect(at(2, 7)).toBeCloseTo(1); // red at the end
    expect(at(0, 9)).toBe(0); // padding
  });
});
