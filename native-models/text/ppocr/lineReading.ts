import type { LineBox } from './lineBoxes.js';

/** Upright 8-bit RGB pixels. */
export interface RgbPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The recogniser's and the direction classifier's input height. */
export const lineInputHeight = 48;
/** The longest line input the recogniser is given (a line 40 times as long as it is thick). */
export const maxLineInputWidth = lineInputHeight * 40;

/** The input width a line is read at: its own proportions at the input height. */
export function lineInputWidth(box: LineBox, maxWidth = maxLineInputWidth): number {
  return Math.max(lineInputHeight / 3, Math.min(maxWidth, Math.ceil((box.length / Math.max(1, box.thickness)) * lineInputHeight)));
}

/**
 * The line's pixels turned level and scaled to `lineInputHeight`, as PP-OCR's recogniser and classifier take them:
 * CHW in BGR order (they were trained on OpenCV's images), each value (v / 255 − 0.5) / 0.5, sampled bilinearly
 * along the box (`width` columns), and zero beyond it up to `padTo`.
 */
export function sampleLine(image: RgbPixels, box: LineBox, width: number, padTo = width): Float32Array {
  const height = lineInputHeight;
  const out = new Float32Array(3 * height * padTo);
  const plane = height * padTo;
  const cos = Math.cos(box.angle);
  const sin = Math.sin(box.angle);
  const { data, width: w, height: h } = image;
  for (let row = 0; row < height; row++) {
    const v = ((row + 0.5) / height - 0.5) * box.thickness;
    for (let col = 0; col < width; col++) {
      const u = ((col + 0.5) / width - 0.5) * box.length;
      const sx = Math.min(w - 1, Math.max(0, box.cx + u * cos - v * sin - 0.5));
      const sy = Math.min(h - 1, Math.max(0, box.cy + u * sin + v * cos - 0.5));
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const i00 = (y0 * w + x0) * 3;
      const i01 = (y0 * w + x1) * 3;
      const i10 = (y1 * w + x0) * 3;
      const i11 = (y1 * w + x1) * 3;
      const at = row * padTo + col;
      for (let c = 0; c < 3; c++) {
        const top = (data[i00 + c] as number) * (1 - fx) + (data[i01 + c] as number) * fx;
        const bottom = (data[i10 + c] as number) * (1 - fx) + (data[i11 + c] as number) * fx;
        // RGB channel c goes to BGR plane 2 − c.
        out[(2 - c) * plane + at] = (top * (1 - fy) + bottom * fy) / 127.5 - 1;
      }
    }
  }
  return out;
}

/** A character the recogniser read, with its probability and the time step (column / 8 of its input) it peaked at. */
export interface ReadCharacter {
  char: string;
  probability: number;
  step: number;
}

/**
 * Greedy CTC decoding: each step's likeliest class, repeats merged, blanks (class 0) dropped. `probabilities` is
 * steps × classes, row-major, as the recogniser's softmax gives it.
 */
export function decodeCtc(probabilities: Float32Array, steps: number, classes: number, characters: readonly string[]): ReadCharacter[] {
  const chars: ReadCharacter[] = [];
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestP = -1;
    const row = t * classes;
    for (let k = 0; k < classes; k++) {
      const p = probabilities[row + k] as number;
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best !== 0 && best !== previous) chars.push({ char: characters[best] ?? '', probability: bestP, step: t });
    previous = best;
  }
  return chars;
}

/** A word of a read line: its text, its weakest character's probability, and the steps it spans. */
export interface LineWord {
  text: string;
  probability: number;
  firstStep: number;
  lastStep: number;
}

/** The line's words, split at the spaces the recogniser read. */
export function lineWords(chars: readonly ReadCharacter[]): LineWord[] {
  const words: LineWord[] = [];
  let current: ReadCharacter[] = [];
  const flush = () => {
    if (current.length > 0) {
      words.push({
        text: current.map((c) => c.char).join(''),
        probability: Math.min(...current.map((c) => c.probability)),
        firstStep: (current[0] as ReadCharacter).step,
        lastStep: (current[current.length - 1] as ReadCharacter).step,
      });
    }
    current = [];
  };
  for (const c of chars) {
    if (c.char.trim() === '') flush();
    else current.push(c);
  }
  flush();
  return words;
}
