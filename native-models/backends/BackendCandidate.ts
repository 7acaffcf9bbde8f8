/** The tfjs backends Phototag can run on, fastest first. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'onnxruntime' | 'wasm' | 'cpu';

/** What a candidate reports once it is the active tfjs backend. */
export interface BackendDetails {
  simd?: boolean;
  threads?: number;
  /** Under onnxruntime: the tfjs backend that runs the pre- and post-processing around each graph. */
  tensorBackend?: string;
}

/**
 * One step of the backend chain. `load` makes it the active tfjs backend or throws BackendUnavailableError with
 * a reason a person can act on; any other error is reported by its message.
 */
export interface BackendCandidate {
  name: BackendName;
  load(): Promise<BackendDetails>;
}

/** A candidate that cannot run here, and why (shown by `phototag doctor`). */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}

export interface SkippedBackend {
  backend: BackendName;
  skippedBecause: string;
}

export interface BackendSelection extends BackendDetails {
  name: BackendName;
  /** The candidates tried before the chosen one, in order, each with the reason it was passed over. */
  reasons: SkippedBackend[];
  /** Models that could not run on the chosen backend and run on the next one, each with why (a missing ONNX file). */
  fallbacks?: string[];
}
