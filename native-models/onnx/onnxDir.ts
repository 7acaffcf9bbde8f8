import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run convert:onnx` (also run by `npm run build`) writes the converted models: native-models/onnx/models
 * under the app's root, found by walking up to Phototag's package.json (source, dist/ and tests sit at other depths).
 */
export function defaultOnnxDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string }).name === 'phototag') return path.join(dir, 'native-models', 'onnx', 'models');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Phototag's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
