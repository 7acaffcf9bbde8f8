import * as tf from '@tensorflow/tfjs';
import { ModelLoadError, reinstallHint } from './ModelLoadError.js';
import { fileSystemHandler } from './fileSystemHandler.js';
import type { FileSystemHandlerOptions } from './fileSystemHandler.js';

/**
 * Loads a tfjs graph model from disk. Any failure comes out as a ModelLoadError, so callers have one thing to catch
 * and one message to show.
 */
export async function loadGraphModelFile(modelJsonPath: string, options: FileSystemHandlerOptions = {}): Promise<tf.GraphModel> {
  try {
    return await tf.loadGraphModel(fileSystemHandler(modelJsonPath, options));
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new ModelLoadError('corrupt', modelJsonPath, `The model ${modelJsonPath} could not be built by tfjs (${(error as Error).message}). ${reinstallHint}`, { cause: error });
  }
}
