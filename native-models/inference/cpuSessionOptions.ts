import type { InferenceSession } from 'onnxruntime-node';

/**
 * ONNX Runtime's options for every model Phototag runs on its CPU kernels: `threads` intra-op threads, one
 * inter-op, all graph optimisations, and idle threads that sleep instead of spinning (the other workers and the
 * decoders need those cores).
 */
export function cpuSessionOptions(threads: number): InferenceSession.SessionOptions {
  return {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
}
