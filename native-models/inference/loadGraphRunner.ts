import type * as tf from '@tensorflow/tfjs';
import type { OnnxModelName } from '../onnx/onnxModels.js';
import { tfjsRunner } from './GraphRunner.js';
import type { GraphEngine, GraphRunner } from './GraphRunner.js';
import { OnnxFileError, openOnnxRunner } from './onnxRunner.js';

/**
 * The model on the chosen engine. On ONNX Runtime a missing or damaged converted file is not fatal: that model
 * runs on tfjs (the active tfjs backend, WebAssembly under ONNX Runtime) and the reason is recorded. `sourceDir`
 * holds the tfjs model being asked for: the converted file is used only if it was converted from those very files.
 */
export async function loadGraphRunner(engine: GraphEngine, name: OnnxModelName, sourceDir: string, loadTfjs: () => Promise<tf.GraphModel>): Promise<GraphRunner> {
  if (engine.kind === 'onnxruntime') {
    try {
      return await openOnnxRunner(engine.dir, name, engine.threads, sourceDir);
    } catch (error) {
      if (!(error instanceof OnnxFileError)) throw error;
      engine.fallbacks.push(`${name} runs on wasm: ${error.message}`);
    }
  }
  return tfjsRunner(await loadTfjs());
}
