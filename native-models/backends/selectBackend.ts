import { BackendUnavailableError } from './BackendCandidate.js';
import type { BackendCandidate, BackendName, BackendSelection, SkippedBackend } from './BackendCandidate.js';
import { defaultCandidates } from './defaultCandidates.js';

export interface SelectBackendOptions {
  /** The chain to try, in order; tests inject failing candidates here. Defaults to defaultCandidates(). */
  candidates?: readonly BackendCandidate[];
  /** Start the chain at this backend (e.g. 'wasm' to measure what most machines run); later ones remain fallbacks. */
  startAt?: BackendName;
  /** ONNX Runtime's intra-op threads, when the default chain is used. */
  onnxThreads?: number;
}

/** Makes the first candidate that loads the active tfjs backend, and says why each earlier one was passed over. */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendSelection> {
  const all = options.candidates ?? defaultCandidates(options.onnxThreads === undefined ? {} : { onnxThreads: options.onnxThreads });
  const start = options.startAt ? all.findIndex((c) => c.name === options.startAt) : 0;
  if (start < 0) throw new Error(`unknown backend '${options.startAt}'; known: ${all.map((c) => c.name).join(', ')}`);
  const reasons: SkippedBackend[] = all.slice(0, start).map((c) => ({ backend: c.name, skippedBecause: `not requested (started at ${options.startAt})` }));
  for (const candidate of all.slice(start)) {
    try {
      const details = await candidate.load();
      return { name: candidate.name, reasons, ...details };
    } catch (error) {
      const message = error instanceof BackendUnavailableError ? error.message : `failed to initialise: ${(error as Error).message}`;
      reasons.push({ backend: candidate.name, skippedBecause: message });
    }
  }
  throw new Error(`no tfjs backend could be loaded: ${reasons.map((r) => `${r.backend}: ${r.skippedBecause}`).join('; ')}`);
}
