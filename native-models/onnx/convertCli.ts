// `npm run convert:onnx [-- --out DIR] [--reference]`: converts the shipped tfjs models to ONNX for the onnxruntime
// backend. --reference also rewrites the committed native-models/onnx/manifest.json (after a converter change).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { convertOnnxModels, manifestFileName } from './convertModels.js';
import { defaultOnnxDir } from './onnxDir.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, reference: { type: 'boolean', default: false } } });
const outDir = values.out ?? defaultOnnxDir();
const started = performance.now();
const manifest = convertOnnxModels(outDir);
for (const [name, entry] of Object.entries(manifest.models)) console.log(`${name}: ${path.join(outDir, entry.file)} (${(entry.bytes / 1e6).toFixed(1)} MB, sha256 ${entry.sha256.slice(0, 12)})`);
console.log(`converted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (values.reference) fs.copyFileSync(path.join(outDir, manifestFileName), path.join(path.dirname(defaultOnnxDir()), manifestFileName));
