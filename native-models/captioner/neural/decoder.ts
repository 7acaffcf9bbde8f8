import * as tf from '@tensorflow/tfjs';
import { CaptionPackError } from './CaptionPackError.js';
import type { NextTokenLogProbs } from './decodingTypes.js';
import type { EncoderBinding } from './encoder.js';
import type { CaptionPackManifest } from './manifest.js';
import { chooseOutput, describeShape } from './packModel.js';
import type { PackModel, TensorSlot } from './packModel.js';
import type { Vocabulary } from './vocabulary.js';

/** The decoder with its inputs identified and its declared shapes checked against the encoder and vocabulary. */
export interface DecoderBinding {
  readonly model: PackModel;
  readonly tokens: TensorSlot;
  readonly features: TensorSlot;
  /** A padding-mask input (1 = real token), as the Keras example's decoder takes. */
  readonly mask: TensorSlot | null;
  readonly output: string | undefined;
  /** Set when the decoder was exported for sequences padded to one length (Keras-style); null = any length. */
  readonly fixedLength: number | null;
  /** Whether several sequences can go through in one call (the batch size is open), e.g. all beams of a step. */
  readonly batchable: boolean;
  readonly predicts: 'probabilities' | 'logits';
  readonly padId: number;
  readonly vocabularySize: number;
  readonly vocabularyFile: string;
}

const rank = (slot: TensorSlot) => slot.shape?.length ?? null;

function identifyInputs(model: PackModel, manifest: CaptionPackManifest, manifestFile: string): { tokens: TensorSlot; features: TensorSlot; mask: TensorSlot | null } {
  const names = model.inputs.map((i) => i.name).join(', ');
  const named = manifest.decoder.inputs;
  if (named) {
    const find = (name: string, field: string) => {
      const slot = model.inputs.find((i) => i.name === name);
      if (!slot) throw new CaptionPackError('invalid-manifest', manifestFile, `caption-pack.json decoder.inputs.${field} is "${name}", but the decoder ${model.file} has the inputs ${names}.`);
      return slot;
    };
    const chosen = { tokens: find(named.tokens, 'tokens'), features: find(named.features, 'features'), mask: named.mask ? find(named.mask, 'mask') : null };
    const unfed = model.inputs.filter((i) => i !== chosen.tokens && i !== chosen.features && i !== chosen.mask);
    if (unfed.length > 0) {
      throw new CaptionPackError('invalid-manifest', manifestFile, `The decoder ${model.file} also takes ${unfed.map((i) => i.name).join(', ')}, which caption-pack.json decoder.inputs does not name; Phototag can feed tokens, features and a padding mask.`);
    }
    return chosen;
  }
  const [a, b] = model.inputs;
  if (model.inputs.length === 2 && a && b) {
    // Token ids are [batch, length], features [batch, positions, depth]; failing shapes, the ids are the integers.
    if (rank(a) === 2 && rank(b) === 3) return { tokens: a, features: b, mask: null };
    if (rank(a) === 3 && rank(b) === 2) return { tokens: b, features: a, mask: null };
    if (a.dtype === 'int32' && b.dtype === 'float32') return { tokens: a, features: b, mask: null };
    if (b.dtype === 'int32' && a.dtype === 'float32') return { tokens: b, features: a, mask: null };
  }
  throw new CaptionPackError(
    'invalid-manifest',
    manifestFile,
    `The decoder ${model.file} has ${model.inputs.length} inputs (${names}) and Phototag cannot tell which is which; name them in caption-pack.json decoder.inputs ({ "tokens": …, "features": …, "mask": … }).`,
  );
}

export function bindDecoder(model: PackModel, manifest: CaptionPackManifest, vocabulary: Vocabulary, vocabularyFile: string, encoder: EncoderBinding, manifestFile: string): DecoderBinding {
  const mismatch = (why: string, file = model.file) => new CaptionPackError('shape-mismatch', file, `The caption pack's decoder ${model.file} ${why}`);
  const { tokens, features, mask } = identifyInputs(model, manifest, manifestFile);

  if (tokens.shape && tokens.shape.length !== 2) throw mismatch(`takes token ids shaped ${describeShape(tokens.shape)}; expected [batch, length].`);
  const fixedLength = tokens.shape?.[1] ?? null;
  if (fixedLength !== null && manifest.maxCaptionLength > fixedLength) {
    throw mismatch(`takes token sequences of exactly ${fixedLength}, so it can generate at most ${fixedLength} tokens, but caption-pack.json maxCaptionLength is ${manifest.maxCaptionLength}. Set maxCaptionLength to ${fixedLength} or less.`, manifestFile);
  }
  if (features.shape && features.shape.length !== 3) throw mismatch(`takes features shaped ${describeShape(features.shape)}; expected [batch, positions, depth] from the encoder.`);
  const [encT, encD] = encoder.declaredFeatures;
  const decT = features.shape?.[1] ?? null;
  const decD = features.shape?.[2] ?? null;
  if ((encT !== null && decT !== null && encT !== decT) || (encD !== null && decD !== null && encD !== decD)) {
    throw mismatch(`takes features [?, ${decT ?? '?'}, ${decD ?? '?'}] but the encoder ${encoder.model.file} produces [1, ${encT ?? '?'}, ${encD ?? '?'}]: the two are not from the same model. Install the encoder and decoder that were trained together.`);
  }

  const output = chooseOutput(model, manifest.decoder.output, 'decoder.output', manifestFile);
  const outShape = output?.shape;
  if (outShape && outShape.length !== 3) throw mismatch(`produces ${describeShape(outShape)}; a caption decoder produces scores [batch, length, vocabulary size].`);
  const declaredVocabulary = outShape?.[2] ?? null;
  if (declaredVocabulary !== null) checkVocabularySize(declaredVocabulary, vocabulary.tokens.length, model.file, vocabularyFile);

  const openBatch = (slot: TensorSlot | null) => slot === null || slot.shape === null || slot.shape[0] === null;
  return {
    model,
    tokens,
    features,
    mask,
    output: manifest.decoder.output,
    fixedLength,
    batchable: openBatch(tokens) && openBatch(features) && openBatch(mask),
    predicts: manifest.decoder.predicts,
    padId: vocabulary.padId,
    vocabularySize: vocabulary.tokens.length,
    vocabularyFile,
  };
}

function checkVocabularySize(predicted: number, listed: number, decoderFile: string, vocabularyFile: string): void {
  if (predicted === listed) return;
  throw new CaptionPackError(
    'vocabulary-mismatch',
    vocabularyFile,
    `The caption pack's vocabulary ${vocabularyFile} lists ${listed} tokens but the decoder ${decoderFile} predicts ${predicted}: ` +
      'the vocabulary must be the exact token list the decoder was trained with (token id i = decoder output i). Export it again from the same training run.',
  );
}

/**
 * The decoder's raw output [rows, width, vocabulary] for sequences of equal length, padded with <pad> to the
 * decoder's fixed length if it has one. Causal attention means the padding cannot change the scores at the real
 * positions. Call inside tf.tidy.
 */
export function runDecoder(decoder: DecoderBinding, features: tf.Tensor3D, sequences: readonly (readonly number[])[]): tf.Tensor {
  const length = sequences[0]?.length ?? 0;
  if (length === 0 || sequences.some((s) => s.length !== length)) throw new Error('runDecoder needs non-empty sequences of equal length');
  const width = decoder.fixedLength ?? length;
  if (length > width) throw new Error(`a sequence of ${length} tokens does not fit the decoder's fixed length ${width}`);
  const ids = new Int32Array(sequences.length * width).fill(decoder.padId);
  sequences.forEach((sequence, row) => ids.set(sequence, row * width));
  const tokens = tf.tensor2d(ids, [sequences.length, width], 'int32');
  const feeds: Record<string, tf.Tensor> = {
    [decoder.tokens.name]: decoder.tokens.dtype && decoder.tokens.dtype !== 'int32' ? tokens.cast(decoder.tokens.dtype) : tokens,
    [decoder.features.name]: sequences.length > 1 ? tf.tile(features, [sequences.length, 1, 1]) : features,
  };
  if (decoder.mask) feeds[decoder.mask.name] = tf.notEqual(tokens, decoder.padId).cast(decoder.mask.dtype ?? 'bool');
  const output = decoder.model.run(feeds, decoder.output);
  if (output.rank !== 3 || output.shape[0] !== sequences.length || output.shape[1] !== width) {
    throw new CaptionPackError(
      'shape-mismatch',
      decoder.model.file,
      `The caption pack's decoder ${decoder.model.file} returned ${describeShape(output.shape)} for ${sequences.length} sequence(s) of ${width} tokens; a caption decoder returns [batch, length, vocabulary size].`,
    );
  }
  checkVocabularySize(output.shape[2] as number, decoder.vocabularySize, decoder.model.file, decoder.vocabularyFile);
  return output;
}

/** Log-probabilities must stay finite-ish: log(0) from a saturated softmax would make every later sum -Infinity. */
const smallestProbability = 1e-30;

/** The step function the decoding strategies drive, for one image's features (which the caller keeps alive). */
export function nextTokenLogProbs(decoder: DecoderBinding, features: tf.Tensor3D): NextTokenLogProbs {
  const size = decoder.vocabularySize;
  return async (sequences) => {
    const groups = decoder.batchable ? [sequences] : sequences.map((s) => [s]);
    const rows: Float32Array[] = [];
    for (const group of groups) {
      const position = (group[0]?.length ?? 0) - 1;
      const logProbs = tf.tidy(() => {
        const output = runDecoder(decoder, features, group);
        // Causal: the scores for the next token sit at the last real position, not at the end of the padding.
        const last = tf.slice(output, [0, position, 0], [group.length, 1, size]).reshape([group.length, size]);
        return decoder.predicts === 'logits' ? tf.logSoftmax(last) : tf.log(tf.maximum(last, smallestProbability));
      });
      try {
        const data = (await logProbs.data()) as Float32Array;
        for (let row = 0; row < group.length; row++) rows.push(data.slice(row * size, (row + 1) * size));
      } finally {
        logProbs.dispose();
      }
    }
    return rows;
  };
}
