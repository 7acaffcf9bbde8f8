import * as tf from '@tensorflow/tfjs';
import { fileSystemHandler } from '../../loading/fileSystemHandler.js';
import { ModelLoadError, reinstallHint } from '../../loading/ModelLoadError.js';
import { CaptionPackError, packHint } from './CaptionPackError.js';
import type { ModelFiles, PackModelFormat, PackModelRole } from './modelFiles.js';

/** An input or output as the model declares it; null where the model leaves a size (or everything) open. */
export interface TensorSlot {
  name: string;
  shape: readonly (number | null)[] | null;
  dtype: tf.DataType | null;
}

/** A loaded encoder or decoder, whichever tfjs format it came in, behind one calling convention. */
export interface PackModel {
  readonly role: PackModelRole;
  readonly file: string;
  readonly format: PackModelFormat;
  readonly inputs: readonly TensorSlot[];
  readonly outputs: readonly TensorSlot[];
  /**
   * Runs the model and returns the one output asked for. Call it inside tf.tidy: that is what frees the outputs of
   * a multi-output model that were not asked for, and why this is synchronous (GraphModel.execute, not executeAsync).
   */
  run(feeds: Readonly<Record<string, tf.Tensor>>, output?: string): tf.Tensor;
  dispose(): void;
}

export const describeShape = (shape: readonly (number | null)[]): string => `[${shape.map((s) => s ?? '?').join(', ')}]`;

/** The output the manifest names, or the only one; null when a graph is asked for a node it does not list. */
export function chooseOutput(model: PackModel, wanted: string | undefined, field: string, manifestFile: string): TensorSlot | null {
  if (wanted !== undefined) {
    const found = model.outputs.find((o) => o.name === wanted);
    if (found || model.format === 'graph-model') return found ?? null; // a graph can be asked for any node by name
    throw new CaptionPackError('invalid-manifest', manifestFile, `caption-pack.json ${field} is "${wanted}", but the ${model.role} ${model.file} has the outputs ${model.outputs.map((o) => o.name).join(', ')}. Use one of those.`);
  }
  if (model.outputs.length === 1) return model.outputs[0] ?? null;
  throw new CaptionPackError('invalid-manifest', manifestFile, `The ${model.role} ${model.file} has ${model.outputs.length} outputs (${model.outputs.map((o) => o.name).join(', ')}); name the one to use in caption-pack.json ${field}.`);
}

const openShape = (shape: readonly (number | null)[] | undefined): (number | null)[] | null =>
  shape ? shape.map((size) => (size === null || size < 0 ? null : size)) : null;

function pick(outputs: tf.Tensor | tf.Tensor[], names: readonly string[], wanted: string | undefined, role: string): tf.Tensor {
  if (!Array.isArray(outputs)) return outputs;
  const index = wanted === undefined ? (outputs.length === 1 ? 0 : -1) : names.indexOf(wanted);
  const chosen = outputs[index];
  if (!chosen) throw new Error(`the ${role} returned ${outputs.length} outputs (${names.join(', ')}) and none was chosen`);
  return chosen;
}

function wrapLayers(files: ModelFiles, model: tf.LayersModel): PackModel {
  const inputs = model.inputs.map((input, i) => ({ name: model.inputNames[i] ?? input.name, shape: openShape(input.shape), dtype: input.dtype }));
  const outputs = model.outputs.map((output, i) => ({ name: model.outputNames[i] ?? output.name, shape: openShape(output.shape), dtype: output.dtype }));
  return {
    role: files.role,
    file: files.modelJson,
    format: 'layers-model',
    inputs,
    outputs,
    run: (feeds, output) => {
      // A LayersModel takes its inputs positionally, in the order it declares them.
      const ordered = inputs.map((slot) => {
        const tensor = feeds[slot.name];
        if (!tensor) throw new Error(`no tensor for the ${files.role} input '${slot.name}'`);
        return tensor;
      });
      const result = model.predict(ordered.length === 1 ? (ordered[0] as tf.Tensor) : ordered);
      return pick(result, outputs.map((o) => o.name), output, files.role);
    },
    dispose: () => model.dispose(),
  };
}

function wrapGraph(files: ModelFiles, model: tf.GraphModel): PackModel {
  const slot = (info: tf.ModelTensorInfo): TensorSlot => ({ name: info.name, shape: openShape(info.shape), dtype: info.dtype ?? null });
  const outputs = model.outputs.map(slot);
  return {
    role: files.role,
    file: files.modelJson,
    format: 'graph-model',
    inputs: model.inputs.map(slot),
    outputs,
    run: (feeds, output) => pick(model.execute({ ...feeds }, output), output ? [output] : outputs.map((o) => o.name), output, files.role),
    dispose: () => model.dispose(),
  };
}

/** The shared loader ends its messages with "reinstall Phototag", which is wrong advice for a pack the user added. */
function withPackAdvice(error: ModelLoadError): string {
  return error.message.replace(reinstallHint, packHint).replace(reinstallHint.toLowerCase(), packHint.toLowerCase());
}

/** Loads a checked model with the shared file-system IOHandler (tfjs' own file:// loader needs tfjs-node). */
export async function loadPackModel(files: ModelFiles): Promise<PackModel> {
  const handler = fileSystemHandler(files.modelJson);
  try {
    if (files.format === 'layers-model') return wrapLayers(files, await tf.loadLayersModel(handler));
    return wrapGraph(files, await tf.loadGraphModel(handler));
  } catch (error) {
    if (error instanceof CaptionPackError) throw error;
    // inspectModelFiles has already checked the files, so this is a file that changed since, or one tfjs rejects.
    if (error instanceof ModelLoadError) throw new CaptionPackError(error.kind === 'missing' ? 'missing-file' : 'invalid-model', error.file, withPackAdvice(error), { cause: error });
    const message = (error as Error).message;
    const unknownLayer = /Unknown layer: (\w+)/.exec(message)?.[1];
    if (unknownLayer) {
      throw new CaptionPackError(
        'invalid-model',
        files.modelJson,
        `The caption pack's ${files.role} ${files.modelJson} uses the custom Keras layer ${unknownLayer}, which tfjs cannot rebuild. Export the model as a SavedModel and convert it with tensorflowjs_converter --output_format tfjs_graph_model.`,
        { cause: error },
      );
    }
    throw new CaptionPackError('invalid-model', files.modelJson, `tfjs could not build the caption pack's ${files.role} ${files.modelJson} (${message.split('\n')[0]}). ${packHint}`, { cause: error });
  }
}
