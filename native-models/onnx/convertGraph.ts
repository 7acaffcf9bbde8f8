import { OnnxGraphBuilder } from './onnxBuilder.js';
import type { AttrValue, GraphValue } from './onnxBuilder.js';
import type { TfAttr, TfjsGraph, TfNode, TfWeight } from './tfjsGraph.js';

/** Bump when the mapping below changes: the manifest records it, so stale converted files are rebuilt. */
export const converterVersion = '1';
const opset = 13;

export interface ConvertOptions {
  name: string;
  /** Graph inputs (Placeholder names) and their NHWC shapes, -1 for the batch. */
  inputs: Readonly<Record<string, readonly number[]>>;
  /** The TensorFlow tensors to expose, by name ("node" or "node:1"); they keep those names in the ONNX graph. */
  outputs: readonly string[];
}

/** A TensorFlow tensor during conversion: a constant (folded into initializers where used) or a graph tensor. */
type Value = { kind: 'const'; weight: TfWeight } | { kind: 'tensor'; name: string; shape: number[] };

const tfDtypeFloat = 'DT_FLOAT';
const toNchw = [0, 3, 1, 2];
const toNhwc = [0, 2, 3, 1];
const int64Max = Number.MAX_SAFE_INTEGER;

const baseName = (ref: string) => ref.replace(/^\^/, '').replace(/:0$/, '');
const nodeOf = (ref: string) => baseName(ref).replace(/:\d+$/, '');
const decodeS = (attr: TfAttr | undefined) => (attr?.s === undefined ? undefined : Buffer.from(attr.s, 'base64').toString('utf8'));
const ints = (attr: TfAttr | undefined) => (attr?.list?.i ?? []).map(Number);
const int = (attr: TfAttr | undefined, fallback = 0) => (attr?.i === undefined ? fallback : Number(attr.i));

/**
 * Converts a tfjs graph model to an ONNX ModelProto (opset 13). Tensors keep TensorFlow's NHWC layout between ops;
 * convolutions, pools and resizes, which ONNX defines on NCHW, are wrapped in Transposes that ONNX Runtime's
 * transpose optimiser cancels between neighbours. Only the ops reachable from the requested outputs are converted.
 */
export function convertTfjsGraph(graph: TfjsGraph, options: ConvertOptions): Uint8Array {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const b = new OnnxGraphBuilder();
  const values = new Map<string, Value>();

  const order: TfNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`the graph has a cycle through '${name}'`);
    const node = byName.get(name);
    if (!node) throw new Error(`the graph has no node '${name}'`);
    state.set(name, 'visiting');
    for (const input of node.input ?? []) if (!input.startsWith('^')) visit(nodeOf(input));
    state.set(name, 'done');
    order.push(node);
  };
  for (const output of options.outputs) visit(nodeOf(output));

  // Output names are taken first, so the tensors inside the graph that TF calls the same get other names.
  const outputNames = options.outputs.map((ref) => b.reserve(ref));
  const graphInputs: GraphValue[] = [];
  for (const node of order) convertNode(node);

  const graphOutputs: GraphValue[] = options.outputs.map((ref, i) => {
    const value = tensor(ref);
    const name = outputNames[i] as string;
    b.node('Identity', [value.name], [name]);
    return { name, shape: value.shape };
  });
  return b.encode({ name: options.name, inputs: graphInputs, outputs: graphOutputs, producerVersion: converterVersion, opset });

  function value(ref: string): Value {
    const v = values.get(baseName(ref));
    if (!v) throw new Error(`no value for '${ref}'`);
    return v;
  }

  function constant(ref: string): TfWeight {
    const v = value(ref);
    if (v.kind !== 'const') throw new Error(`'${ref}' must be a constant for this conversion`);
    return v.weight;
  }

  /** The value as a graph tensor; constants become initializers on first use. */
  function tensor(ref: string): { name: string; shape: number[] } {
    const v = value(ref);
    if (v.kind === 'tensor') return v;
    const name = b.initializer(baseName(ref), v.weight.shape, v.weight.data);
    const asTensor: Value = { kind: 'tensor', name, shape: v.weight.shape };
    values.set(baseName(ref), asTensor);
    return asTensor;
  }

  function set(node: TfNode, name: string, shape: number[]): void {
    values.set(node.name, { kind: 'tensor', name, shape });
  }

  function convertNode(node: TfNode): void {
    const inputs = (node.input ?? []).filter((i) => !i.startsWith('^'));
    const attr = node.attr ?? {};
    const x = () => tensor(inputs[0] as string);
    switch (node.op) {
      case 'Const': {
        const weight = graph.weights.get(node.name) ?? inlineConstant(node);
        values.set(node.name, { kind: 'const', weight });
        return;
      }
      case 'Placeholder': {
        const shape = options.inputs[node.name];
        if (!shape) throw new Error(`input '${node.name}' needs a shape in the conversion options`);
        if (attr.dtype?.type !== tfDtypeFloat) throw new Error(`input '${node.name}' is ${attr.dtype?.type}, only float inputs are converted`);
        const name = b.reserve(node.name);
        graphInputs.push({ name, shape });
        set(node, name, [...shape]);
        return;
      }
      case 'Identity':
      case 'StopGradient':
        values.set(node.name, value(inputs[0] as string));
        return;
      case 'Conv2D':
      case 'DepthwiseConv2dNative':
      case '_FusedConv2D':
      case 'FusedDepthwiseConv2dNative':
        return convolution(node, inputs);
      case 'MaxPool':
      case 'AvgPool':
        return pool(node, inputs);
      case 'Add':
      case 'AddV2':
      case 'BiasAdd':
        return binary(node, 'Add', inputs);
      case 'Sub':
        return binary(node, 'Sub', inputs);
      case 'Mul':
        return binary(node, 'Mul', inputs);
      case 'RealDiv':
      case 'Div':
        return binary(node, 'Div', inputs);
      case 'Maximum':
        return binary(node, 'Max', inputs);
      case 'Minimum':
        return binary(node, 'Min', inputs);
      case 'Square': {
        const t = x();
        return set(node, b.op('Mul', [t.name, t.name], node.name), t.shape);
      }
      case 'Relu':
      case 'Sigmoid':
      case 'Tanh':
      case 'Exp':
      case 'Sqrt':
      case 'Neg':
      case 'Abs':
      case 'Elu': {
        const t = x();
        return set(node, b.op(node.op, [t.name], node.name), t.shape);
      }
      case 'Rsqrt': {
        const t = x();
        return set(node, b.op('Reciprocal', [b.op('Sqrt', [t.name], `${node.name}/sqrt`)], node.name), t.shape);
      }
      case 'Relu6': {
        const t = x();
        return set(node, clip6(t.name, node.name), t.shape);
      }
      case 'LeakyRelu': {
        const t = x();
        return set(node, b.op('LeakyRelu', [t.name], node.name, { alpha: { float: attr.alpha?.f ?? 0.2 } }), t.shape);
      }
      case 'Softmax': {
        const t = x();
        return set(node, b.op('Softmax', [t.name], node.name, { axis: -1 }), t.shape);
      }
      case 'Mean':
      case 'Max':
      case 'Sum':
        return reduce(node, inputs);
      case 'ConcatV2':
        return concat(node, inputs);
      case 'Reshape':
        return reshape(node, inputs);
      case 'Transpose': {
        const t = x();
        const perm = [...constant(inputs[1] as string).data].map(Number);
        return set(node, b.op('Transpose', [t.name], node.name, { perm }), perm.map((p) => t.shape[p] as number));
      }
      case 'ResizeBilinear':
      case 'ResizeNearestNeighbor':
        return resize(node, inputs);
      case 'Pad':
      case 'PadV2':
        return pad(node, inputs);
      case 'StridedSlice':
        return stridedSlice(node, inputs);
      case 'MatMul':
      case '_FusedMatMul':
        return matMul(node, inputs);
      default:
        throw new Error(`op ${node.op} (node '${node.name}') has no ONNX mapping`);
    }
  }

  function inlineConstant(node: TfNode): TfWeight {
    const t = node.attr?.value?.tensor;
    const shape = (t?.tensorShape?.dim ?? []).map((d) => Number(d.size));
    if (t?.dtype === 'DT_INT32') return { dtype: 'int32', shape, data: Int32Array.from(t.intVal ?? []) };
    if (t?.dtype === 'DT_FLOAT') return { dtype: 'float32', shape, data: Float32Array.from(t.floatVal ?? []) };
    throw new Error(`constant '${node.name}' has no weights and no inline value the converter reads`);
  }

  function clip6(input: string, base: string): string {
    return b.op('Clip', [input, b.floats(`${base}/min`, [0], []), b.floats(`${base}/max`, [6], [])], base);
  }

  function activation(kind: string, input: string, base: string, attr: Record<string, TfAttr>): string {
    switch (kind) {
      case 'Relu':
      case 'Sigmoid':
      case 'Tanh':
      case 'Elu':
        return b.op(kind, [input], base);
      case 'Relu6':
        return clip6(input, base);
      case 'LeakyRelu':
        return b.op('LeakyRelu', [input], base, { alpha: { float: attr.leakyrelu_alpha?.f ?? 0.2 } });
      default:
        throw new Error(`fused activation ${kind} (node '${base}') has no ONNX mapping`);
    }
  }

  function broadcast(a: readonly number[], c: readonly number[]): number[] {
    const rank = Math.max(a.length, c.length);
    return Array.from({ length: rank }, (_, i) => {
      const da = a[a.length - rank + i] ?? 1;
      const dc = c[c.length - rank + i] ?? 1;
      return da === 1 ? dc : dc === 1 ? da : Math.max(da, dc);
    });
  }

  function binary(node: TfNode, op: string, inputs: string[]): void {
    const [l, r] = [tensor(inputs[0] as string), tensor(inputs[1] as string)];
    set(node, b.op(op, [l.name, r.name], node.name), broadcast(l.shape, r.shape));
  }

  /** SAME padding as TensorFlow computes it (the odd pixel goes after), for a known input size. */
  function samePads(size: number, kernel: number, stride: number, dilation: number): [number, number] {
    const out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  }

  /** ONNX pads [top, left, bottom, right] and the output size for a 2-D window over NHWC input. */
  function window(attr: Record<string, TfAttr>, inShape: readonly number[], kernel: [number, number], strides: [number, number], dilations: [number, number]) {
    if ((decodeS(attr.data_format) ?? 'NHWC') !== 'NHWC') throw new Error('only NHWC graphs are converted');
    const padding = decodeS(attr.padding) ?? 'VALID';
    const spatial = [inShape[1] as number, inShape[2] as number];
    let pads = [0, 0, 0, 0];
    if (padding === 'SAME') {
      if (spatial.some((s) => s < 0)) throw new Error('SAME padding needs a known input size');
      const [t, bo] = samePads(spatial[0] as number, kernel[0], strides[0], dilations[0]);
      const [le, ri] = samePads(spatial[1] as number, kernel[1], strides[1], dilations[1]);
      pads = [t, le, bo, ri];
    } else if (padding === 'EXPLICIT') {
      const e = ints(attr.explicit_paddings);
      pads = [e[2] ?? 0, e[4] ?? 0, e[3] ?? 0, e[5] ?? 0];
    }
    const out = [0, 1].map((i) => {
      const s = spatial[i] as number;
      if (s < 0) return -1;
      return Math.floor((s + (pads[i] as number) + (pads[i + 2] as number) - ((kernel[i] as number) - 1) * (dilations[i] as number) - 1) / (strides[i] as number)) + 1;
    });
    return { pads, out };
  }

  function convolution(node: TfNode, inputs: string[]): void {
    const attr = node.attr ?? {};
    const depthwise = node.op.includes('Depthwise');
    const t = tensor(inputs[0] as string);
    const filter = constant(inputs[1] as string);
    const [kh, kw, cin, cm] = filter.shape as [number, number, number, number];
    const f = filter.data as Float32Array;
    const cout = depthwise ? cin * cm : cm;
    // TF filters are [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]); ONNX wants [out, in/group, kh, kw].
    const weights = new Float32Array(cout * (depthwise ? 1 : cin) * kh * kw);
    for (let y = 0; y < kh; y++) {
      for (let xx = 0; xx < kw; xx++) {
        for (let i = 0; i < cin; i++) {
          for (let o = 0; o < cm; o++) {
            const src = f[((y * kw + xx) * cin + i) * cm + o] as number;
            if (depthwise) weights[((i * cm + o) * kh + y) * kw + xx] = src;
            else weights[((o * cin + i) * kh + y) * kw + xx] = src;
          }
        }
      }
    }
    const fused = (attr.fused_ops?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
    let bias: Float32Array | null = null;
    let rest = fused;
    if (fused[0] === 'BiasAdd') {
      bias = Float32Array.from(constant(inputs[2] as string).data);
      rest = fused.slice(1);
    } else if (fused[0] === 'FusedBatchNorm') {
      const [scale, offset, mean, variance] = [2, 3, 4, 5].map((k) => constant(inputs[k] as string).data);
      const epsilon = attr.epsilon?.f ?? 0.001;
      bias = new Float32Array(cout);
      const per = weights.length / cout;
      for (let o = 0; o < cout; o++) {
        const k = (scale?.[o] as number) / Math.sqrt((variance?.[o] as number) + epsilon);
        for (let j = 0; j < per; j++) weights[o * per + j] = (weights[o * per + j] as number) * k;
        bias[o] = (offset?.[o] as number) - (mean?.[o] as number) * k;
      }
      rest = fused.slice(1);
    }
    const strides = ints(attr.strides);
    const dilations = ints(attr.dilations);
    const s: [number, number] = [strides[1] ?? 1, strides[2] ?? 1];
    const d: [number, number] = [dilations[1] ?? 1, dilations[2] ?? 1];
    const { pads, out } = window(attr, t.shape, [kh, kw], s, d);
    const w = b.initializer(`${node.name}/weights`, [cout, depthwise ? 1 : cin, kh, kw], weights);
    const convInputs = [b.op('Transpose', [t.name], `${node.name}/nchw`, { perm: toNchw }), w];
    if (bias) convInputs.push(b.initializer(`${node.name}/bias`, [cout], bias));
    let y = b.op('Conv', convInputs, `${node.name}/conv`, { kernel_shape: [kh, kw], strides: s, dilations: d, pads, group: depthwise ? cin : 1 });
    for (const kind of rest) y = activation(kind, y, `${node.name}/${kind}`, attr);
    set(node, b.op('Transpose', [y], node.name, { perm: toNhwc }), [t.shape[0] as number, out[0] as number, out[1] as number, cout]);
  }

  function pool(node: TfNode, inputs: string[]): void {
    const attr = node.attr ?? {};
    const t = tensor(inputs[0] as string);
    const k = ints(attr.ksize);
    const st = ints(attr.strides);
    const kernel: [number, number] = [k[1] ?? 1, k[2] ?? 1];
    const strides: [number, number] = [st[1] ?? 1, st[2] ?? 1];
    const { pads, out } = window(attr, t.shape, kernel, strides, [1, 1]);
    const nchw = b.op('Transpose', [t.name], `${node.name}/nchw`, { perm: toNchw });
    // TF averages over the pixels inside the image only, which is ONNX's count_include_pad = 0.
    const y = b.op(node.op === 'MaxPool' ? 'MaxPool' : 'AveragePool', [nchw], `${node.name}/pool`, { kernel_shape: kernel, strides, pads });
    set(node, b.op('Transpose', [y], node.name, { perm: toNhwc }), [t.shape[0] as number, out[0] as number, out[1] as number, t.shape[3] as number]);
  }

  function reduce(node: TfNode, inputs: string[]): void {
    const t = tensor(inputs[0] as string);
    const rank = t.shape.length;
    const axes = [...constant(inputs[1] as string).data].map((a) => (Number(a) + rank) % rank);
    const keep = node.attr?.keep_dims?.b ?? false;
    const shape = keep ? t.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : t.shape.filter((_, i) => !axes.includes(i));
    const op = { Mean: 'ReduceMean', Max: 'ReduceMax', Sum: 'ReduceSum' }[node.op] as string;
    // Opset 13 takes ReduceSum's axes as an input and the others' as an attribute.
    const y = op === 'ReduceSum' ? b.op(op, [t.name, b.int64s(`${node.name}/axes`, axes)], node.name, { keepdims: keep ? 1 : 0 }) : b.op(op, [t.name], node.name, { axes, keepdims: keep ? 1 : 0 });
    set(node, y, shape);
  }

  function concat(node: TfNode, inputs: string[]): void {
    const parts = inputs.slice(0, -1).map(tensor);
    const rank = parts[0]?.shape.length ?? 1;
    const axis = (Number(constant(inputs[inputs.length - 1] as string).data[0]) + rank) % rank;
    const shape = [...(parts[0]?.shape ?? [])];
    shape[axis] = parts.some((p) => (p.shape[axis] as number) < 0) ? -1 : parts.reduce((sum, p) => sum + (p.shape[axis] as number), 0);
    set(node, b.op('Concat', parts.map((p) => p.name), node.name, { axis }), shape);
  }

  function reshape(node: TfNode, inputs: string[]): void {
    const t = tensor(inputs[0] as string);
    const target = [...constant(inputs[1] as string).data].map(Number);
    const known = t.shape.every((d) => d >= 0);
    const shape = [...target];
    if (known && target.includes(-1)) {
      const total = t.shape.reduce((a, c) => a * c, 1);
      const rest = target.filter((d) => d !== -1).reduce((a, c) => a * c, 1);
      shape[target.indexOf(-1)] = total / rest;
    }
    set(node, b.op('Reshape', [t.name, b.int64s(`${node.name}/shape`, target)], node.name), shape);
  }

  function resize(node: TfNode, inputs: string[]): void {
    const attr = node.attr ?? {};
    const t = tensor(inputs[0] as string);
    const [oh, ow] = [...constant(inputs[1] as string).data].map(Number) as [number, number];
    const [ih, iw] = [t.shape[1] as number, t.shape[2] as number];
    if (ih < 0 || iw < 0) throw new Error(`resize '${node.name}' needs a known input size`);
    const alignCorners = attr.align_corners?.b ?? false;
    const halfPixel = attr.half_pixel_centers?.b ?? false;
    const nearest = node.op === 'ResizeNearestNeighbor';
    const attrs: Record<string, AttrValue> = nearest
      ? {
          mode: 'nearest',
          // TF's half-pixel nearest source is floor((x + 0.5) · in/out), which is round-half-up of ONNX's half_pixel coordinate.
          coordinate_transformation_mode: alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric',
          nearest_mode: alignCorners || halfPixel ? 'round_prefer_ceil' : 'floor',
        }
      : { mode: 'linear', coordinate_transformation_mode: alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric' };
    const nchw = b.op('Transpose', [t.name], `${node.name}/nchw`, { perm: toNchw });
    const scales = b.floats(`${node.name}/scales`, [1, 1, oh / ih, ow / iw]);
    const y = b.op('Resize', [nchw, '', scales], `${node.name}/resize`, attrs);
    set(node, b.op('Transpose', [y], node.name, { perm: toNhwc }), [t.shape[0] as number, oh, ow, t.shape[3] as number]);
  }

  function pad(node: TfNode, inputs: string[]): void {
    const t = tensor(inputs[0] as string);
    const p = [...constant(inputs[1] as string).data].map(Number);
    const rank = t.shape.length;
    const pads = [...Array.from({ length: rank }, (_, i) => p[2 * i] as number), ...Array.from({ length: rank }, (_, i) => p[2 * i + 1] as number)];
    const padInputs = [t.name, b.int64s(`${node.name}/pads`, pads)];
    if (node.op === 'PadV2') padInputs.push(b.floats(`${node.name}/value`, [Number(constant(inputs[2] as string).data[0])], []));
    const shape = t.shape.map((d, i) => (d < 0 ? -1 : d + (pads[i] as number) + (pads[i + rank] as number)));
    set(node, b.op('Pad', padInputs, node.name, { mode: 'constant' }), shape);
  }

  function stridedSlice(node: TfNode, inputs: string[]): void {
    const attr = node.attr ?? {};
    const t = tensor(inputs[0] as string);
    const [begin, end, strides] = [1, 2, 3].map((k) => [...constant(inputs[k] as string).data].map(Number)) as [number[], number[], number[]];
    if (int(attr.new_axis_mask)) throw new Error(`strided slice '${node.name}' uses a new-axis mask`);
    const ellipsisMask = int(attr.ellipsis_mask);
    if (ellipsisMask & (ellipsisMask - 1)) throw new Error(`strided slice '${node.name}' has more than one ellipsis`);
    const ellipsis = ellipsisMask ? Math.log2(ellipsisMask) : -1;
    const beginMask = int(attr.begin_mask);
    const endMask = int(attr.end_mask);
    const shrinkMask = int(attr.shrink_axis_mask);
    const rank = t.shape.length;
    const starts: number[] = [];
    const ends: number[] = [];
    const axes: number[] = [];
    const steps: number[] = [];
    const shrink: number[] = [];
    const shape = [...t.shape];
    begin.forEach((_, i) => {
      if (i === ellipsis) return;
      // Entries after an ellipsis count from the last dimension.
      const dim = ellipsis >= 0 && i > ellipsis ? rank - (begin.length - i) : i;
      const step = strides[i] ?? 1;
      let start = beginMask & (1 << i) ? (step > 0 ? 0 : -1) : (begin[i] as number);
      let stop = endMask & (1 << i) ? (step > 0 ? int64Max : -int64Max) : (end[i] as number);
      if (shrinkMask & (1 << i)) {
        start = begin[i] as number;
        stop = start === -1 ? int64Max : start + 1;
        shrink.push(dim);
      }
      starts.push(start);
      ends.push(stop);
      axes.push(dim);
      steps.push(step);
      const size = t.shape[dim] as number;
      if (size >= 0) {
        const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v < 0 ? v + size : v));
        const a = step > 0 ? clamp(start, 0, size) : clamp(start, -1, size - 1);
        const z = step > 0 ? clamp(stop, 0, size) : clamp(stop, -1, size - 1);
        shape[dim] = Math.max(0, Math.ceil((z - a) / step));
      }
    });
    let y = b.op('Slice', [t.name, b.int64s(`${node.name}/starts`, starts), b.int64s(`${node.name}/ends`, ends), b.int64s(`${node.name}/axes`, axes), b.int64s(`${node.name}/steps`, steps)], shrink.length ? `${node.name}/slice` : node.name);
    if (shrink.length) y = b.op('Squeeze', [y, b.int64s(`${node.name}/squeeze`, shrink)], node.name);
    set(node, y, shape.filter((_, i) => !shrink.includes(i)));
  }

  function matMul(node: TfNode, inputs: string[]): void {
    const attr = node.attr ?? {};
    let a = tensor(inputs[0] as string);
    if (attr.transpose_a?.b) a = { name: b.op('Transpose', [a.name], `${node.name}/a`, { perm: [1, 0] }), shape: [a.shape[1] as number, a.shape[0] as number] };
    const bv = value(inputs[1] as string);
    let right: { name: string; shape: number[] };
    if (bv.kind === 'const' && attr.transpose_b?.b) {
      const [rows, cols] = bv.weight.shape as [number, number];
      const src = bv.weight.data as Float32Array;
      const data = new Float32Array(rows * cols);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[c * rows + r] = src[r * cols + c] as number;
      right = { name: b.initializer(`${node.name}/b`, [cols, rows], data), shape: [cols, rows] };
    } else {
      right = tensor(inputs[1] as string);
      if (attr.transpose_b?.b) right = { name: b.op('Transpose', [right.name], `${node.name}/b`, { perm: [1, 0] }), shape: [right.shape[1] as number, right.shape[0] as number] };
    }
    const fused = (attr.fused_ops?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
    let y = b.op('MatMul', [a.name, right.name], `${node.name}/matmul`);
    let rest = fused;
    if (fused[0] === 'BiasAdd') {
      y = b.op('Add', [y, tensor(inputs[2] as string).name], `${node.name}/bias`);
      rest = fused.slice(1);
    }
    for (const kind of rest) y = activation(kind, y, `${node.name}/${kind}`, attr);
    set(node, b.op('Identity', [y], node.name), [a.shape[0] as number, right.shape[1] as number]);
  }
}
