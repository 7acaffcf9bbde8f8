import { onnxAttributeType, onnxDataType, onnxModelType } from './onnxSchema.js';

export type AttrValue = number | string | number[] | { floats: number[] } | { float: number };

interface AttributeObject {
  name: string;
  type: number;
  i?: number;
  f?: number;
  s?: Uint8Array;
  ints?: number[];
  floats?: number[];
}

interface NodeObject {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  attribute: AttributeObject[];
}

interface TensorObject {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

export type InitializerData = Float32Array | Int32Array | BigInt64Array;

/** A float tensor's declared shape; -1 becomes a named dimension (the batch). */
export interface GraphValue {
  name: string;
  shape: readonly number[];
}

function attribute(name: string, value: AttrValue): AttributeObject {
  // Integers and floats are told apart by the caller: an integral number is an INT, { float } a FLOAT.
  if (typeof value === 'number') return { name, type: onnxAttributeType.int, i: value };
  if (typeof value === 'string') return { name, type: onnxAttributeType.string, s: Buffer.from(value, 'utf8') };
  if (Array.isArray(value)) return { name, type: onnxAttributeType.ints, ints: value };
  if ('floats' in value) return { name, type: onnxAttributeType.floats, floats: value.floats };
  return { name, type: onnxAttributeType.float, f: value.float };
}

function dataType(data: InitializerData): number {
  if (data instanceof Float32Array) return onnxDataType.float;
  if (data instanceof Int32Array) return onnxDataType.int32;
  return onnxDataType.int64;
}

const valueInfo = (value: GraphValue) => ({
  name: value.name,
  type: { tensor_type: { elem_type: onnxDataType.float, shape: { dim: value.shape.map((d) => (d < 0 ? { dim_param: 'batch' } : { dim_value: d })) } } },
});

/** Collects ONNX nodes and initializers in order and encodes them as a ModelProto. */
export class OnnxGraphBuilder {
  private readonly nodes: NodeObject[] = [];
  private readonly initializers: TensorObject[] = [];
  private readonly usedNames = new Set<string>();
  private counter = 0;

  /** A tensor name not used before, derived from `base`. */
  fresh(base: string): string {
    let name = base;
    while (this.usedNames.has(name)) name = `${base}__${++this.counter}`;
    this.usedNames.add(name);
    return name;
  }

  /** Reserves a name that must be kept as is (a graph input or output). */
  reserve(name: string): string {
    if (this.usedNames.has(name)) throw new Error(`tensor name '${name}' is used twice`);
    this.usedNames.add(name);
    return name;
  }

  node(op: string, inputs: readonly string[], outputs: readonly string[], attrs: Record<string, AttrValue> = {}): void {
    this.nodes.push({
      input: [...inputs],
      output: [...outputs],
      name: `${outputs[0] ?? op}#${this.nodes.length}`,
      op_type: op,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
  }

  /** Adds a node with one fresh output and returns that output's name. */
  op(op: string, inputs: readonly string[], base: string, attrs: Record<string, AttrValue> = {}): string {
    const out = this.fresh(base);
    this.node(op, inputs, [out], attrs);
    return out;
  }

  initializer(base: string, dims: readonly number[], data: InitializerData): string {
    const name = this.fresh(base);
    this.initializers.push({ name, dims: [...dims], data_type: dataType(data), raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  int64s(base: string, values: readonly number[]): string {
    return this.initializer(base, [values.length], BigInt64Array.from(values.map((v) => BigInt(v))));
  }

  floats(base: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer(base, dims, Float32Array.from(values));
  }

  encode(options: { name: string; inputs: GraphValue[]; outputs: GraphValue[]; producerVersion: string; opset: number }): Uint8Array {
    const type = onnxModelType();
    const model = {
      ir_version: 8,
      producer_name: 'phototag-tfjs-to-onnx',
      producer_version: options.producerVersion,
      opset_import: [{ domain: '', version: options.opset }],
      graph: {
        name: options.name,
        node: this.nodes,
        initializer: this.initializers,
        input: options.inputs.map(valueInfo),
        output: options.outputs.map(valueInfo),
      },
    };
    return type.encode(type.fromObject(model)).finish();
  }
}
