import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelLoadError, reinstallHint } from './ModelLoadError.js';
import { expectedWeightBytes } from './weightBytes.js';

export interface FileSystemHandlerOptions {
  /**
   * Replaces the declared shape of the graph's inputs (name → shape, -1 = any). Converted graphs often pin the
   * batch to 1, which tfjs enforces on execute even when every op would accept a larger batch.
   */
  inputShapes?: Readonly<Record<string, readonly number[]>>;
}

interface ModelJson {
  modelTopology?: { node?: { name: string; op: string; attr?: { shape?: { shape?: { dim?: { size: string }[] } } } }[] };
  weightsManifest?: tf.io.WeightsManifestConfig;
  signature?: { inputs?: Record<string, { tensorShape?: { dim?: { size: string }[] } }> };
}

function readFileOrThrow(file: string, role: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ModelLoadError('missing', file, `The ${role} ${file} does not exist. ${reinstallHint}`, { cause: error });
    throw new ModelLoadError('corrupt', file, `The ${role} ${file} cannot be read (${code ?? String(error)}). Check its permissions or ${reinstallHint.toLowerCase()}`, { cause: error });
  }
}

function parseModelJson(file: string): ModelJson {
  const text = readFileOrThrow(file, 'model description').toString('utf8');
  let json: ModelJson;
  try {
    json = JSON.parse(text) as ModelJson;
  } catch (error) {
    throw new ModelLoadError('corrupt', file, `The model description ${file} is not valid JSON (${(error as Error).message}). ${reinstallHint}`, { cause: error });
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new ModelLoadError('corrupt', file, `The model description ${file} has no modelTopology or weightsManifest, so it is not a tfjs graph model. ${reinstallHint}`);
  }
  return json;
}

function overrideInputShapes(json: ModelJson, shapes: Readonly<Record<string, readonly number[]>>): void {
  const dims = (shape: readonly number[]) => shape.map((size) => ({ size: String(size) }));
  for (const node of json.modelTopology?.node ?? []) {
    const shape = shapes[node.name];
    if (node.op === 'Placeholder' && shape && node.attr?.shape?.shape) node.attr.shape.shape.dim = dims(shape);
  }
  for (const [name, input] of Object.entries(json.signature?.inputs ?? {})) {
    const shape = shapes[name];
    if (shape && input.tensorShape) input.tensorShape.dim = dims(shape);
  }
}

/**
 * A tfjs IOHandler that reads a graph model (model.json + weight shards) from disk. tfjs' own loaders fetch over
 * HTTP or need tfjs-node's file:// handler, neither of which exists in a plain Node + wasm install.
 */
export function fileSystemHandler(modelJsonPath: string, options: FileSystemHandlerOptions = {}): tf.io.IOHandler {
  return {
    load: async () => {
      const json = parseModelJson(modelJsonPath);
      if (options.inputShapes) overrideInputShapes(json, options.inputShapes);
      const dir = path.dirname(modelJsonPath);
      return tf.io.getModelArtifactsForJSON(json as tf.io.ModelJSON, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const shards: Buffer[] = [];
        const shardFiles: string[] = [];
        for (const group of manifest) {
          for (const shard of group.paths) {
            const file = path.join(dir, shard);
            shardFiles.push(file);
            shards.push(readFileOrThrow(file, 'weights file'));
          }
          specs.push(...group.weights);
        }
        const data = Buffer.concat(shards);
        let expected: number;
        try {
          expected = expectedWeightBytes(specs);
        } catch (error) {
          throw new ModelLoadError('corrupt', modelJsonPath, `The model description ${modelJsonPath} lists a weight tfjs cannot size: ${(error as Error).message}. ${reinstallHint}`);
        }
        if (data.byteLength !== expected) {
          const which = shardFiles.length === 1 ? shardFiles[0] ?? modelJsonPath : `${shardFiles.join(', ')}`;
          throw new ModelLoadError(
            'corrupt',
            shardFiles[shardFiles.length - 1] ?? modelJsonPath,
            `The weights ${which} hold ${data.byteLength} bytes but ${modelJsonPath} needs ${expected}: the file is truncated or from another model version. ${reinstallHint}`,
          );
        }
        const weightData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
        return [specs, weightData];
      });
    },
  };
}
