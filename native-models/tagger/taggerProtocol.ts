// The messages between TaggerPool and its worker threads.
import type { BackendSelection } from '../backends/BackendCandidate.js';
import type { TaggerOptions } from './createTagger.js';
import type { TaggerProfile } from './taggerProfile.js';

export interface TaggerWorkerData {
  options: TaggerOptions;
}

export interface TaggerWorkerInfo {
  backend: BackendSelection;
  profile: TaggerProfile;
  threshold: number;
  version: string;
  loadMs: number;
}

/** Pixels cross the thread boundary as plain bytes; the worker rewraps them as Buffers. */
export interface WirePhoto {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface TagBatchRequest {
  photos: WirePhoto[];
}
