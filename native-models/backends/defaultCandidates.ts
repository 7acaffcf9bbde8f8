import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BackendUnavailableError } from './BackendCandidate.js';
import type { BackendCandidate, BackendDetails } from './BackendCandidate.js';
import { cudaUnavailableReason, isModuleInstalled } from './moduleAvailability.js';

const require = createRequire(import.meta.url);

async function activate(backend: string): Promise<void> {
  // setBackend resolves false (rather than throwing) when the backend's factory fails.
  if (!(await tf.setBackend(backend))) throw new BackendUnavailableError(`tfjs could not initialise the '${backend}' backend`);
  await tf.ready();
}

/**
 * tfjs-node and tfjs-node-gpu register the same 'tensorflow' backend when imported; a specifier held in a variable
 * keeps TypeScript from demanding their types, which are absent whenever their optional install failed.
 */
async function loadTensorflow(specifier: string): Promise<BackendDetails> {
  if (!isModuleInstalled(specifier)) throw new BackendUnavailableError(`module not installed (${specifier})`);
  try {
    await import(specifier);
  } catch (error) {
    throw new BackendUnavailableError(`libtensorflow failed to load: ${(error as Error).message.split('\n')[0]}`);
  }
  await activate('tensorflow');
  return {};
}

function wasmBinaryDir(): string {
  // A plain directory path (with trailing separator) makes the Emscripten loader read the .wasm with fs, never fetch.
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

async function loadWasm(): Promise<BackendDetails> {
  setWasmPaths(wasmBinaryDir());
  await activate('wasm');
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const backend = tf.backend() as unknown as { wasm?: { tfjs?: { getThreadsCount?: () => number } } };
  const threads = backend.wasm?.tfjs?.getThreadsCount?.() ?? 1;
  return { simd, threads };
}

/**
 * ONNX Runtime runs the converted graphs on its own multi-threaded CPU kernels; the tensors around them (letterbox,
 * peak decoding) stay in tfjs, on WebAssembly or else plain JavaScript, so the pre- and post-processing code is the
 * same as on every other backend.
 */
async function loadOnnxRuntime(threads: number): Promise<BackendDetails> {
  if (!isModuleInstalled('onnxruntime-node')) throw new BackendUnavailableError('module not installed (onnxruntime-node)');
  try {
    await import('onnxruntime-node');
  } catch (error) {
    throw new BackendUnavailableError(`its native runtime failed to load: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    const wasm = await loadWasm();
    return { threads, tensorBackend: 'wasm', ...(wasm.simd === undefined ? {} : { simd: wasm.simd }) };
  } catch {
    await activate('cpu');
    return { threads, tensorBackend: 'cpu' };
  }
}

export interface CandidateOptions {
  /** ONNX Runtime's intra-op threads per worker (default 1); the caller picks it with the worker count. */
  onnxThreads?: number;
}

/**
 * The default chain: CUDA, native TensorFlow, ONNX Runtime's CPU kernels, WebAssembly (SIMD when the runtime has
 * it), plain JavaScript.
 */
export function defaultCandidates(options: CandidateOptions = {}): BackendCandidate[] {
  return [
    {
      name: 'tensorflow-gpu',
      load: async () => {
        if (!isModuleInstalled('@tensorflow/tfjs-node-gpu')) throw new BackendUnavailableError('module not installed (@tensorflow/tfjs-node-gpu)');
        const noCuda = cudaUnavailableReason();
        if (noCuda) throw new BackendUnavailableError(noCuda);
        return loadTensorflow('@tensorflow/tfjs-node-gpu');
      },
    },
    { name: 'tensorflow', load: () => loadTensorflow('@tensorflow/tfjs-node') },
    { name: 'onnxruntime', load: () => loadOnnxRuntime(Math.max(1, options.onnxThreads ?? 1)) },
    { name: 'wasm', load: loadWasm },
    {
      name: 'cpu',
      load: async () => {
        await activate('cpu');
        return {};
      },
    },
  ];
}
