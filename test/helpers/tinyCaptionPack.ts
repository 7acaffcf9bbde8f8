import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { RawRgbImage } from '../../native-models/tagger/types.js';

/**
 * A tiny neural caption pack, written with tfjs the way a real one is converted, whose decoding behaviour is
 * known exactly because its weights are set by hand:
 *
 * - the encoder averages 4×4 patches of the normalised image into features [1, 4, 2], so every feature of a
 *   solid image is its brightness b (−1 black … +1 white);
 * - the decoder is causal and sees the previous and the current token (a "trigram" model: embedding → recurrent
 *   copy of the previous token → one detector per (previous, current) pair → a table of next-token logits), plus
 *   the pooled image features, which add imageBias·b to the dog words and subtract it from the cat words.
 *
 * With those weights a white image greedily reads "a dog on a couch" (at each step "a" 0.55 beats "two" 0.45, "dog"
 * beats "small") but "two dogs on a couch" has the higher total probability, so beam search finds it; a black
 * image gives the same with cats on a bed.
 */
export const tinyVocabulary = ['<pad>', '<unk>', '<start>', '<end>', 'a', 'two', 'small', 'dog', 'dogs', 'cat', 'cats', 'on', 'couch', 'bed'] as const;
export type TinyToken = (typeof tinyVocabulary)[number];

export const tinyImageSize = 8;
const patch = 4;
const positions = (tinyImageSize / patch) ** 2;
const featureDepth = 2;
/** The graph-format decoder is exported Keras-style, for sequences padded to this length. */
export const tinyGraphDecoderLength = 8;

/** Logit added per unit of brightness to dog words, and taken from cat words. */
const imageBias = 3;
const dogWords: readonly TinyToken[] = ['dog', 'dogs', 'couch'];
const catWords: readonly TinyToken[] = ['cat', 'cats', 'bed'];
/** Logit of a token that a listed context does not name. Contexts not listed at all give uniform scores. */
const unlisted = -12;

/** Next-token logits (before the image bias) for each (previous, current) context; null = nothing before. */
const transitions: readonly [TinyToken | null, TinyToken, Partial<Record<TinyToken, number>>][] = [
  [null, '<start>', { a: Math.log(0.55), two: Math.log(0.45) }],
  ['<start>', 'a', { dog: 0, cat: 0, small: 2.6 }],
  ['a', 'small', { dog: 0, cat: 0 }],
  ['<start>', 'two', { dogs: 0, cats: 0 }],
  ['a', 'dog', { on: 0 }],
  ['a', 'cat', { on: 0 }],
  ['small', 'dog', { on: 0 }],
  ['small', 'cat', { on: 0 }],
  ['two', 'dogs', { on: 0 }],
  ['two', 'cats', { on: 0 }],
  ['dog', 'on', { a: 0 }],
  ['cat', 'on', { a: 0 }],
  ['dogs', 'on', { a: 0 }],
  ['cats', 'on', { a: 0 }],
  ['on', 'a', { couch: 0, bed: 0 }],
  ['a', 'couch', { '<end>': 0 }],
  ['a', 'bed', { '<end>': 0 }],
];

const V = tinyVocabulary.length;
const id = (token: TinyToken): number => tinyVocabulary.indexOf(token);

function contextLogits(prev: TinyToken | null, cur: TinyToken): Float64Array {
  const listed = transitions.find(([p, c]) => p === prev && c === cur);
  const row = new Float64Array(V).fill(listed ? unlisted : 0);
  for (const [token, logit] of Object.entries(listed?.[2] ?? {})) row[id(token as TinyToken)] = logit;
  return row;
}

function biasRow(brightness: number): Float64Array {
  const row = new Float64Array(V);
  for (const t of dogWords) row[id(t)] = imageBias * brightness;
  for (const t of catWords) row[id(t)] = -imageBias * brightness;
  return row;
}

/** [featureDepth, V]: every feature of a solid image equals its brightness, so the pooled sum is one bias row. */
function imageLogitWeights(): Float32Array {
  const weights = new Float32Array(featureDepth * V);
  for (let d = 0; d < featureDepth; d++) weights.set(biasRow(1 / featureDepth), d * V);
  return weights;
}

/** The model input value of a solid grey level under the pack's normalisation ((v/255 − 0.5) / 0.5). */
export const brightnessOf = (grey: number): number => (grey / 255 - 0.5) / 0.5;

/**
 * What the tiny pack's decoder assigns to `tokens` (the generated tokens, '<end>' included if produced) for a
 * solid image, computed independently of tfjs: the reference for the decoders' log-prob bookkeeping.
 */
export function tinyCaptionLogProb(tokens: readonly TinyToken[], brightness: number): number {
  const bias = biasRow(brightness);
  const sequence: TinyToken[] = ['<start>', ...tokens];
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    const logits = contextLogits(i === 0 ? null : (sequence[i - 1] as TinyToken), sequence[i] as TinyToken).map((l, k) => l + (bias[k] as number));
    const max = Math.max(...logits);
    const logSum = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
    total += (logits[id(sequence[i + 1] as TinyToken)] as number) - logSum;
  }
  return total;
}

export function solidImage(width: number, height: number, grey: number): RawRgbImage {
  return { data: Buffer.alloc(width * height * 3, grey), width, height, channels: 3 };
}

// ---- writing models ------------------------------------------------------------------------------------------

function weightBuffer(data: ArrayBuffer | ArrayBuffer[]): Buffer {
  return Buffer.concat((Array.isArray(data) ? data : [data]).map((b) => Buffer.from(b)));
}

/** A save handler that writes model.json + weights.bin into `dir`, as tensorflowjs_converter lays a model out. */
function folderSaveHandler(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    fs.mkdirSync(dir, { recursive: true });
    const weights = artifacts.weightData ? weightBuffer(artifacts.weightData) : Buffer.alloc(0);
    fs.writeFileSync(path.join(dir, 'weights.bin'), weights);
    const json = {
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
    };
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
  });
}

function setWeights(layer: tf.layers.Layer, values: readonly { values: ArrayLike<number>; shape: number[] }[]): void {
  const tensors = values.map((v) => tf.tensor(Array.from(v.values), v.shape));
  layer.setWeights(tensors);
  tf.dispose(tensors);
}

async function writeLayersEncoder(dir: string, depth: number): Promise<void> {
  const image = tf.input({ shape: [tinyImageSize, tinyImageSize, 3] });
  const conv = tf.layers.conv2d({ filters: depth, kernelSize: patch, strides: patch, useBias: false });
  const features = tf.layers.reshape({ targetShape: [positions, depth] }).apply(conv.apply(image)) as tf.SymbolicTensor;
  const model = tf.model({ inputs: image, outputs: features });
  setWeights(conv, [{ values: new Float32Array(patch * patch * 3 * depth).fill(1 / (patch * patch * 3)), shape: [patch, patch, 3, depth] }]);
  await model.save(folderSaveHandler(dir));
  model.dispose();
}

async function writeLayersDecoder(dir: string): Promise<void> {
  const pairs = V * V + V;
  const tokens = tf.input({ shape: [null], dtype: 'int32', name: 'tokens' });
  const features = tf.input({ shape: [positions, featureDepth], name: 'features' });
  const embedding = tf.layers.embedding({ inputDim: V, outputDim: V });
  // Linear recurrence that outputs [one-hot(current), one-hot(previous)]: causal by construction.
  const recurrence = tf.layers.simpleRNN({ units: 2 * V, activation: 'linear', returnSequences: true });
  const pairDetectors = tf.layers.dense({ units: pairs, activation: 'relu' });
  const nextLogits = tf.layers.dense({ units: V, useBias: false });
  const imageLogits = tf.layers.dense({ units: V, useBias: false });
  const context = nextLogits.apply(pairDetectors.apply(recurrence.apply(embedding.apply(tokens)))) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling1d().apply(features) as tf.SymbolicTensor;
  const bias = tf.layers.reshape({ targetShape: [1, V] }).apply(imageLogits.apply(pooled)) as tf.SymbolicTensor;
  const probabilities = tf.layers.activation({ activation: 'softmax' }).apply(tf.layers.add().apply([context, bias])) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [tokens, features], outputs: probabilities });

  const identity = new Float32Array(V * V).map((_, i) => (i % (V + 1) === 0 ? 1 : 0));
  setWeights(embedding, [{ values: identity, shape: [V, V] }]);
  const kernel = new Float32Array(V * 2 * V);
  const recurrent = new Float32Array(2 * V * 2 * V);
  for (let j = 0; j < V; j++) {
    kernel[j * 2 * V + j] = 1;
    recurrent[j * 2 * V + V + j] = 1;
  }
  setWeights(recurrence, [{ values: kernel, shape: [V, 2 * V] }, { values: recurrent, shape: [2 * V, 2 * V] }, { values: new Float32Array(2 * V), shape: [2 * V] }]);
  // Detector p·V + c fires (value 1) only when previous = p and current = c; V·V + c only when nothing came before c.
  const detectors = new Float32Array(2 * V * pairs);
  const detectorBias = new Float32Array(pairs);
  const table = new Float32Array(pairs * V);
  for (let c = 0; c < V; c++) {
    const cur = tinyVocabulary[c] as TinyToken;
    for (let p = 0; p < V; p++) {
      const f = p * V + c;
      detectors[c * pairs + f] = 1;
      detectors[(V + p) * pairs + f] = 1;
      detectorBias[f] = -1;
      table.set(contextLogits(tinyVocabulary[p] as TinyToken, cur), f * V);
    }
    const first = V * V + c;
    detectors[c * pairs + first] = 1;
    for (let p = 0; p < V; p++) detectors[(V + p) * pairs + first] = -1;
    table.set(contextLogits(null, cur), first * V);
  }
  setWeights(pairDetectors, [{ values: detectors, shape: [2 * V, pairs] }, { values: detectorBias, shape: [pairs] }]);
  setWeights(nextLogits, [{ values: table, shape: [pairs, V] }]);
  setWeights(imageLogits, [{ values: imageLogitWeights(), shape: [featureDepth, V] }]);
  await model.save(folderSaveHandler(dir));
  model.dispose();
}

// Graph models cannot be authored by tfjs (only converted from TensorFlow), so these are written as the GraphDef
// JSON the converter emits: Placeholder / Const / op nodes, with the Const values in weights.bin.
class GraphWriter {
  private readonly nodes: object[] = [];
  private readonly specs: tf.io.WeightsManifestEntry[] = [];
  private readonly data: Buffer[] = [];

  placeholder(name: string, dtype: 'DT_FLOAT' | 'DT_INT32' | 'DT_BOOL', shape: number[]): string {
    this.nodes.push({ name, op: 'Placeholder', attr: { dtype: { type: dtype }, shape: { shape: dims(shape) } } });
    return name;
  }

  constant(name: string, dtype: 'float32' | 'int32', shape: number[], values: ArrayLike<number>): string {
    const type = dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT';
    this.nodes.push({ name, op: 'Const', attr: { value: { tensor: { dtype: type, tensorShape: dims(shape) } }, dtype: { type } } });
    this.specs.push({ name, shape, dtype });
    const typed = dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values);
    this.data.push(Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength));
    return name;
  }

  op(name: string, op: string, input: string[], attr: Record<string, unknown> = {}): string {
    this.nodes.push({ name, op, input, attr });
    return name;
  }

  write(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.concat(this.data));
    const json = {
      format: 'graph-model',
      generatedBy: 'phototag test/helpers/tinyCaptionPack.ts',
      convertedBy: null,
      modelTopology: { node: this.nodes, library: {}, versions: { producer: 1 } },
      weightsManifest: [{ paths: ['weights.bin'], weights: this.specs }],
    };
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
  }
}

const dims = (shape: number[]) => ({ dim: shape.map((size) => ({ size: String(size) })) });
const text = (s: string) => ({ s: Buffer.from(s).toString('base64') });
const ints = (values: number[]) => ({ list: { i: values.map(String) } });

function writeGraphEncoder(dir: string, depth: number): void {
  const g = new GraphWriter();
  const image = g.placeholder('image', 'DT_FLOAT', [1, tinyImageSize, tinyImageSize, 3]);
  const pooled = g.op('pooled', 'AvgPool', [image], { ksize: ints([1, patch, patch, 1]), strides: ints([1, patch, patch, 1]), padding: text('VALID'), data_format: text('NHWC'), T: { type: 'DT_FLOAT' } });
  const flat = g.op('flat', 'Reshape', [pooled, g.constant('flat_shape', 'int32', [2], [positions, 3])]);
  const mixed = g.op('mixed', 'MatMul', [flat, g.constant('channel_mean', 'float32', [3, depth], new Float32Array(3 * depth).fill(1 / 3))], { transpose_a: { b: false }, transpose_b: { b: false } });
  const features = g.op('features_3d', 'Reshape', [mixed, g.constant('features_shape', 'int32', [3], [1, positions, depth])]);
  g.op('features', 'Identity', [features]);
  g.write(dir);
}

/**
 * Keras-style export: batch pinned to 1, tokens padded to a fixed length, a padding mask input, raw logits out.
 * `batchOnlyDeclared` opens the inputs' batch size but reshapes the tokens to batch 1 inside, as graphs converted
 * with a baked-in batch do: it declares batches it cannot run.
 */
function writeGraphDecoder(dir: string, batchOnlyDeclared: boolean): void {
  const L = tinyGraphDecoderLength;
  const batch = batchOnlyDeclared ? -1 : 1;
  const g = new GraphWriter();
  const declaredTokens = g.placeholder('tokens', 'DT_INT32', [batch, L]);
  const tokens = batchOnlyDeclared ? g.op('tokens_batch_1', 'Reshape', [declaredTokens, g.constant('tokens_shape', 'int32', [2], [1, L])]) : declaredTokens;
  const features = g.placeholder('features', 'DT_FLOAT', [batch, positions, featureDepth]);
  const mask = g.placeholder('mask', 'DT_BOOL', [batch, L]);
  const axis0 = g.constant('axis0', 'int32', [], [0]);
  const axis1 = g.constant('axis1', 'int32', [], [1]);
  const axis2 = g.constant('axis2', 'int32', [], [2]);
  // previous[i] = tokens[i − 1], with <pad> before the first token; the pair (previous, current) picks a table row.
  const head = g.op('head', 'Slice', [tokens, g.constant('head_begin', 'int32', [2], [0, 0]), g.constant('head_size', 'int32', [2], [1, L - 1])], { T: { type: 'DT_INT32' }, Index: { type: 'DT_INT32' } });
  const previous = g.op('previous', 'ConcatV2', [g.constant('leading_pad', 'int32', [1, 1], [id('<pad>')]), head, axis1], { N: { i: '2' }, T: { type: 'DT_INT32' } });
  const row = g.op('row', 'AddV2', [g.op('previous_times_v', 'Mul', [previous, g.constant('v', 'int32', [], [V])], { T: { type: 'DT_INT32' } }), tokens], { T: { type: 'DT_INT32' } });
  const table = new Float32Array(V * V * V);
  for (let p = 0; p < V; p++) {
    for (let c = 0; c < V; c++) {
      const prev = p === id('<pad>') ? null : (tinyVocabulary[p] as TinyToken);
      table.set(contextLogits(prev, tinyVocabulary[c] as TinyToken), (p * V + c) * V);
    }
  }
  const context = g.op('context', 'GatherV2', [g.constant('table', 'float32', [V * V, V], table), row, axis0], { batch_dims: { i: '0' } });
  const pooled = g.op('pooled', 'Mean', [features, axis1], { keep_dims: { b: false } });
  const bias = g.op('bias', 'MatMul', [pooled, g.constant('image_logits', 'float32', [featureDepth, V], imageLogitWeights())], { transpose_a: { b: false }, transpose_b: { b: false } });
  const logits = g.op('unmasked', 'AddV2', [context, g.op('bias_3d', 'ExpandDims', [bias, axis1])]);
  // Padding positions score 0 everywhere: a decoder fed a wrong mask would see uniform scores and say nothing.
  const maskFloat = g.op('mask_float', 'Cast', [mask], { SrcT: { type: 'DT_BOOL' }, DstT: { type: 'DT_FLOAT' } });
  const masked = g.op('masked', 'Mul', [logits, g.op('mask_3d', 'ExpandDims', [maskFloat, axis2])]);
  g.op('logits', 'Identity', [masked]);
  g.write(dir);
}

export type TinyModelFormat = 'layers-model' | 'graph-model';

export interface TinyCaptionPackOptions {
  encoderFormat?: TinyModelFormat;
  decoderFormat?: TinyModelFormat;
  /** With decoderFormat 'graph-model': declare an open batch size that the graph cannot actually run. */
  decoderBatchOnlyDeclared?: boolean;
  /** Feature depth of the encoder; anything but 2 makes an encoder that does not fit the decoder. */
  encoderFeatureDepth?: number;
  /** Edits the manifest (as plain JSON) before it is written. */
  editManifest?: (manifest: Record<string, unknown>) => void;
  /** Replaces the vocabulary written to vocabulary.json. */
  vocabulary?: readonly unknown[];
}

export interface TinyCaptionPack {
  dir: string;
  manifestFile: string;
  vocabularyFile: string;
  encoderJson: string;
  encoderWeights: string;
  decoderJson: string;
  decoderWeights: string;
}

/**
 * Writes the tiny pack into `dir` (created if needed) on the active tfjs backend. Leaves no tensors behind.
 * Select the backend first (selectBackend) if the test cares which one; otherwise tfjs' default is readied here.
 */
export async function writeTinyCaptionPack(dir: string, options: TinyCaptionPackOptions = {}): Promise<TinyCaptionPack> {
  await tf.ready();
  const encoderFormat = options.encoderFormat ?? 'layers-model';
  const decoderFormat = options.decoderFormat ?? 'layers-model';
  const depth = options.encoderFeatureDepth ?? featureDepth;
  const encoderDir = path.join(dir, 'encoder');
  const decoderDir = path.join(dir, 'decoder');
  if (encoderFormat === 'layers-model') await writeLayersEncoder(encoderDir, depth);
  else writeGraphEncoder(encoderDir, depth);
  if (decoderFormat === 'layers-model') await writeLayersDecoder(decoderDir);
  else writeGraphDecoder(decoderDir, options.decoderBatchOnlyDeclared ?? false);

  const manifest: Record<string, unknown> = {
    format: 'phototag-caption-pack',
    formatVersion: 1,
    name: 'tiny test pack',
    image: { width: tinyImageSize, height: tinyImageSize, resize: 'stretch', scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
    maxCaptionLength: 8,
    vocabulary: 'vocabulary.json',
    specialTokens: { start: '<start>', end: '<end>', pad: '<pad>', unk: '<unk>' },
    encoder: { model: 'encoder/model.json' },
    decoder:
      decoderFormat === 'layers-model'
        ? { model: 'decoder/model.json', predicts: 'probabilities' }
        : { model: 'decoder/model.json', predicts: 'logits', inputs: { tokens: 'tokens', features: 'features', mask: 'mask' } },
  };
  options.editManifest?.(manifest);
  const manifestFile = path.join(dir, 'caption-pack.json');
  const vocabularyFile = path.join(dir, 'vocabulary.json');
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  fs.writeFileSync(vocabularyFile, JSON.stringify(options.vocabulary ?? tinyVocabulary));
  return {
    dir,
    manifestFile,
    vocabularyFile,
    encoderJson: path.join(encoderDir, 'model.json'),
    encoderWeights: path.join(encoderDir, 'weights.bin'),
    decoderJson: path.join(decoderDir, 'model.json'),
    decoderWeights: path.join(decoderDir, 'weights.bin'),
  };
}
