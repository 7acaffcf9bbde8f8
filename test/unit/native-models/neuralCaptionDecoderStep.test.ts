import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../native-models/backends/selectBackend.js';
import { nextTokenLogProbs } from '../../../native-models/captioner/neural/decoder.js';
import type { DecoderBinding } from '../../../native-models/captioner/neural/decoder.js';
import { argmax } from '../../../native-models/captioner/neural/greedyDecode.js';
import type { PackModel } from '../../../native-models/captioner/neural/packModel.js';

beforeAll(async () => {
  await selectBackend({ startAt: 'cpu' });
});

const V = 6;
const PAD = 0;

interface Call {
  tokens: number[][];
  featureShape: number[];
  mask: number[][] | null;
  maskDtype: string | null;
}

/**
 * A causal stand-in decoder that records what it is fed. At every position it scores token (t + 1) mod V highest,
 * t being the token at that position, so the argmax tells which position the caller read.
 */
function recordingDecoder(predicts: 'logits' | 'probabilities'): { model: PackModel; calls: Call[] } {
  const calls: Call[] = [];
  const model: PackModel = {
    role: 'decoder',
    file: 'decoder/model.json',
    format: 'graph-model',
    inputs: [],
    outputs: [],
    run: (feeds) => {
      const tokens = feeds.tokens as tf.Tensor2D;
      calls.push({ tokens: tokens.arraySync(), featureShape: feeds.features?.shape ?? [], mask: feeds.mask ? (feeds.mask.arraySync() as number[][]) : null, maskDtype: feeds.mask?.dtype ?? null });
      const next = tf.mod(tokens.add(tf.scalar(1, 'int32')), tf.scalar(V, 'int32')) as tf.Tensor2D;
      const scores = tf.oneHot(next, V).toFloat();
      return predicts === 'logits' ? scores.mul(3) : scores.mul(0.5).add(0.5 / V);
    },
    dispose: () => undefined,
  };
  return { model, calls };
}

function binding(model: PackModel, overrides: Partial<DecoderBinding>): DecoderBinding {
  return {
    model,
    tokens: { name: 'tokens', shape: [null, null], dtype: 'int32' },
    features: { name: 'features', shape: [null, 3, 2], dtype: 'float32' },
    mask: null,
    output: undefined,
    fixedLength: null,
    batchable: true,
    predicts: 'logits',
    padId: PAD,
    vocabularySize: V,
    vocabularyFile: 'vocabulary.json',
    ...overrides,
  };
}

describe('nextTokenLogProbs', () => {
  it('scores all sequences of a step in one call when the batch is open, with the features repeated', async () => {
    const { model, calls } = recordingDecoder('logits');
    const features = tf.zeros([1, 3, 2]) as tf.Tensor3D;
    const rows = await nextTokenLogProbs(binding(model, {}), features)([[2, 3], [2, 4], [2, 5]]);
    features.dispose();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.tokens).toEqual([[2, 3], [2, 4], [2, 5]]);
    expect(calls[0]?.featureShape).toEqual([3, 3, 2]);
    expect(rows.map(argmax)).toEqual([4, 5, 0]);
  });

  it('runs one sequence per call when the decoder has a fixed batch', async () => {
    const { model, calls } = recordingDecoder('logits');
    const features = tf.zeros([1, 3, 2]) as tf.Tensor3D;
    const rows = await nextTokenLogProbs(binding(model, { batchable: false }), features)([[2, 3], [2, 4]]);
    features.dispose();
    expect(calls.map((c) => c.tokens)).toEqual([[[2, 3]], [[2, 4]]]);
    expect(calls[0]?.featureShape).toEqual([1, 3, 2]);
    expect(rows.map(argmax)).toEqual([4, 5]);
  });

  it('pads to a fixed length, masks the padding and reads the last real position', async () => {
    const { model, calls } = recordingDecoder('logits');
    const features = tf.zeros([1, 3, 2]) as tf.Tensor3D;
    const decoder = binding(model, { fixedLength: 5, batchable: false, mask: { name: 'mask', shape: [1, 5], dtype: 'bool' } });
    const [row] = await nextTokenLogProbs(decoder, features)([[2, 3, 4]]);
    features.dispose();
    expect(calls[0]?.tokens).toEqual([[2, 3, 4, PAD, PAD]]);
    expect(calls[0]?.mask).toEqual([[1, 1, 1, 0, 0]]);
    expect(calls[0]?.maskDtype).toBe('bool');
    // Position 2 holds token 4, so 5 — not the 1 that the padding positions score highest.
    expect(argmax(row as Float32Array)).toBe(5);
  });

  it.each(['logits', 'probabilities'] as const)('returns proper log-probabilities from %s', async (predicts) => {
    const { model } = recordingDecoder(predicts);
    const features = tf.zeros([1, 3, 2]) as tf.Tensor3D;
    const [row] = await nextTokenLogProbs(binding(model, { predicts }), features)([[2]]);
    features.dispose();
    const total = Array.from(row as Float32Array).reduce((sum, lp) => sum + Math.exp(lp), 0);
    expect(total).toBeCloseTo(1, 5);
    expect(Math.exp((row as Float32Array)[3] as number)).toBeGreaterThan(0.5);
  });

  it('leaves no tensor behind', async () => {
    const { model } = recordingDecoder('probabilities');
    const features = tf.zeros([1, 3, 2]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const next = nextTokenLogProbs(binding(model, { predicts: 'probabilities', fixedLength: 4, mask: { name: 'mask', shape: null, dtype: 'int32' } }), features);
    await next([[2], [3]]);
    await next([[2, 3], [3, 4]]);
    expect(tf.memory().numTensors).toBe(before);
    features.dispose();
  });
});
