import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { ModelLoadError, reinstallHint } from '../loading/ModelLoadError.js';
import { expectedWeightBytes } from '../loading/weightBytes.js';

/** One attribute of a TensorFlow NodeDef as tfjs' converter writes it to model.json. */
export interface TfAttr {
  s?: string;
  i?: string;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: { size: string }[]; unknownRank?: boolean };
  list?: { s?: string[]; i?: string[]; f?: number[]; type?: string[] };
  tensor?: { dtype?: string; tensorShape?: { dim?: { size: string }[] }; intVal?: number[]; floatVal?: number[] };
}

export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttr>;
}

/** A decoded weight: float32 whatever its stored quantisation, int32 as stored. */
export interface TfWeight {
  dtype: 'float32' | 'int32';
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface TfjsGraph {
  nodes: TfNode[];
  weights: Map<string, TfWeight>;
  /** The model.json and every weight shard read, with their sha256 (for the conversion manifest). */
  sources: { file: string; sha256: string }[];
}

interface ModelJson {
  modelTopology?: { node?: TfNode[] };
  weightsManifest?: tf.io.WeightsManifestConfig;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function decodeWeight(spec: tf.io.WeightsManifestEntry, bytes: Buffer, offset: number): { weight: TfWeight; size: number } {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  const q = spec.quantization;
  if (spec.dtype === 'int32' && !q) {
    const data = new Int32Array(count);
    for (let i = 0; i < count; i++) data[i] = view.getInt32(i * 4, true);
    return { weight: { dtype: 'int32', shape: spec.shape, data }, size: count * 4 };
  }
  if (spec.dtype !== 'float32') throw new Error(`weight '${spec.name}' has dtype ${spec.dtype}, which the converter does not read`);
  const data = new Float32Array(count);
  if (!q) {
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(i * 4, true);
    return { weight: { dtype: 'float32', shape: spec.shape, data }, size: count * 4 };
  }
  if (q.dtype === 'float16') {
    for (let i = 0; i < count; i++) data[i] = halfToFloat(view.getUint16(i * 2, true));
    return { weight: { dtype: 'float32', shape: spec.shape, data }, size: count * 2 };
  }
  const scale = q.scale ?? 1;
  const min = q.min ?? 0;
  if (q.dtype === 'uint8') {
    for (let i = 0; i < count; i++) data[i] = view.getUint8(i) * scale + min;
    return { weight: { dtype: 'float32', shape: spec.shape, data }, size: count };
  }
  if (q.dtype === 'uint16') {
    for (let i = 0; i < count; i++) data[i] = view.getUint16(i * 2, true) * scale + min;
    return { weight: { dtype: 'float32', shape: spec.shape, data }, size: count * 2 };
  }
  throw new Error(`weight '${spec.name}' is quantised as ${String(q.dtype)}, which the converter does not read`);
}

function readOrThrow(file: string, role: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ModelLoadError('missing', file, `The ${role} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}). ${reinstallHint}`, { cause: error });
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Reads a tfjs graph model (model.json and its weight shards) and decodes every weight to plain arrays. */
export function readTfjsGraph(modelJsonPath: string): TfjsGraph {
  const jsonBytes = readOrThrow(modelJsonPath, 'model description');
  const json = JSON.parse(jsonBytes.toString('utf8')) as ModelJson;
  if (!json.modelTopology?.node || !Array.isArray(json.weightsManifest)) {
    throw new ModelLoadError('corrupt', modelJsonPath, `The model description ${modelJsonPath} is not a tfjs graph model. ${reinstallHint}`);
  }
  const sources = [{ file: path.basename(modelJsonPath), sha256: sha256(jsonBytes) }];
  const weights = new Map<string, TfWeight>();
  for (const group of json.weightsManifest) {
    const shards = group.paths.map((p) => {
      const bytes = readOrThrow(path.join(path.dirname(modelJsonPath), p), 'weights file');
      sources.push({ file: p, sha256: sha256(bytes) });
      return bytes;
    });
    const data = Buffer.concat(shards);
    if (data.byteLength !== expectedWeightBytes(group.weights)) {
      throw new ModelLoadError('corrupt', modelJsonPath, `The weights of ${modelJsonPath} hold ${data.byteLength} bytes, not ${expectedWeightBytes(group.weights)}. ${reinstallHint}`);
    }
    let offset = 0;
    for (const spec of group.weights) {
      const { weight, size } = decodeWeight(spec, data, offset);
      weights.set(spec.name, weight);
      offset += size;
    }
  }
  return { nodes: json.modelTopology.node, weights, sources };
}
