import * as tf from '@tensorflow/tfjs';
import { CaptionPackError } from './CaptionPackError.js';
import type { CaptionPackManifest } from './manifest.js';
import { chooseOutput, describeShape } from './packModel.js';
import type { PackModel, TensorSlot } from './packModel.js';

/** The encoder with its image input found and its declared shapes checked against the manifest. */
export interface EncoderBinding {
  readonly model: PackModel;
  readonly input: TensorSlot;
  readonly output: string | undefined;
  /** [T, D] as declared (null = open or undeclared); the decoder's features input must agree. */
  readonly declaredFeatures: readonly [number | null, number | null];
}

export function bindEncoder(model: PackModel, manifest: CaptionPackManifest, manifestFile: string): EncoderBinding {
  const mismatch = (why: string) => new CaptionPackError('shape-mismatch', model.file, `The caption pack's encoder ${model.file} ${why}`);
  if (model.inputs.length !== 1) throw mismatch(`takes ${model.inputs.length} inputs (${model.inputs.map((i) => i.name).join(', ')}); a caption encoder takes one image [1, height, width, 3].`);
  const input = model.inputs[0] as TensorSlot;
  const shape = input.shape;
  if (shape) {
    if (shape.length !== 4) throw mismatch(`takes ${describeShape(shape)}, not an image batch [1, height, width, 3].`);
    const [batch, height, width, channels] = shape;
    if (batch !== null && batch !== 1) throw mismatch(`takes batches of exactly ${batch} images; Phototag encodes one image at a time. Re-export it with batch size 1 or open.`);
    if (channels !== null && channels !== 3) throw mismatch(`takes images with ${channels} channels, not RGB (3).`);
    const { width: w, height: h } = manifest.image;
    if ((height !== null && height !== h) || (width !== null && width !== w)) {
      throw new CaptionPackError(
        'shape-mismatch',
        manifestFile,
        `The caption pack's encoder ${model.file} takes ${width ?? '?'}×${height ?? '?'} images but caption-pack.json image says ${w}×${h}. Set image.width and image.height to the encoder's input size.`,
      );
    }
  }
  const output = chooseOutput(model, manifest.encoder.output, 'encoder.output', manifestFile);
  const outShape = output?.shape;
  if (outShape && outShape.length !== 3) throw mismatch(`produces ${describeShape(outShape)}; a caption encoder produces features [1, positions, depth].`);
  return { model, input, output: manifest.encoder.output, declaredFeatures: [outShape?.[1] ?? null, outShape?.[2] ?? null] };
}

/** Encoded features [1, T, D] of one preprocessed image; the caller owns (and disposes) the result. */
export function encode(encoder: EncoderBinding, image: tf.Tensor4D): tf.Tensor3D {
  return tf.tidy(() => {
    // Some converted encoders take uint8-style int32 pixels; feed what the model declares.
    const input = encoder.input.dtype && encoder.input.dtype !== 'float32' ? image.cast(encoder.input.dtype) : image;
    const features = encoder.model.run({ [encoder.input.name]: input }, encoder.output);
    if (features.rank !== 3 || features.shape[0] !== 1) {
      throw new CaptionPackError('shape-mismatch', encoder.model.file, `The caption pack's encoder ${encoder.model.file} produced ${describeShape(features.shape)}; a caption encoder must produce features [1, positions, depth].`);
    }
    return features as tf.Tensor3D;
  });
}
