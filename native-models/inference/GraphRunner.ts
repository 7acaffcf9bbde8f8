import type * as tf from '@tensorflow/tfjs';

/**
 * Runs one model's graph. Pre- and post-processing stay in tfjs on the active backend whatever runs the graph, so
 * only this step differs between tfjs and ONNX Runtime and tags cannot depend on the engine beyond the graph's own
 * float rounding.
 */
export interface GraphRunner {
  /** 'tfjs' on the active tfjs backend, or 'onnxruntime' on its native CPU kernels. */
  readonly engine: 'tfjs' | 'onnxruntime';
  /** The named outputs for one input (NHWC), in that order; every graph output when none are named. The caller disposes them. */
  run(input: tf.Tensor, outputs?: readonly string[]): Promise<tf.Tensor[]>;
  dispose(): void;
}

/** How a model's graph should run: on tfjs, or on ONNX Runtime from converted files in `dir`. */
export type GraphEngine =
  | { kind: 'tfjs' }
  | {
      kind: 'onnxruntime';
      dir: string;
      /** Intra-op threads per session (chosen with the worker count so the cores are used once). */
      threads: number;
      /** Why a model went back to tfjs (a missing or damaged .onnx file), for doctor and the log. */
      fallbacks: string[];
    };

export const tfjsEngine: GraphEngine = { kind: 'tfjs' };

export function tfjsRunner(model: tf.GraphModel): GraphRunner {
  return {
    engine: 'tfjs',
    run: async (input, outputs) => {
      const result = outputs ? model.execute(input, [...outputs]) : model.execute(input);
      return Array.isArray(result) ? result : [result];
    },
    dispose: () => model.dispose(),
  };
}
