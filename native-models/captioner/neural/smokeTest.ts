import * as tf from '@tensorflow/tfjs';
import { CaptionPackError } from './CaptionPackError.js';
import { runDecoder } from './decoder.js';
import type { DecoderBinding } from './decoder.js';
import { encode } from './encoder.js';
import type { EncoderBinding } from './encoder.js';
import type { ImageSpec } from './manifest.js';
import { describeShape } from './packModel.js';
import type { PackModel } from './packModel.js';

/** `given` says what the model was fed, so the author can reproduce the failure. */
function doesNotRun(model: PackModel, given: string, error: unknown): CaptionPackError {
  const reason = (error as Error).message.split('\n')[0];
  const unknownOp = /Unknown op '([^']+)'/.exec(reason ?? '')?.[1];
  const message = unknownOp
    ? `The caption pack's ${model.role} ${model.file} uses the TensorFlow operation ${unknownOp}, which tfjs does not implement, so Phototag cannot run it. Ask the pack's author for a build without ${unknownOp}.`
    : `The caption pack's ${model.role} ${model.file} failed on the '${tf.getBackend()}' backend when given ${given} (${reason}). Either caption-pack.json does not describe the model's inputs, or the model uses an operation this backend lacks; ask the pack's author.`;
  return new CaptionPackError('model-does-not-run', model.file, message, { cause: error });
}

/**
 * Runs encoder and decoder once on a blank image, so a pack whose halves do not fit together (or that needs an op
 * the backend lacks) fails at load with a reason, not on the first photo. Many graphs declare no output shapes,
 * so this is also the only place some mismatches can be seen. Returns the binding with `batchable` confirmed:
 * a decoder that declares an open batch but fails on two sequences is run one sequence at a time instead.
 */
export function smokeTest(encoder: EncoderBinding, decoder: DecoderBinding, image: ImageSpec, startId: number): DecoderBinding {
  const batchable = tf.tidy(() => {
    const blank = tf.zeros([1, image.height, image.width, 3]) as tf.Tensor4D;
    let features: tf.Tensor3D;
    try {
      features = encode(encoder, blank);
    } catch (error) {
      if (error instanceof CaptionPackError) throw error;
      throw doesNotRun(encoder.model, `a blank ${image.width}×${image.height} image`, error);
    }
    const [, positions, depth] = features.shape;
    const declared = decoder.features.shape;
    if (declared && ((declared[1] !== null && declared[1] !== positions) || (declared[2] !== null && declared[2] !== depth))) {
      throw new CaptionPackError(
        'shape-mismatch',
        decoder.model.file,
        `The caption pack's encoder ${encoder.model.file} produces features ${describeShape(features.shape)} but the decoder ${decoder.model.file} takes ${describeShape(declared)}: the two are not from the same model. Install the encoder and decoder that were trained together.`,
      );
    }
    try {
      runDecoder(decoder, features, [[startId]]);
    } catch (error) {
      if (error instanceof CaptionPackError) throw error;
      throw doesNotRun(decoder.model, `the encoder's features ${describeShape(features.shape)} and the sequence [<start>]`, error);
    }
    if (!decoder.batchable) return false;
    try {
      runDecoder(decoder, features, [[startId], [startId]]);
      return true;
    } catch {
      return false;
    }
  });
  return batchable === decoder.batchable ? decoder : { ...decoder, batchable };
}
