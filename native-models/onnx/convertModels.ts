import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { convertTfjsGraph, converterVersion } from './convertGraph.js';
import { onnxModelNames, onnxModelSpec } from './onnxModels.js';
import type { OnnxModelName } from './onnxModels.js';
import { readTfjsGraph } from './tfjsGraph.js';

const require = createRequire(import.meta.url);

export interface OnnxManifestEntry {
  file: string;
  bytes: number;
  sha256: string;
  /** The tfjs files it was converted from (model.json first, then the weight shards). */
  sources: { file: string; sha256: string }[];
}

/** What a conversion produced and from what: the same sources and converter give the same bytes. */
export interface OnnxManifest {
  converterVersion: string;
  protobufjsVersion: string;
  models: Partial<Record<OnnxModelName, OnnxManifestEntry>>;
}

export const manifestFileName = 'manifest.json';
export const onnxFileName = (name: OnnxModelName) => `${name}.onnx`;
export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function protobufjsVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve('protobufjs/package.json'), 'utf8')) as { version: string }).version;
}

/** Converts one shipped model in memory. */
export function convertOnnxModel(name: OnnxModelName, modelDir?: string): { bytes: Uint8Array; entry: OnnxManifestEntry } {
  const spec = onnxModelSpec(name, modelDir);
  const graph = readTfjsGraph(spec.source);
  const bytes = convertTfjsGraph(graph, { name, inputs: spec.inputs, outputs: spec.outputs });
  return { bytes, entry: { file: onnxFileName(name), bytes: bytes.byteLength, sha256: sha256Hex(bytes), sources: graph.sources } };
}

/** Converts the shipped models into `outDir` (each .onnx and a manifest.json beside them) and returns the manifest. */
export function convertOnnxModels(outDir: string, options: { modelDir?: string; names?: readonly OnnxModelName[] } = {}): OnnxManifest {
  fs.mkdirSync(outDir, { recursive: true });
  const manifest: OnnxManifest = { converterVersion, protobufjsVersion: protobufjsVersion(), models: {} };
  for (const name of options.names ?? onnxModelNames) {
    const { bytes, entry } = convertOnnxModel(name, options.modelDir);
    // Written beside and renamed, so a reader never sees half a file under the final name.
    const file = path.join(outDir, entry.file);
    fs.writeFileSync(`${file}.partial`, bytes);
    fs.renameSync(`${file}.partial`, file);
    manifest.models[name] = entry;
  }
  fs.writeFileSync(path.join(outDir, manifestFileName), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

export function readOnnxManifest(dir: string): OnnxManifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, manifestFileName), 'utf8')) as OnnxManifest;
  } catch {
    return null;
  }
}
