import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { InferenceSession } from 'onnxruntime-node';
import { onnxFileName, readOnnxManifest, sha256Hex } from '../onnx/convertModels.js';
import type { OnnxModelName } from '../onnx/onnxModels.js';
import { cpuSessionOptions } from './cpuSessionOptions.js';
import type { GraphRunner } from './GraphRunner.js';

/** An ONNX file that cannot be used; the message names it and says how to rebuild it. */
export class OnnxFileError extends Error {
  override readonly name = 'OnnxFileError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

const rebuildHint = 'Run `npm run convert:onnx` to rebuild it.';

function readChecked(dir: string, name: OnnxModelName, sourceDir: string): Buffer {
  const file = path.join(dir, onnxFileName(name));
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OnnxFileError(file, `the ONNX model ${file} ${code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? String(error)})`}. ${rebuildHint}`);
  }
  // The manifest written with the files holds each one's sha256: a truncated or altered file is caught before
  // ONNX Runtime parses it (a truncated protobuf can still parse into a smaller, wrong graph).
  const entry = readOnnxManifest(dir)?.models[name];
  if (!entry) throw new OnnxFileError(file, `the ONNX model ${file} is not listed in ${path.join(dir, 'manifest.json')}. ${rebuildHint}`);
  if (sha256Hex(bytes) !== entry.sha256) throw new OnnxFileError(file, `the ONNX model ${file} is damaged (its sha256 differs from the manifest's). ${rebuildHint}`);
  // A graph converted from other weights than the ones asked for (another models folder, weights replaced or
  // damaged since) is another model: the tfjs one runs, and its own loading says what is wrong with the weights.
  for (const source of entry.sources) {
    const sourceFile = path.join(sourceDir, source.file);
    let sourceBytes: Buffer;
    try {
      sourceBytes = fs.readFileSync(sourceFile);
    } catch {
      throw new OnnxFileError(file, `the ONNX model ${file} was converted from ${sourceFile}, which cannot be read`);
    }
    if (sha256Hex(sourceBytes) !== source.sha256) throw new OnnxFileError(file, `the ONNX model ${file} was converted from other weights than ${sourceFile}. ${rebuildHint}`);
  }
  return bytes;
}

/** Opens a converted model on ONNX Runtime's CPU kernels, or throws OnnxFileError naming the file. */
export async function openOnnxRunner(dir: string, name: OnnxModelName, threads: number, sourceDir: string): Promise<GraphRunner> {
  const bytes = readChecked(dir, name, sourceDir);
  const ort = await import('onnxruntime-node');
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, cpuSessionOptions(threads));
  } catch (error) {
    throw new OnnxFileError(path.join(dir, onnxFileName(name)), `the ONNX model ${path.join(dir, onnxFileName(name))} could not be loaded by ONNX Runtime (${(error as Error).message.split('\n')[0]}). ${rebuildHint}`);
  }
  const inputName = session.inputNames[0] as string;
  return {
    engine: 'onnxruntime',
    async run(input, outputs) {
      const data = (await input.data()) as Float32Array;
      const feeds = { [inputName]: new ort.Tensor('float32', data, input.shape) };
      const names = outputs ? [...outputs] : [...session.outputNames];
      const results = await session.run(feeds, names);
      return names.map((n) => {
        const r = results[n];
        if (!r) throw new Error(`ONNX model ${name} has no output '${n}'`);
        return tf.tensor(r.data as Float32Array, [...r.dims]);
      });
    },
    dispose: () => void session.release(),
  };
}
