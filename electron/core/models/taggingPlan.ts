import { cudaUnavailableReason, isModuleInstalled } from '../../../native-models/backends/moduleAvailability.js';
import type { TaggerProfile } from '../../../native-models/tagger/taggerProfile.js';

/**
 * How a library gets its tags: 'fast' only; 'fast-then-accurate' (the default): indexed with 'fast' so every
 * photo is searchable soon, then re-tagged with 'accurate' in the background while the indexer is idle; or
 * 'accurate' only.
 */
export type Tagging = 'fast' | 'fast-then-accurate' | 'accurate';

export const taggings: readonly Tagging[] = ['fast', 'fast-then-accurate', 'accurate'];

export interface TaggingPlan {
  /** The tagger that indexes new and changed photos. */
  first: TaggerProfile;
  /** The tagger that re-tags them afterwards in the background; null: none. */
  improve: TaggerProfile | null;
}

/**
 * The taggers a choice runs. With a GPU backend 'accurate' costs about what 'fast' does on a CPU, so
 * 'fast-then-accurate' goes straight to 'accurate' there: a second pass would only cost time.
 */
export function taggingPlan(tagging: Tagging, gpu: boolean): TaggingPlan {
  if (tagging === 'fast') return { first: 'fast', improve: null };
  if (tagging === 'accurate' || gpu) return { first: 'accurate', improve: null };
  return { first: 'fast', improve: 'accurate' };
}

/** Whether the CUDA backend will load (its module is installed and CUDA is there), without loading it. */
export function gpuBackendAvailable(): boolean {
  return isModuleInstalled('@tensorflow/tfjs-node-gpu') && cudaUnavailableReason() === null;
}
