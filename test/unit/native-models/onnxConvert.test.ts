import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../native-models/backends/selectBackend.js';
import { convertTfjsGraph } from '../../../native-models/onnx/convertGraph.js';
import type { TfAttr, TfNode, TfWeight } from '../../../native-models/onnx/tfjsGraph.js';

// Small graphs in tfjs' model.json form, converted and run on ONNX Runtime, against the same op run by tfjs.
const s = (text: string): TfAttr => ({ s: Buffer.from(text).toString('base64') });
const list = (values: number[]): TfAttr => ({ list: { i: values.map(String) } });
const fused = (...ops: string[]): TfAttr => ({ list: { s: ops.map((o) => Buffer.from(o).toString('base64')) } });
const placeholder: TfNode = { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' } } };
const constNode = (name: string): TfNode => ({ name, op: 'Const' });

/** Deterministic values in [-1, 1) (no Math.random: a failure must reproduce). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let state = seed;
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out[i] = state / 2 ** 30 - 1;
  }
  return out;
}

const f32 = (shape: number[], seed: number): TfWeight => ({ dtype: 'float32', shape, data: values(shape.reduce((a, b) => a * b, 1), seed) });
const i32 = (data: number[]): TfWeight => ({ dtype: 'int32', shape: [data.length], data: Int32Array.from(data) });

async function runConverted(nodes: TfNode[], weights: Record<string, TfWeight>, input: tf.Tensor, output: string): Promise<{ data: Float32Array; dims: number[] }> {
  const shape = [-1, ...input.shape.slice(1)];
  const bytes = convertTfjsGraph({ nodes: [placeholder, ...nodes], weights: new Map(Object.entries(weights)), sources: [] }, { name: 'test', inputs: { x: shape }, outputs: [output] });
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    const result = await session.run({ x: new ort.Tensor('float32', input.dataSync() as Float32Array, input.shape) });
    const out = result[output] as ort.Tensor;
    return { data: out.data as Float32Array, dims: [...out.dims] };
  } finally {
    await session.release();
  }
}

async function expectSame(nodes: TfNode[], weights: Record<string, TfWeight>, input: tf.Tensor, output: string, expected: tf.Tensor, tolerance = 1e-4): Promise<void> {
  const { data, dims } = await runConverted(nodes, weights, input, output);
  expect(dims).toEqual(expected.shape);
  const want = expected.dataSync();
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs((data[i] as number) - (want[i] as number)));
  expect(worst).toBeLessThan(tolerance);
}

const tensorOf = (w: TfWeight) => tf.tensor(w.data, w.shape);
const image = (h: number, w: number, c: number, seed = 1) => tf.tensor4d(values(2 * h * w * c, seed), [2, h, w, c]);

beforeAll(async () => {
  await selectBackend({ startAt: 'cpu' });
});

describe('tfjs graph → ONNX', () => {
  it('_FusedConv2D: SAME padding with stride 2 on an odd size, bias and Relu6', async () => {
    const x = image(9, 7, 3);
    const weights = { w: f32([3, 3, 3, 5], 2), b: f32([5], 3) };
    const node: TfNode = {
      name: 'conv',
      op: '_FusedConv2D',
      input: ['x', 'w', 'b'],
      attr: { strides: list([1, 2, 2, 1]), padding: s('SAME'), data_format: s('NHWC'), dilations: list([1, 1, 1, 1]), fused_ops: fused('BiasAdd', 'Relu6') },
    };
    const expected = tf.relu6(tf.add(tf.conv2d(x, tensorOf(weights.w) as tf.Tensor4D, 2, 'same'), tensorOf(weights.b)).mul(4));
    // ×4 inside the reference only widens the range Relu6 clips; feed the same scale to the graph through the weights.
    const scaled = { w: { ...weights.w, data: weights.w.data.map((v) => v * 4) }, b: { ...weights.b, data: weights.b.data.map((v) => v * 4) } };
    await expectSame([constNode('w'), constNode('b'), node], scaled, x, 'conv', expected);
  });

  it('FusedDepthwiseConv2dNative with a channel multiplier, VALID padding and Relu', async () => {
    const x = image(8, 8, 4);
    const weights = { w: f32([3, 3, 4, 2], 4), b: f32([8], 5) };
    const node: TfNode = {
      name: 'dw',
      op: 'FusedDepthwiseConv2dNative',
      input: ['x', 'w', 'b'],
      attr: { strides: list([1, 1, 1, 1]), padding: s('VALID'), data_format: s('NHWC'), dilations: list([1, 1, 1, 1]), fused_ops: fused('BiasAdd', 'Relu') },
    };
    const expected = tf.relu(tf.add(tf.depthwiseConv2d(x, tensorOf(weights.w) as tf.Tensor4D, 1, 'valid'), tensorOf(weights.b)));
    await expectSame([constNode('w'), constNode('b'), node], weights, x, 'dw', expected);
  });

  it('MaxPool and AvgPool with SAME padding (the average leaves padding out, as TF does)', async () => {
    const x = image(7, 7, 2);
    const attr = { ksize: list([1, 3, 3, 1]), strides: list([1, 2, 2, 1]), padding: s('SAME'), data_format: s('NHWC') };
    await expectSame([{ name: 'p', op: 'MaxPool', input: ['x'], attr }], {}, x, 'p', tf.maxPool(x, 3, 2, 'same'));
    await expectSame([{ name: 'p', op: 'AvgPool', input: ['x'], attr }], {}, x, 'p', tf.avgPool(x, 3, 2, 'same'));
  });

  it('hard-swish arithmetic, Mean over H and W kept, and a channel ConcatV2', async () => {
    const x = image(4, 5, 3);
    const weights = { three: { dtype: 'float32', shape: [], data: Float32Array.of(3) } as TfWeight, axes: i32([1, 2]), axis: { dtype: 'int32', shape: [], data: Int32Array.of(-1) } as TfWeight };
    const nodes: TfNode[] = [
      constNode('three'),
      constNode('axes'),
      constNode('axis'),
      { name: 'add', op: 'AddV2', input: ['x', 'three'] },
      { name: 'r6', op: 'Relu6', input: ['add'] },
      { name: 'hs', op: 'Mul', input: ['x', 'r6'] },
      { name: 'mean', op: 'Mean', input: ['hs', 'axes'], attr: { keep_dims: { b: true } } },
      { name: 'scaled', op: 'Mul', input: ['hs', 'mean'] },
      { name: 'cat', op: 'ConcatV2', input: ['scaled', 'x', 'axis'] },
    ];
    const hs = x.mul(tf.relu6(x.add(3)));
    const expected = tf.concat([hs.mul(hs.mean([1, 2], true)), x], -1);
    await expectSame(nodes, weights, x, 'cat', expected);
  });

  it('ResizeBilinear (half-pixel and align-corners) and ResizeNearestNeighbor (half-pixel)', async () => {
    const x = image(5, 6, 2);
    const size = i32([10, 12]);
    const resize = (op: string, attr: Record<string, TfAttr>): TfNode[] => [constNode('size'), { name: 'r', op, input: ['x', 'size'], attr }];
    await expectSame(resize('ResizeBilinear', { half_pixel_centers: { b: true } }), { size }, x, 'r', tf.image.resizeBilinear(x as tf.Tensor4D, [10, 12], false, true));
    await expectSame(resize('ResizeBilinear', { align_corners: { b: true } }), { size }, x, 'r', tf.image.resizeBilinear(x as tf.Tensor4D, [10, 12], true, false));
    await expectSame(resize('ResizeNearestNeighbor', { half_pixel_centers: { b: true } }), { size }, x, 'r', tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [10, 12], false, true));
  });

  it('Pad, a StridedSlice with an ellipsis (YOLOv5 head), Reshape and Transpose', async () => {
    const x = image(4, 4, 6);
    const weights = { pads: i32([0, 0, 1, 2, 2, 1, 0, 0]), begin: i32([0, 2]), end: i32([0, 0]), strides: i32([1, 1]), shape: i32([-1, 7, 7, 2, 2]), perm: i32([0, 3, 1, 2, 4]) };
    const nodes: TfNode[] = [
      ...Object.keys(weights).map(constNode),
      { name: 'pad', op: 'Pad', input: ['x', 'pads'] },
      { name: 'slice', op: 'StridedSlice', input: ['pad', 'begin', 'end', 'strides'], attr: { ellipsis_mask: { i: '1' }, end_mask: { i: '2' } } },
      { name: 'reshape', op: 'Reshape', input: ['slice', 'shape'] },
      { name: 'transposed', op: 'Transpose', input: ['reshape', 'perm'] },
    ];
    const padded = tf.pad(x, [[0, 0], [1, 2], [2, 1], [0, 0]]);
    const expected = padded.slice([0, 0, 0, 2], [-1, -1, -1, -1]).reshape([-1, 7, 7, 2, 2]).transpose([0, 3, 1, 2, 4]);
    await expectSame(nodes, weights, x, 'transposed', expected);
  });

  it('_FusedMatMul with a transposed constant, bias and Relu, then Softmax', async () => {
    const x = tf.tensor2d(values(2 * 6, 7), [2, 6]);
    const weights = { w: f32([4, 6], 8), b: f32([4], 9) };
    const nodes: TfNode[] = [
      constNode('w'),
      constNode('b'),
      { name: 'mm', op: '_FusedMatMul', input: ['x', 'w', 'b'], attr: { transpose_b: { b: true }, fused_ops: fused('BiasAdd', 'Relu') } },
      { name: 'sm', op: 'Softmax', input: ['mm'] },
    ];
    const expected = tf.softmax(tf.relu(tf.matMul(x, tensorOf(weights.w), false, true).add(tensorOf(weights.b))));
    await expectSame(nodes, weights, x, 'sm', expected);
  });

  it('names the op it cannot map', () => {
    const graph = { nodes: [placeholder, { name: 'odd', op: 'Cumsum', input: ['x'] }], weights: new Map(), sources: [] };
    expect(() => convertTfjsGraph(graph, { name: 't', inputs: { x: [-1, 2] }, outputs: ['odd'] })).toThrow(/op Cumsum \(node 'odd'\) has no ONNX mapping/);
  });

  it('converts the same graph to the same bytes', () => {
    const graph = { nodes: [placeholder, constNode('w'), { name: 'y', op: 'Mul', input: ['x', 'w'] }], weights: new Map([['w', f32([3], 1)]]), sources: [] };
    const a = convertTfjsGraph(graph, { name: 't', inputs: { x: [-1, 3] }, outputs: ['y'] });
    const b = convertTfjsGraph(graph, { name: 't', inputs: { x: [-1, 3] }, outputs: ['y'] });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
