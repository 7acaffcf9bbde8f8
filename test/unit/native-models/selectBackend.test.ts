import { describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../../../native-models/backends/BackendCandidate.js';
import type { BackendCandidate, BackendName } from '../../../native-models/backends/BackendCandidate.js';
import { selectBackend } from '../../../native-models/backends/selectBackend.js';

const ok = (name: BackendName, details = {}): BackendCandidate => ({ name, load: async () => details });
const unavailable = (name: BackendName, reason: string): BackendCandidate => ({
  name,
  load: async () => {
    throw new BackendUnavailableError(reason);
  },
});

describe('selectBackend', () => {
  it('falls back past candidates that fail to load and says why each was skipped', async () => {
    const crashing: BackendCandidate = {
      name: 'tensorflow',
      load: async () => {
        throw new Error('libtensorflow.so.2: cannot open shared object file');
      },
    };
    const selection = await selectBackend({
      candidates: [unavailable('tensorflow-gpu', 'no CUDA device'), crashing, ok('wasm', { simd: true, threads: 1 }), ok('cpu')],
    });
    expect(selection).toEqual({
      name: 'wasm',
      simd: true,
      threads: 1,
      reasons: [
        { backend: 'tensorflow-gpu', skippedBecause: 'no CUDA device' },
        { backend: 'tensorflow', skippedBecause: 'failed to initialise: libtensorflow.so.2: cannot open shared object file' },
      ],
    });
  });

  it('starts the chain where asked and keeps later candidates as fallbacks', async () => {
    const selection = await selectBackend({ startAt: 'wasm', candidates: [ok('tensorflow'), unavailable('wasm', 'no WebAssembly'), ok('cpu')] });
    expect(selection.name).toBe('cpu');
    expect(selection.reasons.map((r) => r.backend)).toEqual(['tensorflow', 'wasm']);
    expect(selection.reasons[1]?.skippedBecause).toBe('no WebAssembly');
  });

  it('fails with every reason when nothing loads', async () => {
    await expect(selectBackend({ candidates: [unavailable('wasm', 'broken'), unavailable('cpu', 'also broken')] })).rejects.toThrow(/wasm: broken; cpu: also broken/);
  });

  it('on this machine picks ONNX Runtime (tensors around it on wasm with SIMD) and reports the missing native modules', async () => {
    const selection = await selectBackend();
    const reasons = Object.fromEntries(selection.reasons.map((r) => [r.backend, r.skippedBecause]));
    // tfjs-node(-gpu) are optional dependencies whose install fails without a libtensorflow download.
    if (selection.name === 'onnxruntime' || selection.name === 'wasm') {
      expect(reasons['tensorflow']).toMatch(/module not installed|libtensorflow failed to load/);
      expect(reasons['tensorflow-gpu']).toMatch(/module not installed|no CUDA device|libtensorflow failed to load/);
      expect(selection.simd).toBe(true);
      expect(selection.threads).toBeGreaterThanOrEqual(1);
      if (selection.name === 'onnxruntime') expect(selection.tensorBackend).toBe('wasm');
    } else {
      expect(['tensorflow-gpu', 'tensorflow']).toContain(selection.name);
    }
  });
});
