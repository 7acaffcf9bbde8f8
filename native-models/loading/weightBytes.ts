import type * as tf from '@tensorflow/tfjs';

const dtypeBytes: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, string: 0 };
const quantizedBytes: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

/**
 * How many bytes the weight shards must hold for these specs. Comparing it with what is on disk catches a
 * truncated download before tfjs turns it into a confusing out-of-range read deep inside the graph.
 */
export function expectedWeightBytes(specs: readonly tf.io.WeightsManifestEntry[]): number {
  let total = 0;
  for (const spec of specs) {
    const elements = spec.shape.reduce((a, b) => a * b, 1);
    const quantDtype = spec.quantization?.dtype;
    const perElement = quantDtype ? quantizedBytes[quantDtype] : dtypeBytes[spec.dtype];
    if (perElement === undefined || perElement === 0) throw new Error(`cannot size weight '${spec.name}' of dtype ${quantDtype ?? spec.dtype}`);
    total += elements * perElement;
  }
  return total;
}
